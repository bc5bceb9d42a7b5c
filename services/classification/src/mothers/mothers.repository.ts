import { randomUUID } from 'node:crypto';
import type { ChildRequestBody } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { ChildRequestRow } from './mothers.tables';

/** Records the request; the child's identity goes to its own table (PLT-06). */
export async function recordRequest(trx: Trx, m: { nui: string; eron: string }, b: ChildRequestBody, by: string) {
  const row = await trx
    .insertInto('child_requests')
    .values({
      id: randomUUID(),
      nui: m.nui,
      eron: m.eron,
      child_birth_date: b.child.birthDate,
      statement: b.statement,
      requested_by: by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('child_identities')
    .values({ request_id: row.id, names: b.child.names, document: b.child.document ?? null })
    .execute();
  return row;
}

export const lockRequest = (trx: Trx, id: string) =>
  trx.selectFrom('child_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findRequest = (db: Db | Trx, id: string) =>
  db.selectFrom('child_requests').selectAll().where('id', '=', id).executeTakeFirst();

export const readIdentity = (trx: Trx, id: string) =>
  trx.selectFrom('child_identities').select(['names', 'document']).where('request_id', '=', id).executeTakeFirst();

export async function saveDecision(trx: Trx, id: string, set: Partial<Omit<ChildRequestRow, 'id' | 'requested_at'>>) {
  return trx
    .updateTable('child_requests')
    .set({ ...set, decided_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The mother's current placement when it is in a mothers' unit of her establishment. */
export const currentMothersPlacement = (trx: Trx, nui: string, eron: string) =>
  trx
    .selectFrom('placements as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id'])
    .where('p.nui', '=', nui)
    .where('p.eron', '=', eron)
    .where('p.ended_at', 'is', null)
    .where('u.special_regime', '=', 'mothers_with_children')
    .executeTakeFirst();

/** Approved children whose mother is still held in the establishment: the alert's candidates. */
export const childrenWithMothers = (db: Db | Trx, eron: string) =>
  db
    .selectFrom('child_requests as r')
    .innerJoin('ppl', 'ppl.nui', 'r.nui')
    .select(['r.id', 'r.nui', 'r.child_birth_date'])
    .where('r.eron', '=', eron)
    .where('r.status', '=', 'approved')
    .where('ppl.eron', '=', eron)
    .where('ppl.status', '=', 'admitted')
    .orderBy('r.child_birth_date')
    .execute();
