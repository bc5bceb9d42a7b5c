import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import { poolOf } from '@eron/shared/platform';
import type { Db, EronAccountKind, Trx } from '../db';
import { legalCaps } from '../limits/limits.rules';
import { dayPeriod, monthPeriod } from './caps.repository';
import type { SpendOutcome } from './spend.rules';

export interface Use {
  nui: string;
  /** Establishments the caller acts for; null when national. */
  erons: string[] | null;
  amount: number;
  /** The part under the daily cap: all of it but raw materials (Art. 42). */
  dayAmount: number;
  date: string;
  use: string;
  reference?: string;
  concept: string;
  counter: EronAccountKind;
  createdBy: string;
  requestId: string;
  details: Record<string, unknown>;
}

/** Spends from a PPL's available balance within the caps, in one statement (FOL-07, FOL-08). */
export async function spend(db: Db | Trx, u: Use): Promise<SpendOutcome & { txId: string }> {
  const caps = legalCaps(u.date);
  const txId = randomUUID();
  const { rows } = await sql<SpendOutcome>`SELECT * FROM folio_spend(${u.nui}, ${u.erons}::text[], ${u.amount}, ${u.dayAmount},
    ${u.date}::date, ${caps.spend_day}, ${caps.spend_month}, ${u.use}, ${txId}::uuid, ${u.reference ?? txId}, ${u.concept},
    ${u.counter}, ${u.createdBy}, ${u.requestId}, ${JSON.stringify(u.details)}::jsonb)`
    .execute(db)
    .catch(inTransit);
  return { ...rows[0], txId };
}

/** CLS-20: the database refuses a use while the PPL is in transit (trigger on spend_uses, SQLSTATE ET020); it is an outcome, not a fault. */
function inTransit(err: unknown): { rows: [SpendOutcome & { total: null; lines: null }] } {
  if ((err as { code?: string }).code !== 'ET020') throw err;
  const none = { ppl_eron: null, available: null, day_cap: null, day_spent: null, month_cap: null, month_spent: null, receipt: null };
  return { rows: [{ outcome: 'in_transit', ...none, total: null, lines: null }] };
}

export interface PurchaseOutcome extends SpendOutcome {
  txId: string;
  total: number | null;
  lines: { productId: string; sku: string; name: string; quantity: number; unitPrice: number; rawMaterial: boolean }[] | null;
}

/** A shop sale priced from the list and paid through the Folio, in one statement (FOL-09, FOL-07). */
export async function purchase(
  db: Db | Trx,
  p: { nui: string; shop: string; items: { productId: string; quantity: number }[]; date: string; createdBy: string; requestId: string },
): Promise<PurchaseOutcome> {
  const caps = legalCaps(p.date);
  const txId = randomUUID();
  const values = [p.nui, p.shop, JSON.stringify(p.items), p.date, caps.spend_day, caps.spend_month, txId, p.createdBy, p.requestId];
  // Alone (no Idempotency-Key) it is the hottest statement of the service: a named prepared
  // statement, parsed once per connection (PLT-13). Inside PLT-05's transaction it goes with it.
  const { rows } = await (
    db.isTransaction
      ? db.executeQuery<PurchaseOutcome>(CompiledQuery.raw(PURCHASE, values))
      : poolOf(db).query<PurchaseOutcome>({ name: 'shop_purchase', text: PURCHASE, values })
  ).catch(inTransit);
  return { ...rows[0], txId };
}

const PURCHASE = 'SELECT * FROM shop_purchase($1, $2, $3::jsonb, $4::date, $5, $6, $7::uuid, $8, $9)';

export const findUse = (db: Db | Trx, txId: string) => db.selectFrom('spend_uses').selectAll().where('tx_id', '=', txId).executeTakeFirst();

/** The day's and month's counters of the day the use was made give back what it took (FOL-07). */
export async function giveBackTotals(
  trx: Trx,
  use: { nui: string; spend_date: string; day_amount: number; amount: number },
): Promise<void> {
  const back = (period: string, amount: number) =>
    trx
      .updateTable('spend_totals')
      .set((eb) => ({ amount: eb('amount', '-', amount) }))
      .where('nui', '=', use.nui)
      .where('period', '=', period)
      .execute();
  await back(dayPeriod(use.spend_date), use.day_amount);
  await back(monthPeriod(use.spend_date), use.amount);
}

export async function markReversed(trx: Trx, txId: string, reversal: string): Promise<void> {
  await trx.updateTable('spend_uses').set({ reversed_by: reversal }).where('tx_id', '=', txId).execute();
}

/** The Folio's status, locked in the exit's order (Folio, then account). */
export const lockFolioStatus = (trx: Trx, nui: string) =>
  trx.selectFrom('folios').select('status').where('nui', '=', nui).forUpdate().executeTakeFirst();
