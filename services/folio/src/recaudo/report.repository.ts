import { sql } from 'kysely';
import type { Db } from '../db';
import type { FileOutcome } from './deposit.rules';

const OUTCOMES: FileOutcome[] = ['credited', 'rejected', 'held', 'duplicate'];
const pesos = (cents: bigint): number => Number(cents / 100n);
/** A held record counts as the paymaster decided it (FOL-06 review): held goes down, credited or rejected up. */
const CURRENT = sql.raw(`COALESCE(v.status, f.outcome)`);

/**
 * The per-file report (FOL-06 b): totals by outcome that add up to the file total, and what was not
 * credited with the establishment of each record (the caller sees only its own).
 */
export async function fileReport(db: Db, id: string) {
  const file = await db
    .selectFrom('recaudo_files')
    .select(['id', 'status', 'total_records', 'total_cents', 'uploader_erons'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!file) return undefined;
  const sums = await sql<{ outcome: FileOutcome; n: string; cents: string }>`
    SELECT ${CURRENT} AS outcome, count(*) AS n, sum(f.amount_cents) AS cents
    FROM recaudo_file_records f LEFT JOIN recaudo_deposit_reviews v ON v.deposit_id = f.deposit_id AND f.outcome = 'held'
    WHERE f.file_id = ${id} GROUP BY 1`.execute(db);
  const bucket = (o: FileOutcome) => {
    const row = sums.rows.find((r) => r.outcome === o);
    return { count: Number(row?.n ?? 0), cents: BigInt(row?.cents ?? 0) };
  };
  const parts = OUTCOMES.map(bucket);
  const partsCents = parts.reduce((a, p) => a + p.cents, 0n);
  const partsCount = parts.reduce((a, p) => a + p.count, 0);
  const records = await sql<{
    line: number;
    outcome: FileOutcome;
    reason: string | null;
    nui: string;
    amount_cents: string;
    eron: string;
    named_eron: string | null;
  }>`
    SELECT f.line, ${CURRENT} AS outcome, COALESCE(v.reason, v.note, f.reason) AS reason, f.nui, f.amount_cents, d.eron,
      (SELECT fo.eron FROM folios fo WHERE fo.nui = f.nui) AS named_eron
    FROM recaudo_file_records f JOIN recaudo_deposits d ON d.id = f.deposit_id
      LEFT JOIN recaudo_deposit_reviews v ON v.deposit_id = f.deposit_id AND f.outcome = 'held'
    WHERE f.file_id = ${id} AND ${CURRENT} <> 'credited' ORDER BY f.line`.execute(db);
  const [credited, rejected, held, duplicates] = parts.map((p) => ({ count: p.count, amount: pesos(p.cents) }));
  const ledger = await ledgerOfFile(db, id);
  return {
    id: file.id,
    status: file.status,
    fileTotal: { count: file.total_records, amount: pesos(BigInt(file.total_cents)) },
    credited: credited!,
    rejected: rejected!,
    held: held!,
    duplicates: duplicates!,
    reconciles: file.status === 'done' && partsCount === file.total_records && partsCents === BigInt(file.total_cents) && ledger.agrees,
    uploaderErons: file.uploader_erons,
    records: records.rows.map((r) => ({
      line: r.line,
      outcome: r.outcome,
      reason: r.reason,
      nui: r.nui,
      amount: pesos(BigInt(r.amount_cents)),
      eron: r.eron,
      namedEron: r.named_eron,
    })),
  };
}

/**
 * What the ledger booked for the file's records (FOL-02, FOL-17): the postings of the transactions
 * its deposits were booked in and of the reviews of its held ones, per where the money went —
 * the PPL (credited), refunds due (rejected), deposits held (held) — against what the records say
 * was booked: every record first seen in this file whose amount is whole pesos (a duplicate was
 * booked by the channel that saw it first; a record with cents moves no money, ASO-17), by its
 * current outcome. The bank clearing account paid all of it. A held deposit credited to a PPL of
 * another establishment went through both paymasters (`deposit_national_release` and the credit):
 * their legs cancel out, and any that did not would show.
 */
async function ledgerOfFile(db: Db, id: string): Promise<{ agrees: boolean }> {
  const { rows } = await sql<{ side: string; booked: string | null; expected: string | null }>`
    WITH deps AS (SELECT id, transaction_id FROM recaudo_deposits WHERE file_id = ${id}),
    txs AS (SELECT transaction_id AS id FROM deps WHERE transaction_id IS NOT NULL
            UNION SELECT r.transaction_id FROM recaudo_deposit_reviews r JOIN deps ON deps.id = r.deposit_id
            UNION SELECT t.id FROM ledger_transactions t JOIN deps ON t.reference = deps.id::text
             WHERE t.kind = 'deposit_national_release'),
    booked AS (
      SELECT CASE WHEN a.nui IS NOT NULL THEN 'credited' WHEN a.kind = 'refunds_due' THEN 'rejected'
                  WHEN a.kind = 'deposits_held' THEN 'held' WHEN a.kind = 'bank_clearing' THEN 'clearing' ELSE a.kind END AS side,
             sum(p.amount) AS amount
        FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.transaction_id IN (SELECT id FROM txs) GROUP BY 1),
    expected AS (
      SELECT ${CURRENT} AS side, sum(f.amount_cents / 100) AS amount
        FROM recaudo_file_records f LEFT JOIN recaudo_deposit_reviews v ON v.deposit_id = f.deposit_id AND f.outcome = 'held'
       WHERE f.file_id = ${id} AND f.outcome <> 'duplicate' AND f.amount_cents > 0 AND f.amount_cents % 100 = 0 GROUP BY 1)
    SELECT COALESCE(b.side, e.side) AS side, b.amount AS booked, e.amount AS expected
      FROM booked b FULL JOIN expected e ON e.side = b.side`.execute(db);
  const of = (side: string, col: 'booked' | 'expected') => BigInt(rows.find((r) => r.side === side)?.[col] ?? 0);
  const sides = ['credited', 'rejected', 'held'];
  const total = sides.reduce((a, s) => a + of(s, 'expected'), 0n);
  const unknown = rows.some((r) => ![...sides, 'clearing'].includes(r.side) && BigInt(r.booked ?? 0) !== 0n);
  const agrees = !unknown && sides.every((s) => of(s, 'booked') === of(s, 'expected')) && of('clearing', 'booked') === -total;
  return { agrees };
}
