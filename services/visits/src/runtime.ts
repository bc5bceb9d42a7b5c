import type { FastifyInstance } from 'fastify';
import { runtimeOf, type Ctx as PlatformCtx, type Reader as PlatformReader, type Runtime } from '@eron/shared/platform';
import type { VisitsConfig } from './config';
import type { VisitsTables } from './db';

/** What a visits use case is given: its transaction, actor, request ID, publish and audit. */
export type Ctx = PlatformCtx<VisitsTables>;
export type Reader = PlatformReader<VisitsTables>;
export type VisitsRuntime = Runtime<VisitsTables, VisitsConfig>;

/** Visits' typed platform: database, settings, jobs, and the ways a route runs a use case. */
export const runtime = (app: FastifyInstance): VisitsRuntime => runtimeOf<VisitsTables, VisitsConfig>(app);
