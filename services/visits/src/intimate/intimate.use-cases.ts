import {
  assertActorActsFor,
  bogotaMonth,
  bogotaToday,
  conflict,
  type IntimateAnswerBody,
  type IntimateMinimumReport,
  type IntimateRequest,
  type IntimateRequestBody,
  type IntimateRequestList,
  type IntimateRequestSummary,
  type IntimateVisit,
} from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import type { Ctx, Reader } from '../runtime';
import { heldPpl, pplOf } from '../ppl/ppl.lookup';
import {
  entitledWithVisits,
  findRequest,
  flagOverdue,
  insertRequest,
  insertVisit,
  listRequests,
  lockRequest,
  readDetails,
  saveAnswer,
  visitsInMonth,
} from './intimate.repository';
import {
  assertLawfulGrounds,
  assertMayVisit,
  assertMovable,
  assertMovePermission,
  assertPending,
  assertReasoned,
  assertRequest,
  dueOn,
  isOverdue,
  noIntimateRequest,
} from './intimate.rules';
import type { IntimateDetailsRow, IntimateRequestRow } from './intimate.tables';

const summary = (r: IntimateRequestRow, today = bogotaToday()): IntimateRequestSummary => ({
  id: r.id,
  nui: r.nui,
  eron: r.eron,
  status: r.status,
  filedOn: r.filed_on,
  dueOn: r.due_on,
  overdue: isOverdue(r.status, r.due_on, today),
  overdueFlaggedAt: r.overdue_flagged_at?.toISOString() ?? null,
  answeredAt: r.answered_at?.toISOString() ?? null,
});

const full = (r: IntimateRequestRow, d: IntimateDetailsRow): IntimateRequest => ({
  ...summary(r),
  visitor: d.visitor,
  writtenRequestRef: d.written_request_ref,
  partner: d.partner_nui ? { nui: d.partner_nui, eron: d.partner_eron!, moves: d.partner_moves! } : null,
  grounds: d.grounds,
  reasons: d.reasons,
  visitsPerMonth: r.visits_per_month,
  movePermission: d.move_permission,
});

/**
 * VIS-11, VIS-13 (Arts. 71, 72): the PPL's written request naming the visitor, with a copy of the
 * visitor's ID; a partner held in another establishment only if the one who moves may be moved.
 * The answer is due in 15 business days.
 */
export async function fileIntimateRequest(ctx: Ctx, i: { nui: string; body: IntimateRequestBody }): Promise<Outcome<IntimateRequest>> {
  const ppl = await heldPpl(ctx.trx, i.nui);
  assertActorActsFor(ctx.actor, ppl.eron);
  const today = bogotaToday();
  const filedOn = i.body.filedOn ?? today;
  assertRequest(i.body.visitor, filedOn, today);
  let partnerEron: string | null = null;
  if (i.body.partner) {
    const partner = await heldPpl(ctx.trx, i.body.partner.nui);
    partnerEron = partner.eron;
    if (partner.eron !== ppl.eron) assertMovable(i.body.partner.moves === 'requester' ? ppl : partner);
  }
  const { row, details } = await insertRequest(ctx.trx, {
    nui: ppl.nui,
    eron: ppl.eron,
    filedOn,
    dueOn: dueOn(filedOn),
    by: ctx.actor.sub,
    body: i.body,
    partnerEron,
  });
  await ctx.audit({ action: 'file-intimate-request', entity: 'intimate_request', entityId: row.id });
  return { status: 201, body: full(row, details) };
}

/**
 * VIS-11 … VIS-13: the Director's answer — reasoned when it denies or limits, never on a sanction,
 * orientation, gender identity or disease; across establishments, with the permission the moving
 * PPL's legal status calls for.
 */
