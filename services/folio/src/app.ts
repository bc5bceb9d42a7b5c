import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { servicePlatform, type ServiceOptions } from '@eron/shared/platform';
import { accountEvents } from './accounts/account.events';
import accountRoutes from './accounts/account.routes';
import type { FolioTables } from './db';
import { incomeEvents } from './income/income.events';
import incomeRoutes from './income/income.routes';
import limitsRoutes from './limits/limits.routes';
import { loadFolioConfig, type FolioConfig } from './config';
import { migrations } from './migrations';
import { agreementOf } from './recaudo/recaudo.config';
import recaudoRoutes from './recaudo/recaudo.routes';
import reportsRoutes from './reports/reports.routes';
import spendingRoutes from './spending/spending.routes';

/** Every capability's routes, in the order of the spec. */
async function routes(app: FastifyInstance): Promise<void> {
  await app.register(accountRoutes);
  await app.register(limitsRoutes);
  await app.register(recaudoRoutes);
  await app.register(spendingRoutes);
  await app.register(incomeRoutes);
  await app.register(reportsRoutes);
}

export const definition = {
  name: 'folio' as const,
  title: 'ERON — folio',
  description: 'Each PPL’s money account (Folio): ledger, bank deposits, caps, shop, phone credit, work pay, payouts.',
  migrations,
  routes,
  handlers: { ...accountEvents, ...incomeEvents },
};

/** The folio service: platform first, then its capabilities. */
export default fp<ServiceOptions<FolioConfig>>(
  async function folio(app, opts) {
    // Folio runs on its own typed settings whoever built it (the e2e suite gives only the common
    // ones): checked against its schema, defaults filled in, and the bank agreement read once.
    const config = loadFolioConfig(opts.config);
    agreementOf(config);
    await app.register(servicePlatform<FolioTables, FolioConfig>(definition), { ...opts, config });
    await app.register(definition.routes);
  },
  { name: 'folio' },
);
