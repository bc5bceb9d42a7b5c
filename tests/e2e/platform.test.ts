import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '@eron/shared/platform';
import { bearer, eventually } from '@eron/shared/testing';
import { admissionRequest } from '../../services/classification/test/admission.factory';
import { SERVICE_APPS } from '../../scripts/suite';
import { api } from '../support/client';
import { receiveIntakeCash, startSuite, type RunningSuite } from '../support/suite';

const root = resolve(__dirname, '../..');

describe('PLT-01 the workspace the customer asked for', () => {
  it('PLT-01 when the repo is read then Node ≥ 22, a pinned pnpm, the five services, the shared package and a rule against cross-service imports are there', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { engines: { node: string }; packageManager: string };
    expect(pkg.engines.node).toBe('>=22');
    expect(pkg.packageManager).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
    for (const s of ['gateway', 'classification', 'folio', 'discipline', 'visits']) {
      expect(JSON.parse(readFileSync(resolve(root, `services/${s}/package.json`), 'utf8')).name).toBe(`@eron/${s}`);
    }
    // `pnpm lint` runs dependency-cruiser with this rule; here we only check the rule is there.
    expect(readFileSync(resolve(root, '.dependency-cruiser.cjs'), 'utf8')).toContain("name: 'no-cross-service-imports'");
  });
});

describe('PLT-07 and PLT-17: own schemas, events once with instances side by side', () => {
  let suite: RunningSuite;
  beforeAll(async () => {
    suite = await startSuite();
  });
  afterAll(async () => suite.close());

  it('PLT-07 when a service queries another service’s table then it does not exist for it; each schema has its own migrations', async () => {
    const { classification, folio } = suite.services;
    await expect(sql`SELECT count(*) FROM ppl`.execute(classification.app.db)).resolves.toBeTruthy();
    await expect(sql`SELECT count(*) FROM ppl`.execute(folio.app.db)).rejects.toThrow(/does not exist/);
    await expect(sql`SELECT count(*) FROM folios`.execute(classification.app.db)).rejects.toThrow(/does not exist/);
    for (const { app } of Object.values(suite.services)) {
      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM kysely_migration`.execute(app.db);
      expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    }
  });

  it('PLT-17 when two folio instances consume side by side then every admission opens one Folio and credits its cash once', async () => {
    const second = await buildApp('folio', SERVICE_APPS.folio, suite.config);
    try {
      const headers = { 'content-type': 'application/json', ...bearer(['gate_officer'], ['113']) };
      const admitted = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const body = admissionRequest({ cashAtIntake: { amount: 10_000 + i, actaNumber: `ACTA-TWIN-${i}`, searchDate: '2026-11-24' } });
          return (await api(suite.url, headers).POST('/api/v1/classification/admissions', { body })).data!;
        }),
      );
      const nuis = admitted.map((a) => a.nui);
      const db = suite.services.folio.app.db;
      await eventually(
        async () => (await db.selectFrom('folios').select('nui').where('nui', 'in', nuis).execute()).length === 20,
        15_000,
        'twenty Folios',
      );
      for (const nui of nuis) await receiveIntakeCash(suite, nui);
      const received = async () =>
        (await db.selectFrom('intake_cash').select('nui').where('nui', 'in', nuis).where('transaction_id', 'is not', null).execute())
          .length === 20;
      await eventually(received, 15_000, 'twenty receipts');
      const credits = await db
        .selectFrom('ledger_transactions')
        .select(['nui'])
        .where('kind', '=', 'intake_cash')
        .where('nui', 'in', nuis)
        .execute();
      expect(credits).toHaveLength(20);
      const balances = await db
        .selectFrom('ledger_accounts')
        .select(['nui', 'balance'])
        .where('kind', '=', 'ppl_available')
        .where('nui', 'in', nuis)
        .execute();
      for (const a of admitted) expect(balances.find((b) => b.nui === a.nui)?.balance).toBe(a.cashAtIntake?.amount);
    } finally {
      await second.close();
    }
  });
});
