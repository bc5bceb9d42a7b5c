import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import { conflict, notFound } from '@eron/shared';
import { poolOf } from '@eron/shared/platform';
import type { Db, EronAccountKind, Trx } from '../db';
import { lockPplAccount, reverse } from '../ledger/ledger.repository';
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
    ${u.counter}, ${u.createdBy}, ${u.requestId}, ${JSON.stringify(u.details)}::jsonb)`.execute(db);
  return { ...rows[0]!, txId };
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
  const { rows } = db.isTransaction
    ? await db.executeQuery<PurchaseOutcome>(CompiledQuery.raw(PURCHASE, values))
    : await poolOf(db).query<PurchaseOutcome>({ name: 'shop_purchase', text: PURCHASE, values });
  return { ...rows[0]!, txId };
}

const PURCHASE = 'SELECT * FROM shop_purchase($1, $2, $3::jsonb, $4::date, $5, $6, $7::uuid, $8, $9)';

/**
 * Reverses a use (FOL-02): the mirror transaction, and the day's and month's counters of the day it
 * was made give back what it took, under the same account lock as spending.
 */
export async function reverseUse(trx: Trx, r: { txId: string; reason: string; createdBy: string; requestId?: string }) {
  const use = await trx.selectFrom('spend_uses').selectAll().where('tx_id', '=', r.txId).executeTakeFirst();
  if (!use) throw notFound({ es: 'No existe ese uso del Folio', en: 'No such use of the Folio' });
  await lockPplAccount(trx, use.nui, 'ppl_available');
  const again = await trx.selectFrom('spend_uses').select('reversed_by').where('tx_id', '=', r.txId).executeTakeFirstOrThrow();
  if (again.reversed_by)
    throw conflict('already-reversed', { es: 'Ese uso ya fue reversado', en: 'That use was already reversed' }, 'FOL-02');
  const reversal = await reverse(trx, { transactionId: r.txId, reason: r.reason, createdBy: r.createdBy, requestId: r.requestId });
  const back = (period: string, amount: number) =>
    trx
      .updateTable('spend_totals')
      .set((eb) => ({ amount: eb('amount', '-', amount) }))
      .where('nui', '=', use.nui)
      .where('period', '=', period)
      .execute();
  await back(dayPeriod(use.spend_date), use.day_amount);
  await back(monthPeriod(use.spend_date), use.amount);
  await trx.updateTable('spend_uses').set({ reversed_by: reversal }).where('tx_id', '=', r.txId).execute();
  return { use, reversal };
}
