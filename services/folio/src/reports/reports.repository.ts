import { sql } from 'kysely';
import { addDays } from '@eron/shared';
import type { Db, EronAccountKind, Trx } from '../db';
import { namesAnotherEstablishment } from '../recaudo/reconciliation.repository';
import { bogotaStart, RECEIVED_KINDS, REJECTED_KINDS, SALE_KINDS, SHOP_CAJA_SHARE_KIND } from './period.rules';

const n = (v: unknown): number => Number(v ?? 0);
type Window = { start: Date; end: Date };

/**
 * Deposits received and rejected per Bogotá day (FOL-17), from the ledger's deposit transactions:
 * a file's lot is one transaction with a posting per deposit, so deposits are counted by posting.
 * A deposit held for review counts on the day it was decided: credited as received, refunded as
 * rejected (FOL-06) — until then it is neither.
 */
export async function depositsByDay(db: Db, eron: string, w: Window) {
  const { rows } = await sql<{ day: string; received: boolean; count: string; amount: string }>`
    SELECT to_char(t.created_at AT TIME ZONE 'America/Bogota', 'YYYY-MM-DD') AS day,
           t.kind IN (${sql.join([...RECEIVED_KINDS])}) AS received,
           count(*) FILTER (WHERE p.amount > 0) AS count, COALESCE(sum(p.amount) FILTER (WHERE p.amount > 0), 0) AS amount
      FROM ledger_transactions t JOIN postings p ON p.transaction_id = t.id
     WHERE t.eron = ${eron} AND t.kind IN (${sql.join([...RECEIVED_KINDS, ...REJECTED_KINDS])})
       AND t.created_at >= ${w.start} AND t.created_at < ${w.end}
     GROUP BY 1, 2 ORDER BY 1`.execute(db);
  const days = new Map<string, { date: string; received: number; receivedCount: number; rejected: number; rejectedCount: number }>();
  for (const r of rows) {
    const d = days.get(r.day) ?? { date: r.day, received: 0, receivedCount: 0, rejected: 0, rejectedCount: 0 };
    if (r.received) Object.assign(d, { received: n(r.amount), receivedCount: n(r.count) });
    else Object.assign(d, { rejected: n(r.amount), rejectedCount: n(r.count) });
    days.set(r.day, d);
  }
  return [...days.values()];
}

/**
 * Lines of files the establishment's officers uploaded, booked in the window on the national
 * account (FOL-06 b): handed to the national office (they name another establishment's PPL: held
 * for it, or owed back by it when they carry cents) or naming no Folio. The national account's report counts them; the uploader's shows them apart.
 */
export async function bookedForNationalOffice(db: Db, eron: string, nationalEron: string, w: Window) {
  const { rows } = await sql<{ national: boolean; n: string; cents: string }>`
    SELECT ${namesAnotherEstablishment} AS national, count(*) AS n, sum(d.amount_cents) AS cents
      FROM recaudo_deposits d JOIN recaudo_files f ON f.id = d.file_id
     WHERE d.eron = ${nationalEron} AND ${eron}::text <> ${nationalEron}::text AND f.source = 'staff'
       AND f.uploader_erons @> jsonb_build_array(${eron}::text)
       AND d.created_at >= ${w.start} AND d.created_at < ${w.end}
     GROUP BY 1`.execute(db);
  const of = (national: boolean) => {
    const r = rows.find((x) => x.national === national);
    return r ? { count: n(r.n), amount: Number(BigInt(r.cents) / 100n) } : { count: 0, amount: 0 };
  };
  return { heldForNationalOffice: of(true), namingNoFolio: of(false) };
}

/**
 * Postings on one establishment account in a window, with its balance before and after each:
 * establishment accounts keep no balance row, so the running balance is a window sum.
 */
export async function accountMovements(db: Db, eron: string, kind: EronAccountKind, w: Window) {
  const { rows } = await sql<{ at: Date; kind: string; concept: string; reference: string; amount: string; balance: string }>`
    SELECT at, kind, concept, reference, amount, balance FROM (
      SELECT p.id, t.created_at AS at, t.kind, t.concept, t.reference, p.amount, sum(p.amount) OVER (ORDER BY p.id) AS balance
        FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
        JOIN ledger_accounts a ON a.id = p.account_id
       WHERE a.eron = ${eron} AND a.kind = ${kind} AND a.nui IS NULL AND t.created_at < ${w.end}) m
     WHERE m.at >= ${w.start}
     ORDER BY m.id`.execute(db);
  const opening = await accountBalanceAt(db, eron, kind, w.start);
  const movements = rows.map((r) => ({
    at: r.at.toISOString(),
    kind: r.kind,
    concept: r.concept,
    reference: r.reference,
    amount: n(r.amount),
    balance: n(r.balance),
  }));
  return { opening, closing: movements.at(-1)?.balance ?? opening, movements };
}

