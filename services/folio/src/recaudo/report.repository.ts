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
    .select(['id', 'status', 'total_records', 'total_cents'])
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
  const records = await sql<{ line: number; outcome: FileOutcome; reason: string | null; nui: string; amount_cents: string; eron: string }>`
    SELECT f.line, ${CURRENT} AS outcome, COALESCE(v.reason, v.note, f.reason) AS reason, f.nui, f.amount_cents, d.eron
    FROM recaudo_file_records f JOIN recaudo_deposits d ON d.id = f.deposit_id
      LEFT JOIN recaudo_deposit_reviews v ON v.deposit_id = f.deposit_id AND f.outcome = 'held'
    WHERE f.file_id = ${id} AND ${CURRENT} <> 'credited' ORDER BY f.line`.execute(db);
  const [credited, rejected, held, duplicates] = parts.map((p) => ({ count: p.count, amount: pesos(p.cents) }));
  return {
    id: file.id,
    status: file.status,
    fileTotal: { count: file.total_records, amount: pesos(BigInt(file.total_cents)) },
    credited: credited!,
    rejected: rejected!,
    held: held!,
    duplicates: duplicates!,
    reconciles: file.status === 'done' && partsCount === file.total_records && partsCents === BigInt(file.total_cents),
    records: records.rows.map((r) => ({
      line: r.line,
      outcome: r.outcome,
      reason: r.reason,
      nui: r.nui,
      amount: pesos(BigInt(r.amount_cents)),
      eron: r.eron,
    })),
  };
}
