import type { FastifyInstance } from 'fastify';
import { runtimeOf, type Ctx as PlatformCtx, type Reader as PlatformReader } from '@eron/shared/platform';
import type { ClassificationConfig } from './config';
import type { ClassificationTables } from './db';

/** What a classification use case is given: its transaction, actor, request ID, publish and audit. */
export type Ctx = PlatformCtx<ClassificationTables>;
export type Reader = PlatformReader<ClassificationTables>;

/** Classification's typed platform: database, settings, and the ways a route runs a use case. */
export const runtime = (app: FastifyInstance) => runtimeOf<ClassificationTables, ClassificationConfig>(app);
