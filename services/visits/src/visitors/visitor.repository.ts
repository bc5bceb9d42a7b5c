import { sql } from 'kysely';
import type { BanRequest, ExtraditionAuthorisationRequest, ListEntryRequest, VisitorContactRequest, VisitorRequest } from '@eron/shared';
import type { Db, Trx } from '../db';

export async function insertVisitor(trx: Trx, v: VisitorRequest, by: string) {
  const taken = await trx
    .selectFrom('visitor_identities')
    .select('visitor_id')
    .where('document_type', '=', v.document.type)
    .where('document_number', '=', v.document.number)
    .executeTakeFirst();
  if (taken) return undefined;
  const row = await trx
    .insertInto('visitors')
    .values({ gender: v.gender, birth_date: v.birthDate, registered_by: by })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('visitor_identities')
    .values({
      visitor_id: row.id,
      document_type: v.document.type,
      document_number: v.document.number,
      given_names: v.givenNames,
      surnames: v.surnames,
    })
    .execute();
  if (v.contact) await upsertContact(trx, row.id, v.contact, by);
  return row;
}

/** Sets the visitor's contact (PLT-06: its own table); a field left out keeps its value, null clears it. */
export async function upsertContact(trx: Trx, visitorId: string, c: VisitorContactRequest, by: string) {
  const given = { ...(c.email !== undefined ? { email: c.email } : {}), ...(c.phone !== undefined ? { phone: c.phone } : {}) };
  return trx
    .insertInto('visitor_contacts')
    .values({ visitor_id: visitorId, email: c.email ?? null, phone: c.phone ?? null, updated_by: by })
    .onConflict((oc) => oc.column('visitor_id').doUpdateSet({ ...given, updated_by: by, updated_at: sql`now()` }))
    .returning(['visitor_id', 'email', 'phone'])
    .executeTakeFirstOrThrow();
}

export async function findContact(db: Db | Trx, visitorId: string) {
  return db.selectFrom('visitor_contacts').select(['visitor_id', 'email', 'phone']).where('visitor_id', '=', visitorId).executeTakeFirst();
}

export async function findVisitor(db: Db | Trx, id: string) {
  return db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findIdentity(db: Db | Trx, id: string) {
  return db
    .selectFrom('visitors as v')
    .innerJoin('visitor_identities as i', 'i.visitor_id', 'v.id')
    .selectAll()
    .where('v.id', '=', id)
    .executeTakeFirst();
}

export async function upsertListEntry(trx: Trx, nui: string, visitorId: string, e: ListEntryRequest, by: string): Promise<void> {
  const row = { relationship: e.relationship, accreditation: e.accreditation ?? null, added_by: by };
  await trx
    .insertInto('authorised_visitors')
    .values({ nui, visitor_id: visitorId, ...row })
    .onConflict((oc) => oc.columns(['nui', 'visitor_id']).doUpdateSet(row))
    .execute();
}

/** The PPL's list, with whether each visitor is banned today at the establishment. */
export async function listOf(db: Db | Trx, nui: string, eron: string, today: string) {
  return db
    .selectFrom('authorised_visitors as a')
    .innerJoin('visitors as v', 'v.id', 'a.visitor_id')
    .select(['a.visitor_id', 'a.relationship', 'a.accreditation', 'v.birth_date', 'v.gender'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('visitor_bans as b')
            .whereRef('b.visitor_id', '=', 'a.visitor_id')
            .where('b.eron', '=', eron)
            .where('b.until', '>=', today),
        )
        .as('banned'),
    )
    .where('a.nui', '=', nui)
    .orderBy('a.added_at')
    .execute();
}

export async function insertBan(trx: Trx, visitorId: string, eron: string, b: BanRequest, by: string) {
  return trx
    .insertInto('visitor_bans')
    .values({ visitor_id: visitorId, eron, reason: b.reason, until: b.until, banned_by: by })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function upsertExtradition(trx: Trx, nui: string, a: ExtraditionAuthorisationRequest, by: string): Promise<void> {
  const row = { reference: a.reference, valid_until: a.validUntil, recorded_by: by, recorded_at: sql<Date>`now()` };
  await trx
    .insertInto('extradition_authorisations')
    .values({ nui, ...row })
    .onConflict((oc) => oc.column('nui').doUpdateSet(row))
    .execute();
}
