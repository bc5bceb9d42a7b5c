import { lockKeys } from '@eron/shared/platform';
import type { Trx } from '../db';
import type { WorkPaySplit } from './income.rules';

/** The PPL's latest written choice about saving (Art. 43); none means not authorised. */
export async function savingsAuthorised(trx: Trx, nui: string): Promise<boolean> {
  const row = await trx
    .selectFrom('savings_authorisations')
    .select('authorised')
    .where('nui', '=', nui)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.authorised ?? false;
}

export async function insertSavingsAuthorisation(trx: Trx, a: { nui: string; authorised: boolean; document: string; by: string }) {
  return trx
    .insertInto('savings_authorisations')
    .values({ nui: a.nui, authorised: a.authorised, document: a.document, recorded_by: a.by })
    .returning('recorded_at')
    .executeTakeFirstOrThrow();
}

export async function findWorkPayment(trx: Trx, nui: string, month: string) {
  return trx.selectFrom('work_payments').selectAll().where('nui', '=', nui).where('month', '=', month).executeTakeFirst();
}

export async function insertWorkPayment(
  trx: Trx,
  w: { id: string; nui: string; eron: string; month: string; amount: number; split: WorkPaySplit; transactionId: string },
): Promise<void> {
  await trx
    .insertInto('work_payments')
    .values({
      id: w.id,
      nui: w.nui,
      eron: w.eron,
      month: w.month,
      amount: w.amount,
      caja_especial: w.split.cajaEspecial,
      savings: w.split.savings,
      available: w.split.available,
      transaction_id: w.transactionId,
    })
    .execute();
}

/**
 * Whether an acta of the establishment was already recorded as seized cash (FOL-12). Two records
 * of one acta at once are serialised here first, so the second sees the first and gets the 409
 * instead of racing to the ledger's unique reference (a 500).
 */
export async function seizureRecorded(trx: Trx, eron: string, acta: string): Promise<boolean> {
  await lockKeys(trx, [`seizure-acta:${eron}/${acta}`]);
  const seen = await trx
    .selectFrom('ledger_transactions')
    .select('id')
    .where('kind', 'in', ['seizure', 'seizure_unknown_owner'])
    .where('reference', '=', `${eron}/${acta}`)
    .executeTakeFirst();
  return seen !== undefined;
}
