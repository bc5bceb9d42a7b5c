import { sql } from 'kysely';
import type { IntakeCashReceiptRequest } from '@eron/shared';
import type { Db, Trx } from '../db';

/**
 * The admission's intake cash, locked, with where the person is now (`current_eron`) and whether
 * they are in transit: two receipts of one person's cash serialise here.
 */
export const lockIntakeCash = (trx: Trx, nui: string) =>
  trx
    .selectFrom('admissions as a')
    .innerJoin('ppl as p', 'p.nui', 'a.nui')
    .select(['a.nui', 'a.eron', 'a.cash_amount', 'a.cash_acta', 'a.cash_search_date', 'p.eron as current_eron', 'p.status'])
    .where('a.nui', '=', nui)
    .forUpdate('a')
    .executeTakeFirst();

/** The paymaster's receipt; undefined when that cash was already received. */
export const insertReceipt = (trx: Trx, a: { nui: string; current_eron: string }, b: IntakeCashReceiptRequest, by: string) =>
  trx
    .insertInto('intake_cash_receipts')
    .values({
      nui: a.nui,
      eron: a.current_eron,
      received_on: b.receivedOn,
      guard_commander: b.signatures.guardCommander,
      custody_officer: b.signatures.custodyOfficer,
      paymaster: b.signatures.paymaster,
      copy_given_to_ppl: b.copyGivenToPpl,
      recorded_by: by,
    })
    .onConflict((oc) => oc.column('nui').doNothing())
    .returningAll()
    .executeTakeFirst();

/** A page of the cash found at intake in searches of the period, with its receipt if any, after the cursor's (date, NUI). */
export const intakeCashBetween = (
  db: Db | Trx,
  q: { eron: string; from: string; to: string; after?: { date: string; nui: string }; rows: number },
) =>
  db
    .selectFrom('admissions as a')
    .leftJoin('intake_cash_receipts as r', 'r.nui', 'a.nui')
    .select(['a.nui', 'a.cash_amount', 'a.cash_acta', 'a.cash_search_date', 'r.received_on'])
    .where('a.eron', '=', q.eron)
    .where('a.cash_amount', 'is not', null)
    .where('a.cash_search_date', '>=', q.from)
    .where('a.cash_search_date', '<=', q.to)
    .$if(q.after !== undefined, (w) => w.where(sql<boolean>`(a.cash_search_date, a.nui) > (${q.after!.date}::date, ${q.after!.nui})`))
    .orderBy('a.cash_search_date')
    .orderBy('a.nui')
    .limit(q.rows)
    .execute();
