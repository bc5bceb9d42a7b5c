import {
  assertActorActsFor,
  bogotaToday,
  conflict,
  ruleBroken,
  type IdentityDocument,
  type Lawyer,
  type LawyerAuthorisation,
  type LawyerAuthorisationBody,
  type LawyerBody,
  type LawyerVisit,
  type LawyerVisitBody,
} from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { heldPpl } from '../ppl/ppl.lookup';
import type { Ctx, Reader } from '../runtime';
import {
  findLawyer,
  findVisit,
  insertAuthorisation,
  insertVisit,
  isAuthorised,
  lockVisit,
  markEntered,
  upsertLawyer,
} from './lawyer.repository';
import {
  assertEntry,
  assertFingerprint,
  assertLawyerDocument,
  monitoringRefused,
  NEVER_RECORDED,
  noLawyer,
  noLawyerVisit,
} from './lawyer.rules';
import type { LawyerRow, LawyerVisitRow } from './lawyer.tables';

const lawyerView = (r: LawyerRow): Lawyer => ({
  id: r.id,
  names: r.names,
  document: { type: r.document_type as IdentityDocument['type'], number: r.document_number },
  credential: { kind: r.credential_kind, number: r.credential_number, issuer: r.credential_issuer },
});

/** Every lawyer visit says, in its own body, that it is never recorded or intercepted (Art. 61). */
const visitView = (v: LawyerVisitRow): LawyerVisit => ({
  id: v.id,
  nui: v.nui,
  eron: v.eron,
  lawyerId: v.lawyer_id,
  date: v.date,
  startTime: v.start_time,
  status: v.status,
  enteredAt: v.entered_at?.toISOString() ?? null,
  recorded: false,
  intercepted: false,
  notice: NEVER_RECORDED.es,
});

/** VIS-14 (Art. 64): a lawyer with a valid ID and a professional card, provisional licence or clinic certificate. */
export async function registerLawyer(ctx: Ctx, body: LawyerBody): Promise<Outcome<Lawyer>> {
  assertLawyerDocument(body.document);
  const { row, created } = await upsertLawyer(ctx.trx, body, ctx.actor.sub);
  if (created) await ctx.audit({ action: 'register-lawyer', entity: 'lawyer', entityId: row.id });
  return { status: created ? 201 : 200, body: lawyerView(row) };
}

/** VIS-14 (Art. 64): the PPL's written authorisation of a lawyer, with the PPL's fingerprint. */
export async function authoriseLawyer(ctx: Ctx, i: { nui: string; body: LawyerAuthorisationBody }): Promise<LawyerAuthorisation> {
  const ppl = await heldPpl(ctx.trx, i.nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  assertFingerprint(i.body.fingerprint);
  if (i.body.signedOn > bogotaToday())
    throw ruleBroken('VIS-14', 'Art. 64', { es: 'La autorización tiene fecha futura', en: 'The authorisation is dated in the future' });
  if (!(await findLawyer(ctx.trx, i.body.lawyerId))) throw noLawyer();
  const a = await insertAuthorisation(ctx.trx, { nui: ppl.nui, eron: ppl.eron, body: i.body, by: ctx.actor.sub });
  await ctx.audit({
    action: 'authorise-lawyer',
    entity: 'lawyer_authorisation',
    entityId: a.id,
    details: { nui: a.nui, lawyerId: a.lawyer_id },
  });
  return { id: a.id, nui: a.nui, eron: a.eron, lawyerId: a.lawyer_id, signedOn: a.signed_on, documentRef: a.document_ref };
}

/** VIS-14: a lawyer visit booked for a PPL held here; the authorisation is checked before entry, at the gate. */
export async function bookLawyerVisit(ctx: Ctx, body: LawyerVisitBody): Promise<Outcome<LawyerVisit>> {
  const ppl = await heldPpl(ctx.trx, body.nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  if (!(await findLawyer(ctx.trx, body.lawyerId))) throw noLawyer();
  if (body.date < bogotaToday())
    throw ruleBroken('VIS-14', 'Art. 64', { es: 'La visita no puede ser en el pasado', en: 'The visit cannot be in the past' });
  const visit = await insertVisit(ctx.trx, { eron: ppl.eron, body, by: ctx.actor.sub });
  await ctx.audit({ action: 'book-lawyer-visit', entity: 'lawyer_visit', entityId: visit.id });
  return { status: 201, body: visitView(visit) };
}

/** VIS-14 (Art. 64): at the gate, the lawyer's own ID and the PPL's authorisation with fingerprint — before entry. */
export async function admitLawyer(ctx: Ctx, i: { id: string; shown: IdentityDocument }): Promise<LawyerVisit> {
  const visit = await lockVisit(ctx.trx, i.id);
  if (!visit) throw noLawyerVisit();
  assertActorActsFor(ctx.actor, visit.eron);
  if (visit.status === 'entered')
    throw conflict('lawyer-already-entered', { es: 'El abogado ya ingresó', en: 'The lawyer has already entered' }, 'VIS-14');
  await heldPpl(ctx.trx, visit.nui, visit.eron);
  const lawyer = (await findLawyer(ctx.trx, visit.lawyer_id))!;
  assertEntry({
    lawyerDocument: { type: lawyer.document_type as IdentityDocument['type'], number: lawyer.document_number },
    shown: i.shown,
    authorised: await isAuthorised(ctx.trx, visit.nui, visit.lawyer_id),
  });
  const entered = await markEntered(ctx.trx, visit.id);
  await ctx.audit({ action: 'admit-lawyer', entity: 'lawyer_visit', entityId: visit.id });
  return visitView(entered);
}

export async function getLawyerVisit(r: Reader, id: string): Promise<LawyerVisit> {
  const visit = await findVisit(r.db, id);
  if (!visit) throw noLawyerVisit();
  assertActorActsFor(r.actor, visit.eron);
  return visitView(visit);
}

/** VIS-14 (Art. 61): monitoring is never attached to a lawyer visit — the visit is looked up only to answer 404 or 422 honestly. */
export async function attachMonitoring(r: Reader, id: string): Promise<never> {
  const visit = await findVisit(r.db, id);
  if (!visit) throw noLawyerVisit();
  assertActorActsFor(r.actor, visit.eron);
  throw monitoringRefused();
}
