import type { FastifyInstance } from 'fastify';
import { runtimeOf, type Ctx as PlatformCtx, type Reader as PlatformReader, type Runtime } from '@eron/shared/platform';
import type { DisciplineConfig } from './config';
import type { DisciplineTables } from './db';

/** What a discipline use case is given: its transaction, actor, request ID, publish and audit. */
export type Ctx = PlatformCtx<DisciplineTables>;
export type Reader = PlatformReader<DisciplineTables>;
export type DisciplineRuntime = Runtime<DisciplineTables, DisciplineConfig>;

/** Discipline's typed platform: database, settings, jobs, and the ways a route runs a use case. */
export const runtime = (app: FastifyInstance): DisciplineRuntime => runtimeOf<DisciplineTables, DisciplineConfig>(app);