async function accountBalanceAt(db: Db, eron: string, kind: string, at: Date): Promise<number> {
  const { rows } = await sql<{ s: string }>`
    SELECT COALESCE(sum(p.amount), 0) AS s FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
      JOIN ledger_accounts a ON a.id = p.account_id
     WHERE a.eron = ${eron} AND a.kind = ${kind} AND a.nui IS NULL AND t.created_at < ${at}`.execute(db);
  return n(rows[0]?.s);
}

/**
 * Shop sales, returns and the Caja Especial share, read from the shop account's postings (FOL-17);
 * cost of goods from each sale's lines, priced at the catalogue's unit cost when it was sold (the
 * sale records it), less that of the sales returned in the period. Profit = sales − returns − cost.
 */
export async function shopFigures(db: Db, eron: string, w: Window) {
  const { rows } = await sql<{ sales: string; sales_count: string; returns: string; share: string }>`
    SELECT COALESCE(sum(p.amount) FILTER (WHERE t.kind IN (${sql.join([...SALE_KINDS])}) AND p.amount > 0), 0) AS sales,
           count(DISTINCT t.id) FILTER (WHERE t.kind IN (${sql.join([...SALE_KINDS])})) AS sales_count,
           COALESCE(-sum(p.amount) FILTER (WHERE t.kind = 'reversal' AND o.kind IN (${sql.join([...SALE_KINDS])})), 0) AS returns,
           COALESCE(-sum(p.amount) FILTER (WHERE t.kind = ${SHOP_CAJA_SHARE_KIND}), 0) AS share
      FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
      JOIN ledger_accounts a ON a.id = p.account_id
      LEFT JOIN ledger_transactions o ON o.id = t.reverses
     WHERE a.eron = ${eron} AND a.kind = 'shop' AND a.nui IS NULL
       AND t.created_at >= ${w.start} AND t.created_at < ${w.end}`.execute(db);
  const cost = await sql<{ cogs: string }>`
    SELECT COALESCE(sum(CASE WHEN t.reverses IS NULL THEN c.cost ELSE -c.cost END), 0) AS cogs
      FROM ledger_transactions t
      JOIN spend_uses u ON u.tx_id = COALESCE(t.reverses, t.id) AND u.use = 'shop_purchase'
      CROSS JOIN LATERAL (SELECT COALESCE(sum((i->>'quantity')::bigint * (i->>'unitCost')::bigint), 0) AS cost
                            FROM jsonb_array_elements(u.details->'items') i) c
     WHERE u.eron = ${eron} AND (t.reverses IS NULL OR t.kind = 'reversal')
       AND t.created_at >= ${w.start} AND t.created_at < ${w.end}`.execute(db);
  const r = rows[0];
  const sales = n(r?.sales);
  const returns = n(r?.returns);
  const costOfGoods = n(cost.rows[0]?.cogs);
  return {
    sales,
    salesCount: n(r?.sales_count),
    returns,
    costOfGoods,
    profit: sales - returns - costOfGoods,
    cajaEspecialShare: n(r?.share),
  };
}

export const shopSalesOf = async (db: Db, eron: string, from: string, to: string) =>
  (await shopFigures(db, eron, { start: bogotaStart(from), end: bogotaStart(addDays(to, 1)) })).sales;

/** The shop accounts the establishment sent in a year (FOL-17, Art. 128). */
export const submissionsOf = (db: Db, eron: string, year: number) =>
  db.selectFrom('shop_account_submissions').selectAll().where('eron', '=', eron).where('month', 'like', `${year}-%`).execute();

/** A month's shop accounts sent, once: undefined when they already were. */
export const insertSubmission = (
  trx: Trx,
  s: { eron: string; month: string; submittedTo: string; reference: string; at: Date; by: string },
) =>
  trx
    .insertInto('shop_account_submissions')
    .values({ eron: s.eron, month: s.month, submitted_to: s.submittedTo, reference: s.reference, submitted_at: s.at, submitted_by: s.by })
    .onConflict((oc) => oc.columns(['eron', 'month']).doNothing())
    .returning('submitted_at')
    .executeTakeFirst();
