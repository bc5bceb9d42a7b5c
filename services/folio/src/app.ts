import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { servicePlatform, type ServiceDefinition, type ServiceOptions } from '@eron/shared/platform';
import { accountEvents } from './accounts/account.events';
import accountRoutes from './accounts/account.routes';
import beneficiariesRoutes from './beneficiaries/beneficiaries.routes';
import { wallClock } from './clock';
import { loadFolioConfig, type FolioConfig } from './config';
import type { FolioTables } from './db';
import { incomeEvents } from './income/income.events';
import exitsRoutes from './income/exits.routes';
import seizuresRoutes from './income/seizures.routes';
import workPayRoutes from './income/work-pay.routes';
import limitsRoutes from './limits/limits.routes';
import { migrations } from './migrations';
import depositorsRoutes from './recaudo/depositors.routes';
import { fileJobs, stopFileDrain } from './recaudo/files.jobs';
import filesRoutes from './recaudo/files.routes';
import noticesRoutes from './recaudo/notices.routes';
import { agreementOf } from './recaudo/recaudo.config';
import reconciliationRoutes from './recaudo/reconciliation.routes';
import reviewRoutes from './recaudo/review.routes';
import establishmentRoutes from './reports/establishment.routes';
import shopAccountsRoutes from './reports/shop-accounts.routes';
import statementRoutes from './reports/statement.routes';
import { runtime } from './runtime';
import capsRoutes from './spending/caps.routes';
import { phoneJobs } from './spending/phone.jobs';
import phoneRoutes from './spending/phone.routes';
import purchaseRoutes from './spending/purchase.routes';
import reversalRoutes from './spending/reversal.routes';
import shopRoutes from './spending/shop.routes';
import withdrawalRoutes from './spending/withdrawal.routes';

/** Every capability's routes, in the order of the spec. */
async function routes(app: FastifyInstance): Promise<void> {
  await app.register(accountRoutes);
  await app.register(limitsRoutes);
  // Bank deposits: depositors, real-time notices, Asobancaria 2001 files, reconciliation, review (FOL-04 … FOL-06, FOL-17).
  await app.register(depositorsRoutes);
  await app.register(noticesRoutes);
  await app.register(filesRoutes);
  await app.register(reconciliationRoutes);
  await app.register(reviewRoutes);
  // Spending: caps, uses of Art. 41, the shop, phone credit (FOL-07 … FOL-10).
  await app.register(capsRoutes);
  await app.register(shopRoutes);
  await app.register(purchaseRoutes);
  await app.register(withdrawalRoutes);
  await app.register(reversalRoutes);
  await app.register(phoneRoutes);
  // Work pay, seized cash, transfers and payouts (FOL-11 … FOL-15).
  await app.register(workPayRoutes);
  await app.register(seizuresRoutes);
  await app.register(beneficiariesRoutes);
  await app.register(exitsRoutes);
  // Statements and establishment reports (FOL-16, FOL-17).
  await app.register(statementRoutes);
  await app.register(establishmentRoutes);
  await app.register(shopAccountsRoutes);
}

export const definition = {
  name: 'folio' as const,
  title: 'ERON — folio',
  description: 'Each PPL’s money account (Folio): ledger, bank deposits, caps, shop, phone credit, work pay, payouts.',
  migrations,
  routes,
  handlers: { ...accountEvents, ...incomeEvents },
  jobs: { ...fileJobs, ...phoneJobs },
} satisfies ServiceDefinition<FolioTables, FolioConfig> & { routes: typeof routes };

/** The folio service: platform first, then its capabilities. */
export default fp<ServiceOptions<FolioConfig>>(
  async function folio(app, opts) {
    // Folio runs on its own typed settings whoever built it (the e2e suite gives only the common
    // ones): checked against its schema, defaults filled in, and the bank agreement read once.
    const config = loadFolioConfig(opts.config);
    agreementOf(config);
    app.decorate('folioClock', wallClock());
    await app.register(servicePlatform<FolioTables, FolioConfig>(definition), { ...opts, config });
    // A file job in flight stops after its batches (the next run resumes it), before the workers close.
    app.addHook('preClose', async () => stopFileDrain(runtime(app)));
    await app.register(definition.routes);
  },
  { name: 'folio' },
);
