import { eronAccountIds } from '../src/ledger/ledger.repository';
import { startFolio, type FolioWorld } from './support/folio.world';

let w: FolioWorld;
beforeAll(async () => {
  w = await startFolio();
});
afterAll(() => w.close());

describe("FOL-02 establishments' ledger accounts are created on first use", () => {
  it('FOL-02 when batches of several establishments create their accounts at once, naming them in any order, then none deadlocks and each account exists once', async () => {
    // Two lanes of a bank file (or a file and a notice) each booking deposits of the same
    // establishments: the first to insert an account makes the other wait for it.
    const pairs = Array.from({ length: 12 }, (_, i) => {
      const names = [`9${String(i).padStart(2, '0')}/bank_clearing`, `8${String(i).padStart(2, '0')}/deposits_held`] as const;
      const inOrder = [...names];
      const reversed = [...names].reverse();
      return Promise.all([
        w.db.transaction().execute((trx) => eronAccountIds(trx, inOrder)),
        w.db.transaction().execute((trx) => eronAccountIds(trx, reversed)),
      ]);
    });
    const results = await Promise.allSettled(pairs);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String(r.reason))).toEqual([]);
    const rows = await w.db
      .selectFrom('ledger_accounts')
      .select(['eron', 'kind'])
      .where('nui', 'is', null)
      .where('eron', '>=', '800')
      .execute();
    expect(rows).toHaveLength(24);
  });
});
