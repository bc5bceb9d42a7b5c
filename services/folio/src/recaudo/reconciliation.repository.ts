import { sql } from 'kysely';
import type { Db } from '../db';

/** Collection files received per collection day. */
export async function filesByDay(db: Db, from: string, to: string) {
  const { rows } = await sql<{ day: string; n: string }>`
    SELECT collection_date::text AS day, count(*) AS n FROM recaudo_files
    WHERE collection_date BETWEEN ${from}::date AND ${to}::date GROUP BY collection_date`.execute(db);
  return rows.map((r) => ({ day: r.day, n: Number(r.n) }));
}

/** The establishment's deposits per collection day and status; a reviewed deposit counts as the paymaster decided it (FOL-06). */
export async function depositsByDay(db: Db, eron: string, from: string, to: string) {
  const { rows } = await sql<{ day: string; status: string; n: string; cents: string }>`
    SELECT d.collection_date::text AS day, COALESCE(r.status, d.status) AS status, count(*) AS n, sum(d.amount_cents) AS cents
    FROM recaudo_deposits d LEFT JOIN recaudo_deposit_reviews r ON r.deposit_id = d.id
    WHERE d.eron = ${eron} AND d.collection_date BETWEEN ${from}::date AND ${to}::date GROUP BY 1, 2`.execute(db);
  return rows.map((r) => ({ day: r.day, status: r.status, count: Number(r.n), cents: BigInt(r.cents) }));
}

/** Deposits of the establishment still held for review, whenever they arrived. */
export async function stillHeld(db: Db, eron: string): Promise<{ count: number; amount: number }> {
  const { rows } = await sql<{ n: string; cents: string | null }>`
    SELECT count(*) AS n, sum(d.amount_cents) AS cents FROM recaudo_deposits d
    WHERE d.eron = ${eron} AND d.status = 'held' AND NOT EXISTS (SELECT 1 FROM recaudo_deposit_reviews r WHERE r.deposit_id = d.id)`.execute(
    db,
  );
  return { count: Number(rows[0]?.n ?? 0), amount: Number(BigInt(rows[0]?.cents ?? 0) / 100n) };
}

/** What the establishment owes back to depositors now. */
export async function refundsDue(db: Db, eron: string): Promise<number> {
  const row = await db
    .selectFrom('account_balances')
    .select('balance')
    .where('eron', '=', eron)
    .where('kind', '=', 'refunds_due')
    .where('nui', 'is', null)
    .executeTakeFirst();
  return row?.balance ?? 0;
}

/**
 * Lines of files the establishment's officers uploaded that were booked on the national account
 * (FOL-06 b): held for the national office, or naming no Folio. The national account's own
 * reconciliation counts them; the uploader's shows them apart.
 */
const uploadedLinesBookedNationally = (eron: string, nationalEron: string, from: string, to: string) => sql`
  FROM recaudo_deposits d JOIN recaudo_files f ON f.id = d.file_id
  LEFT JOIN recaudo_deposit_reviews r ON r.deposit_id = d.id
  WHERE d.eron = ${nationalEron} AND ${eron}::text <> ${nationalEron}::text AND f.source = 'staff'
    AND f.uploader_erons @> jsonb_build_array(${eron}::text)
    AND d.collection_date BETWEEN ${from}::date AND ${to}::date`;

/**
 * Of those lines (`d`), the ones naming another establishment's PPL, handed to the national office:
 * held for it (`national_review`), or — a line with cents, which moves no money (ASO-17) — owed back
 * by it, which a Folio open when the line was booked tells apart from a line naming no Folio.
 */
export const namesAnotherEstablishment = sql`(d.reason = 'national_review' OR (d.reason = 'amount_not_whole_pesos'
  AND EXISTS (SELECT 1 FROM folios fo WHERE fo.nui = d.nui AND fo.opened_at <= d.created_at)))`;

/** Those lines per collection day and kind: handed to the national office (naming another establishment's PPL), or naming no Folio. */
export async function nationalAccountByDay(db: Db, eron: string, nationalEron: string, from: string, to: string) {
  const { rows } = await sql<{ day: string; national: boolean; n: string; cents: string }>`
    SELECT d.collection_date::text AS day, ${namesAnotherEstablishment} AS national, count(*) AS n, sum(d.amount_cents) AS cents
    ${uploadedLinesBookedNationally(eron, nationalEron, from, to)} GROUP BY 1, 2`.execute(db);
  return rows.map((r) => ({ day: r.day, national: r.national, count: Number(r.n), cents: BigInt(r.cents) }));
}

/** Those lines one by one (file, line, amount, reason, the national office's decision), at most `limit`. */
export async function nationalAccountLines(db: Db, eron: string, nationalEron: string, from: string, to: string, limit: number) {
  const { rows } = await sql<{ file_id: string; line: number; day: string; cents: string; reason: string | null; status: string }>`
    SELECT d.file_id, d.line, d.collection_date::text AS day, d.amount_cents AS cents, d.reason, COALESCE(r.status, d.status) AS status
    ${uploadedLinesBookedNationally(eron, nationalEron, from, to)}
    ORDER BY d.collection_date, d.file_id, d.line LIMIT ${limit}`.execute(db);
  return rows;
}
