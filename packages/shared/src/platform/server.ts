import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyPluginCallback } from 'fastify';
import closeWithGrace from 'close-with-grace';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { serverOptions } from './logger';
import type { BaseEnv } from './config';
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

/** The thin shell: build, listen, and on a signal finish in-flight work and close (PLT-10). */
export async function runServer<Env extends BaseEnv>(name: string, plugin: AppPlugin, config: Env): Promise<void> {
  // Off unless OTEL_TRACES_EXPORTER names an exporter; before the app, whose hooks depend on it.
  const traced = startTracing(name);
  const app = await buildApp(name, plugin, config);
  if (traced) app.log.info({ exporters: tracesExporters() }, 'OpenTelemetry traces on');
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) app.log.error({ err }, 'Closing after a fatal error');
    else app.log.info({ signal }, 'Closing');
    await app.close();
    await stopTracing(); // exports the spans still batched
  });
  await app.listen({ host: config.HOST, port: config.PORT });
}
