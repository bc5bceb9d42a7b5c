import {
  assertActorActsFor,
  bogotaToday,
  notFound,
  type Ban,
  type BanRequest,
  type ExtraditionAuthorisationRequest,
  type ListEntryRequest,
  type ProblemError,
  type Visitor,
  type VisitorContact,
  type VisitorContactLookup,
  type VisitorContactRequest,
  type VisitorIdentity,
  type VisitorList,
  type VisitorRequest,
} from '@eron/shared';
import { findPpl } from '../ppl/ppl.repository';
import { unknownPpl } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import {
  findContact,
  findIdentity,
  findVisitor,
  insertBan,
  insertVisitor,
  listOf,
  upsertContact,
  upsertExtradition,
  upsertListEntry,
} from './visitor.repository';
import { assertChildMayBeListed, assertDocumentVerified, documentTaken, isMinor } from './visitor.rules';

const unknownVisitor = (id: string): ProblemError => notFound({ es: `No existe el visitante ${id}`, en: `No visitor ${id}` });

const visitorView = (v: { id: string; gender: 'M' | 'F'; birth_date: string; registered_at: Date }): Visitor => ({
  id: v.id,
  gender: v.gender,
  minor: isMinor(v.birth_date, bogotaToday()),
  registeredAt: v.registered_at.toISOString(),
});

/** The PPL, in the actor's establishment. */
async function pplInScope(db: Reader['db'] | Ctx['trx'], actor: Reader['actor'], nui: string) {
  const ppl = await findPpl(db, nui);
  if (!ppl) throw unknownPpl(nui);
  assertActorActsFor(actor, ppl.eron);
  return ppl;
}

/** Registers a visitor with a verified ID document (VIS-05); the identity is kept apart and never published (PLT-06). */
export async function registerVisitor(ctx: Ctx, body: VisitorRequest): Promise<Visitor> {
  assertDocumentVerified(body.document);
  const row = await insertVisitor(ctx.trx, body, ctx.actor.sub);
  if (!row) throw documentTaken();
  await ctx.audit({ action: 'register-visitor', entity: 'visitor', entityId: row.id });
  return visitorView(row);
}

const contactView = (c: { visitor_id: string; email: string | null; phone: string | null }): VisitorContact => ({
  visitorId: c.visitor_id,
  email: c.email,
  phone: c.phone,
});

/** Sets how the visitor is told of cancellations (VIS-10); confidential, so the audit says only that it changed (PLT-06). */
export async function setContact(ctx: Ctx, visitorId: string, body: VisitorContactRequest): Promise<VisitorContact> {
  if (!(await findVisitor(ctx.trx, visitorId))) throw unknownVisitor(visitorId);
  const row = await upsertContact(ctx.trx, visitorId, body, ctx.actor.sub);
  await ctx.audit({ action: 'set-visitor-contact', entity: 'visitor', entityId: visitorId });
  return contactView(row);
}

/**
 * The notifier's signed question at delivery time (VIS-10, PLT-06): the contact travels only in this
 * answer, never in an event. Every read is audited with the notification it serves; a visitor
 * without one gets nulls, for the notifier to record "no contact".
 */
export async function contactFor(ctx: Ctx, q: VisitorContactLookup): Promise<VisitorContact> {
  if (!(await findVisitor(ctx.trx, q.visitorId))) throw unknownVisitor(q.visitorId);
  const row = await findContact(ctx.trx, q.visitorId);
  await ctx.audit({
    action: 'read-visitor-contact',
    entity: 'visitor',
    entityId: q.visitorId,
    details: { notificationId: q.notificationId, found: Boolean(row?.email ?? row?.phone) },
  });
  return contactView(row ?? { visitor_id: q.visitorId, email: null, phone: null });
}

/** A visitor's identity: confidential, the read audited (PLT-06). */
export async function readIdentity(ctx: Ctx, id: string): Promise<VisitorIdentity> {
  const v = await findIdentity(ctx.trx, id);
  if (!v) throw unknownVisitor(id);
  await ctx.audit({ action: 'read-visitor-identity', entity: 'visitor', entityId: id });
  return {
    id: v.id,
    document: { type: v.document_type, number: v.document_number },
    givenNames: v.given_names,
    surnames: v.surnames,
    gender: v.gender,
    birthDate: v.birth_date,
  };
}

/** Puts a visitor on the PPL's authorised list (VIS-05); a minor only as Art. 69 allows (VIS-06). */
export async function authorise(ctx: Ctx, nui: string, visitorId: string, entry: ListEntryRequest): Promise<VisitorList> {
  const ppl = await pplInScope(ctx.trx, ctx.actor, nui);
  const visitor = await findVisitor(ctx.trx, visitorId);
  if (!visitor) throw unknownVisitor(visitorId);
  if (isMinor(visitor.birth_date, bogotaToday())) assertChildMayBeListed(entry);
  await upsertListEntry(ctx.trx, nui, visitorId, entry, ctx.actor.sub);
  await ctx.audit({ action: 'authorise-visitor', entity: 'ppl', entityId: nui, details: { visitorId, relationship: entry.relationship } });
  return listView(ctx.trx, nui, ppl.eron);
}

async function listView(db: Reader['db'] | Ctx['trx'], nui: string, eron: string): Promise<VisitorList> {
  const today = bogotaToday();
  const rows = await listOf(db, nui, eron, today);
  return {
    nui,
    visitors: rows.map((r) => ({
      visitorId: r.visitor_id,
      relationship: r.relationship,
      accreditation: r.accreditation,
      minor: isMinor(r.birth_date, today),
      banned: Boolean(r.banned),
    })),
  };
}

/** The PPL's authorised list: visitor IDs and what the booking needs, no identity data (PLT-06). */
export async function visitorList(r: Reader, nui: string): Promise<VisitorList> {
  const ppl = await pplInScope(r.db, r.actor, nui);
  return listView(r.db, nui, ppl.eron);
}

/** Bans a visitor from the establishment with the reason and the term (VIS-05). */
export async function banVisitor(ctx: Ctx, eron: string, visitorId: string, body: BanRequest): Promise<Ban> {
  if (!(await findVisitor(ctx.trx, visitorId))) throw unknownVisitor(visitorId);
  const ban = await insertBan(ctx.trx, visitorId, eron, body, ctx.actor.sub);
  await ctx.audit({ action: 'ban-visitor', entity: 'visitor', entityId: visitorId, details: { eron, until: body.until } });
  return { id: ban.id, visitorId, eron, reason: ban.reason, until: ban.until };
}

/** Records the Fiscalía's authorisation for visits to a PPL held for extradition (VIS-07, Art. 68 §1). */
export async function recordExtraditionAuthorisation(ctx: Ctx, nui: string, body: ExtraditionAuthorisationRequest) {
  await pplInScope(ctx.trx, ctx.actor, nui);
  await upsertExtradition(ctx.trx, nui, body, ctx.actor.sub);
  await ctx.audit({ action: 'record-extradition-authorisation', entity: 'ppl', entityId: nui, details: { reference: body.reference } });
  return { nui, reference: body.reference, validUntil: body.validUntil };
}
