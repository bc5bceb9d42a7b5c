import { randomUUID } from 'node:crypto';
import type { Db, Trx } from '../db';
import type { LawyerAuthorisationBody, LawyerBody, LawyerVisitBody } from '@eron/shared';

/** One lawyer per ID document: registering again returns the one on file (the credential is kept as first given). */
export async function upsertLawyer(trx: Trx, b: LawyerBody, by: string) {
  const number = b.document.number.replace(/\./g, '').toUpperCase();
  const inserted = await trx
    .insertInto('lawyers')
    .values({
      id: randomUUID(),
      names: b.names,
      document_type: b.document.type,
      document_number: number,
      credential_kind: b.credential.kind,
      credential_number: b.credential.number,
      credential_issuer: b.credential.issuer ?? null,
      created_by: by,
    })
    .onConflict((oc) => oc.constraint('lawyers_document').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const row = await trx
    .selectFrom('lawyers')
    .selectAll()
    .where('document_type', '=', b.document.type)
    .where('document_number', '=', number)
    .executeTakeFirstOrThrow();
  return { row, created: false };
}

export const findLawyer = (db: Db | Trx, id: string) => db.selectFrom('lawyers').selectAll().where('id', '=', id).executeTakeFirst();

export const insertAuthorisation = (trx: Trx, a: { nui: string; eron: string; body: LawyerAuthorisationBody; by: string }) =>
  trx
    .insertInto('lawyer_authorisations')
    .values({
      id: randomUUID(),
      nui: a.nui,
      eron: a.eron,
      lawyer_id: a.body.lawyerId,
      signed_on: a.body.signedOn,
      document_ref: a.body.documentRef,
      fingerprint: a.body.fingerprint,
      created_by: a.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export async function isAuthorised(db: Db | Trx, nui: string, lawyerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('lawyer_authorisations')
    .select('id')
    .where('nui', '=', nui)
    .where('lawyer_id', '=', lawyerId)
    .where('fingerprint', '=', true)
    .executeTakeFirst();
  return row !== undefined;
}

export const insertVisit = (trx: Trx, v: { eron: string; body: LawyerVisitBody; by: string }) =>
  trx
    .insertInto('lawyer_visits')
    .values({
      id: randomUUID(),
      nui: v.body.nui,
      eron: v.eron,
      lawyer_id: v.body.lawyerId,
      date: v.body.date,
      start_time: v.body.startTime,
      created_by: v.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const findVisit = (db: Db | Trx, id: string) => db.selectFrom('lawyer_visits').selectAll().where('id', '=', id).executeTakeFirst();

export const lockVisit = (trx: Trx, id: string) =>
  trx.selectFrom('lawyer_visits').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const markEntered = (trx: Trx, id: string) =>
  trx
    .updateTable('lawyer_visits')
    .set({ status: 'entered', entered_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
