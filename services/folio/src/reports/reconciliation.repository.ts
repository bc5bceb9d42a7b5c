import { sql } from 'kysely';
import type { Db } from '../db';

const n = (v: unknown): number => Number(v ?? 0);

/**
 * What the establishment holds for its PPL at an instant, from the postings: each posting on a
 * PPL account counts for the establishment of its transaction (transfers move it out and in).
 */
export async function heldFromPostings(db: Db, eron: string, at: Date): Promise<number> {
  const { rows } = await sql<{ s: string }>`
    SELECT COALESCE(sum(p.amount), 0) AS s FROM postings p
      JOIN ledger_transactions t ON t.id = p.transaction_id JOIN ledger_accounts a ON a.id = p.account_id
     WHERE a.nui IS NOT NULL AND t.eron = ${eron} AND t.created_at < ${at}`.execute(db);
  return n(rows[0]?.s);
}

/**
 * The same figure computed independently: each PPL account's running balance after its last
 * posting before the instant, counted where that last posting put it.
 */
export async function heldFromBalances(db: Db, eron: string, at: Date): Promise<number> {
  const { rows } = await sql<{ s: string }>`
    WITH last AS (
      SELECT DISTINCT ON (p.account_id) p.balance_after, t.eron
        FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id JOIN ledger_accounts a ON a.id = p.account_id
       WHERE a.nui IS NOT NULL AND t.created_at < ${at}
       ORDER BY p.account_id, p.id DESC)
    SELECT COALESCE(sum(balance_after), 0) AS s FROM last WHERE eron = ${eron}`.execute(db);
  return n(rows[0]?.s);
}

/**
 * Movements of the PPL balances held, by transaction kind, in a window; counted per PPL and
 * transaction (a file's lot credits many PPL in one transaction).
 */
export async function heldMovements(db: Db, eron: string, start: Date, end: Date) {
  const { rows } = await sql<{ kind: string; count: string; amount: string }>`
    SELECT t.kind, count(DISTINCT (t.id, a.nui)) AS count, sum(p.amount) AS amount FROM postings p
      JOIN ledger_transactions t ON t.id = p.transaction_id JOIN ledger_accounts a ON a.id = p.account_id
     WHERE a.nui IS NOT NULL AND t.eron = ${eron} AND t.created_at >= ${start} AND t.created_at < ${end}
     GROUP BY t.kind ORDER BY t.kind`.execute(db);
  return rows.map((r) => ({ kind: r.kind, count: n(r.count), amount: n(r.amount) }));
}

/**
 * Each PPL account of the establishment at the instant: the sum of its postings against the
 * running balance the database kept (`balance_after` of its last posting) — and, for the present,
 * the account row. (Establishment accounts keep no balance of their own: they are their postings.)
 */
export async function accountMismatches(db: Db, eron: string, at: Date, now: boolean) {
  const { rows } = await sql<{ account: string; sum: string; last: string | null; balance: string }>`
    SELECT a.nui || '/' || a.kind AS account, a.balance,
           COALESCE((SELECT sum(p.amount) FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
                      WHERE p.account_id = a.id AND t.created_at < ${at}), 0) AS sum,
           (SELECT p.balance_after FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
             WHERE p.account_id = a.id AND t.created_at < ${at} ORDER BY p.id DESC LIMIT 1) AS last
      FROM ledger_accounts a WHERE a.eron = ${eron} AND a.nui IS NOT NULL ORDER BY a.nui, a.kind`.execute(db);
  const mismatches = rows
    .map((r) => ({ account: r.account, postings: n(r.sum), balance: now ? n(r.balance) : n(r.last) }))
    .filter((r) => r.postings !== r.balance);
  return { checked: rows.length, mismatches };
}
