import { randomUUID } from 'node:crypto';
import type { ConvictionRequest } from '@eron/shared';
import type { Db, Trx } from '../db';

/** CLS-06: the new legal status on the register and the change, with its decision, in the history. */
export async function recordConviction(trx: Trx, p: { nui: string; eron: string; from: string; by: string }, b: ConvictionRequest) {
  await trx.updateTable('ppl').set({ legal_status: b.legalStatus }).where('nui', '=', p.nui).execute();
  return trx
    .insertInto('legal_status_history')
    .values({
      id: randomUUID(),
      nui: p.nui,
      eron: p.eron,
      from_status: p.from,
      to_status: b.legalStatus,
      court: b.court,
      decision_number: b.decisionNumber,
      firm_on: b.firmOn,
      recorded_by: p.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const legalStatusHistory = (db: Db | Trx, nui: string) =>
  db.selectFrom('legal_status_history').selectAll().where('nui', '=', nui).orderBy('recorded_at').orderBy('id').execute();
