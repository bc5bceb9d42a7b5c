import type { IntakeCashReceiptRequest } from '@eron/shared';
import type { Db, Trx } from '../db';

/** The admission's intake cash, locked: two receipts of one person's cash serialise here. */
export const lockIntakeCash = (trx: Trx, nui: string) =>
  trx
    .selectFrom('admissions')
    .select(['nui', 'eron', 'cash_amount', 'cash_acta', 'cash_search_date'])
    .where('nui', '=', nui)
    .forUpdate()
    .executeTakeFirst();

/** The paymaster's receipt; undefined when that cash was already received. */
export const insertReceipt = (trx: Trx, a: { nui: string; eron: string }, b: IntakeCashReceiptRequest, by: string) =>
  trx
    .insertInto('intake_cash_receipts')
    .values({
      nui: a.nui,
      eron: a.eron,
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

/** Cash found at intake in searches of the period, with its receipt if any. */
export const intakeCashBetween = (db: Db | Trx, eron: string, from: string, to: string) =>
  db
    .selectFrom('admissions as a')
    .leftJoin('intake_cash_receipts as r', 'r.nui', 'a.nui')
    .select(['a.nui', 'a.cash_amount', 'a.cash_acta', 'a.cash_search_date', 'r.received_on'])
    .where('a.eron', '=', eron)
    .where('a.cash_amount', 'is not', null)
    .where('a.cash_search_date', '>=', from)
    .where('a.cash_search_date', '<=', to)
    .orderBy('a.cash_search_date')
    .orderBy('a.nui')
    .execute();
