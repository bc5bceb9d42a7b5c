/**
 * `pnpm ledger:check`: after a restore (or whenever in doubt), proves folio's ledger in the
 * database at DATABASE_URL balances (PLT-16): every transaction's postings sum to zero, and every
 * PPL's account's kept balance equals the sum of its postings and is not negative. Exits 1
 * naming what does not. The same invariants the money property test checks after every step.
 */
import { sql } from 'kysely';
import { createDb, loadConfig, NoExtra } from '@eron/shared/platform';

async function main(): Promise<void> {
  const { DATABASE_URL } = loadConfig(NoExtra);
  const db = createDb(DATABASE_URL, 'folio', 2);
  try {
    const unbalanced = await sql<{ transaction_id: string; sum: string }>`
      SELECT transaction_id, sum(amount) FROM postings GROUP BY transaction_id HAVING sum(amount) <> 0`.execute(db);
    const drift = await sql<{ id: string; nui: string; balance: string; postings: string }>`
      SELECT a.id, a.nui, a.balance, COALESCE(sum(p.amount), 0) AS postings
      FROM ledger_accounts a LEFT JOIN postings p ON p.account_id = a.id
      WHERE a.nui IS NOT NULL
      GROUP BY a.id HAVING a.balance <> COALESCE(sum(p.amount), 0) OR a.balance < 0`.execute(db);
    const totals = await sql<{ transactions: string; accounts: string }>`
      SELECT (SELECT count(*) FROM ledger_transactions) AS transactions, (SELECT count(*) FROM ledger_accounts WHERE nui IS NOT NULL) AS accounts`.execute(
      db,
    );
    for (const r of unbalanced.rows) console.error(`transaction ${r.transaction_id}: its postings sum to ${r.sum}, not 0`);
    for (const r of drift.rows) console.error(`account ${r.id} (NUI ${r.nui}): balance ${r.balance}, postings ${r.postings}`);
    const { transactions, accounts } = totals.rows[0]!;
    if (unbalanced.rows.length + drift.rows.length > 0) process.exitCode = 1;
    else
      console.log(
        `ledger balances: ${transactions} transactions sum to zero; ${accounts} PPL accounts equal their postings, none negative`,
      );
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