export async function answerIntimateRequest(ctx: Ctx, i: { id: string; body: IntimateAnswerBody }): Promise<Outcome<IntimateRequest>> {
  const request = await lockRequest(ctx.trx, i.id);
  if (!request) throw noIntimateRequest();
  assertActorActsFor(ctx.actor, request.eron);
  assertPending(request.status);
  assertLawfulGrounds(i.body.grounds ?? []);
  assertReasoned(i.body);
  const before = await readDetails(ctx.trx, request.id);
  if (i.body.decision !== 'denied' && before.partner_nui && before.partner_eron !== request.eron) {
    const moving = await pplOf(ctx.trx, before.partner_moves === 'requester' ? request.nui : before.partner_nui);
    assertMovePermission(moving, i.body.movePermission);
  }
  const { row, details } = await saveAnswer(ctx.trx, request.id, i.body, ctx.actor.sub);
  await ctx.audit({ action: 'answer-intimate-request', entity: 'intimate_request', entityId: row.id, details: { status: row.status } });
  return { status: 200, body: full(row, details) };
}

/** VIS-13 (Art. 72 §): the whole request, to the roles that answer it; every read audited (PLT-06). */
export async function getIntimateRequest(ctx: Ctx, id: string): Promise<IntimateRequest> {
  const row = await findRequest(ctx.trx, id);
  if (!row) throw noIntimateRequest();
  assertActorActsFor(ctx.actor, row.eron);
  await ctx.audit({ action: 'read-intimate-request', entity: 'intimate_request', entityId: row.id });
  return full(row, await readDetails(ctx.trx, row.id));
}

/** VIS-11: the establishment's requests, the overdue ones marked; never the visitor, partner or grounds. */
export async function listIntimateRequests(r: Reader, eron: string, status?: string): Promise<IntimateRequestList> {
  const today = bogotaToday();
  return { eron, items: (await listRequests(r.db, eron, status)).map((row) => summary(row, today)) };
}

/** VIS-11, VIS-12: an intimate visit given on a granted request — no sanction ever takes it away (Art. 71). */
export async function giveIntimateVisit(ctx: Ctx, i: { id: string; date: string }): Promise<Outcome<IntimateVisit>> {
  const request = await lockRequest(ctx.trx, i.id);
  if (!request) throw noIntimateRequest();
  assertActorActsFor(ctx.actor, request.eron);
  await heldPpl(ctx.trx, request.nui, request.eron);
  assertMayVisit(
    { status: request.status, visitsPerMonth: request.visits_per_month },
    await visitsInMonth(ctx.trx, request.id, i.date.slice(0, 7)),
  );
  const visit = await insertVisit(ctx.trx, {
    requestId: request.id,
    nui: request.nui,
    eron: request.eron,
    date: i.date,
    by: ctx.actor.sub,
  });
  if (!visit)
    throw conflict(
      'intimate-visit-taken',
      { es: 'Ese día ya tiene visita íntima', en: 'That day already has an intimate visit' },
      'VIS-11',
    );
  await ctx.audit({ action: 'give-intimate-visit', entity: 'intimate_visit', entityId: visit.id });
  return { status: 201, body: { id: visit.id, requestId: visit.request_id, nui: visit.nui, eron: visit.eron, date: visit.date } };
}

/** VIS-11: at least one intimate visit a month for each entitled PPL still held here — who is short. Audited. */
export async function intimateMinimum(ctx: Ctx, eron: string, month = bogotaMonth()): Promise<IntimateMinimumReport> {
  const rows = await entitledWithVisits(ctx.trx, eron, month);
  await ctx.audit({ action: 'read-intimate-minimum', entity: 'establishment', entityId: eron, details: { month } });
  return {
    eron,
    month,
    entitled: rows.length,
    short: rows.filter((r) => Number(r.visits) === 0).map((r) => ({ nui: r.nui, requestId: r.requestId })),
  };
}

/** VIS-11: flags every request unanswered past its 15th business day (the scheduled job). */
export const flagOverdueRequests = (db: Parameters<typeof flagOverdue>[0]) => flagOverdue(db, bogotaToday());
