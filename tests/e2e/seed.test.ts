import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDb, type BaseEnv } from '@eron/shared/platform';
import { testConfig } from '@eron/shared/testing';
import { countryOf, person } from '../../scripts/seed/country';
import { seedCountry } from '../../scripts/seed/index';
import { admitted } from '../../scripts/seed/people';
import type { World } from '../../scripts/seed/world';
import { startSuite } from '../support/suite';
import { BashSession, DEMO_COUNTRY, PNPM_RUN_TSX, Walkthrough, walkthroughBlocks } from '../support/walkthrough';

/**
 * PLT-11: `pnpm seed` on a small country (200 PPL in the first six establishments) against its own
 * database: every part is made through the services' routes, the ledger balances, and a second run
 * adds nothing; then the README's calls about the demo country answer on it as the README says.
 * The full size (`--ppl 100000`, 132 establishments) is a documented command.
 */
describe('seed (PLT-11)', () => {
  let cleanup: () => Promise<void>;
  let env: Record<string, unknown>;

  beforeAll(async () => {
    const t = await testConfig({ OUTBOX_POLL_MS: 20 });
    cleanup = t.cleanup;
    // The bank file goes the way a large country's does (over RECAUDO_INLINE_CHECK_BYTES: kept, then
    // checked by the file job): 100 000 PPL make some 10 MB of it.
    env = { ...t.config, VIVIF_JITSI_SECRET: 'seed-test-only-not-a-jitsi-secret', RECAUDO_INLINE_CHECK_BYTES: 1024 };
  });
  afterAll(async () => cleanup(), 120_000);

  test('PLT-11 when the seed runs twice then the country is filled through the services, the ledger balances and the second run adds nothing', async () => {
    const first = await seedCountry({ ppl: 200, establishments: 6, env, quiet: true });
    expect(first.ledger).toEqual([]);
    const c = first.counts;
    expect(c['classification.establishments']).toBe(6);
    expect(c['classification.ppl']).toBe(200);
    expect(c['classification.placements']).toBe(200);
    expect(c['folio.folios']).toBe(200);
    expect(c['visits.vivif_devices']).toBe(Math.round((498 * 6) / 132));
    for (const part of [
      'folio.depositor_authorisations',
      'folio.recaudo_deposits',
      'folio.spend_uses',
      'visits.authorised_visitors',
      'visits.bookings',
      'visits.vivif_slots',
      'discipline.cases',
      'discipline.conduct_ratings',
    ]) {
      expect([part, c[part]! > 0]).toEqual([part, true]);
    }

    const second = await seedCountry({ ppl: 200, establishments: 6, env, quiet: true });
    expect(second.counts).toEqual(first.counts);
    expect(second.ledger).toEqual([]);
  }, 300_000);

  test('PLT-11 when the seed is run again the same day for more people then they are placed in the session the board held that day', async () => {
    // The board sits once a day (CLS-11): a run taken on the same day asked for a second session (409).
    const grown = await seedCountry({ ppl: 210, establishments: 6, env, quiet: true });
    expect(grown.ledger).toEqual([]);
    expect(grown.counts['classification.placements']).toBe(210);
    expect(grown.counts['classification.board_sessions']).toBe(6);
  }, 300_000);

  test("PLT-11 when the country is seeded then the README's calls about it answer as the README says", async () => {
    const root = resolve(__dirname, '../..');
    const [block, ...others] = walkthroughBlocks(readFileSync(resolve(root, 'README.md'), 'utf8')).filter(
      (b) => b.section === DEMO_COUNTRY,
    );
    expect(others).toEqual([]);
    expect(block!.commands.length).toBeGreaterThan(5);
    const config = env as unknown as BaseEnv;
    const suite = await startSuite({}, {}, [], { on: config });
    const { JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE } = config;
    const bash = new BashSession(root, { ...process.env, JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, NODE_ENV: 'development' });
    try {
      expect((await bash.run(PNPM_RUN_TSX)).exit).toBe(0);
      const reader = new Walkthrough(bash, root, suite.url);
      for (const c of block!.commands) await reader.run(c);
    } finally {
      await bash.close();
      await suite.close();
    }
  }, 180_000);

  test('PLT-11 when the country has more people than a statement takes parameters then the seed still finds who is already admitted', async () => {
    // --ppl 100000 named every document in one IN list: Postgres refused the 100 000 parameters
    // ("bind message has 34464 parameter formats but 0 parameters") before the first admission.
    const db = createDb(String(env.DATABASE_URL), 'classification', 1);
    try {
      const country = countryOf(6);
      const seed = {
        world: { db: () => db } as unknown as World,
        persons: Array.from({ length: 70_000 }, (_, i) => person(i, country)),
        nui: new Map<number, string>(),
      };
      await admitted(seed);
      expect(seed.nui.size).toBe(210);
      expect([...seed.nui.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 210 }, (_, i) => i));
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
