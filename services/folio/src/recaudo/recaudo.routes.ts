import type { FastifyInstance } from 'fastify';
import { runtime } from '../runtime';
import depositorsRoutes from './depositors.routes';
import { FileJobRunner } from './files.job';
import filesRoutes, { MAX_FILE_BYTES } from './files.routes';
import noticesRoutes from './notices.routes';
import { agreementOf } from './recaudo.config';
import reconciliationRoutes from './reconciliation.routes';
import reviewRoutes from './review.routes';

/** Bank deposits: depositors, real-time notices, Asobancaria 2001 files, reconciliation (FOL-04 … FOL-06, FOL-17). */
export default async function recaudoRoutes(app: FastifyInstance): Promise<void> {
  const agreement = () => agreementOf(runtime(app).config);
  // Collection files arrive as they are: fixed-width text, read byte-wise (asobancaria-2001.md §1).
  app.addContentTypeParser(
    ['text/plain', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES },
    (_req, body, done) => done(null, body),
  );
  let runner: FileJobRunner | undefined;
  app.addHook('onReady', async () => {
    if (!app.hasDecorator('runtime')) return;
    runner = new FileJobRunner(runtime(app).db, app.log, agreement());
    runner.start();
  });
  app.addHook('onClose', async () => runner?.stop());
  await app.register(depositorsRoutes);
  await app.register(noticesRoutes, { agreement });
  await app.register(filesRoutes, { agreement, kick: () => runner?.kick() });
  await app.register(reconciliationRoutes);
  await app.register(reviewRoutes);
}
