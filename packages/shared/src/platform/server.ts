import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyPluginCallback } from 'fastify';
import closeWithGrace from 'close-with-grace';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { serverOptions } from './logger';
import type { BaseEnv } from './config';
import { createDb, migrateToLatest } from './db';
import { allMigrations, type ServiceDefinition } from './service.plugin';
import { startTracing, stopTracing, tracesExporters } from './tracing';

/** Builds the Fastify instance for a service plugin; used by the server and by the tests alike. */

type AppPlugin = FastifyPluginAsync<any> | FastifyPluginCallback<any>;

export async function buildApp<Env extends BaseEnv>(
  name: string,
  plugin: AppPlugin,
  config: Env,
  opts: { background?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify(serverOptions({ logLevel: config.LOG_LEVEL, service: name })).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(plugin, { config, ...opts });
  await app.ready();
  return app;
}

/**
 * How long a closing process gives its in-flight requests and jobs before it exits anyway (PLT-10).
 * Whatever stops it must wait longer: docker-compose's stop_grace_period, the Kubernetes
 * Deployments' terminationGracePeriodSeconds (checked by `pnpm k8s:check`).
 */
export const DRAIN_TIMEOUT_MS = 10_000;

/** The thin shell: build, listen, and on a signal finish in-flight work and close (PLT-10). */
export async function runServer<Env extends BaseEnv>(name: string, plugin: AppPlugin, config: Env): Promise<void> {
  // Off unless OTEL_TRACES_EXPORTER names an exporter; before the app, whose hooks depend on it.
  const traced = startTracing(name);
  const app = await buildApp(name, plugin, config);
  if (traced) app.log.info({ exporters: tracesExporters() }, 'OpenTelemetry traces on');
  closeWithGrace({ delay: DRAIN_TIMEOUT_MS }, async ({ err, signal }) => {
    if (err) app.log.error({ err }, 'Closing after a fatal error');
    else app.log.info({ signal }, 'Closing');
    await app.close();
    await stopTracing(); // exports the spans still batched
  });
  await app.listen({ host: config.HOST, port: config.PORT });
}

/**
 * A service's migrations and nothing else, then exit: what the release's migrations Job runs
 * (`services/<name>/dist/migrate.js`) while the services start with MIGRATE_ON_START=false.
 */
export async function runMigrations(def: Pick<ServiceDefinition<unknown>, 'name' | 'migrations'>, config: BaseEnv): Promise<void> {
  const db = createDb(config.DATABASE_URL, def.name, 2);
  try {
    const ran = await migrateToLatest(db, def.name, allMigrations(def.migrations));
    console.log(JSON.stringify({ service: def.name, migrations: ran.length ? ran : 'up to date' }));
  } catch (err) {
    console.error(err);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}
