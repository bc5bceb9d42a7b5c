import type {
  Council,
  CouncilDecision,
  CouncilDecisionRequest,
  CouncilRequest,
  CouncilSession,
  CouncilSessionRequest,
  ItemError,
} from '@eron/shared';
import { establishmentName } from '../ppl/ppl.repository';
import type { Ctx, Reader } from '../runtime';
import type { Db, Trx } from '../db';
import { councilActaPdf } from './council.document';
import {
  activeMembers,
  decisionsOf,
  findCouncil,
  findSession,
  insertDecision,
  insertSession,
  lockSession,
  membersById,
  replaceComposition,
  votesOfDecisions,
} from './council.repository';
import {
  actaNumber,
  assertAttendance,
  assertComposition,
  assertConvening,
  assertDecision,
  groupsOf,
  noCouncil,
  noSession,
  outcomeOf,
  votesOf,
} from './council.rules';
import type { SessionRow } from './council.tables';

/** DIS-11 (Art. 135): the Director sets the council — posts, groups, the PPL's elected representative and alternate, the secretary. */
export async function setCouncil(ctx: Ctx, i: { eron: string; body: CouncilRequest }): Promise<Council> {
  const elected = i.body.members.filter((m) => m.nui !== undefined).map((m) => m.nui!);
  const held =
    elected.length === 0
      ? []
      : await ctx.trx
          .selectFrom('ppl')
          .select('nui')
          .where('nui', 'in', elected)
          .where('eron', '=', i.eron)
          .where('state', '=', 'held')
          .execute();
  const notHeld: ItemError[] = elected
    .filter((n) => !held.some((h) => h.nui === n))
    .map((n) => ({
      field: '/members',
      message: { es: `la PPL ${n} no está recluida en el ERON`, en: `PPL ${n} is not held at the ERON` },
    }));
  assertComposition(i.body.members, notHeld);
  const members = i.body.members.map((m) => ({
    post: m.post,
    name: m.name,
    nui: m.nui ?? null,
    groups: groupsOf(m),
    votes: votesOf(m.post),
  }));
  await replaceComposition(ctx.trx, i.eron, members, i.body.secretary, ctx.actor.sub);
  await ctx.audit({ action: 'set-council', entity: 'council', entityId: i.eron });
  return councilOf(ctx.trx, i.eron);
}

export async function councilOf(db: Db | Trx, eron: string): Promise<Council> {
  const c = await findCouncil(db, eron);
  if (!c) throw noCouncil(eron);
  const members = await activeMembers(db, eron);
  return {
    eron,
    members: members.map((m) => ({ id: m.id, post: m.post, name: m.name, nui: m.nui, groups: m.groups, votes: m.votes })),
    secretary: { name: c.secretary_name, position: c.secretary_position },
    setBy: c.set_by,
    setAt: c.set_at.toISOString(),
  };
}

export const getCouncil = (r: Reader, eron: string) => councilOf(r.db, eron);

/** DIS-11, DIS-12: a session — ordinary, or extraordinary as Art. 135 allows it convened — with attendance and agenda. */
export async function openSession(ctx: Ctx, i: { eron: string; body: CouncilSessionRequest }): Promise<CouncilSession> {
  const b = i.body;
  const council = await findCouncil(ctx.trx, i.eron);
  if (!council) throw noCouncil(i.eron);
  const known = await membersById(ctx.trx, [...b.present, ...(b.requestedBy ? [b.requestedBy] : [])]);
  const requester = b.requestedBy ? known.get(b.requestedBy) : undefined;
  assertConvening({
    kind: b.kind,
    convenedBy: b.convenedBy,
    actorRoles: ctx.actor.roles,
    requesterIsMember: requester?.eron === i.eron && requester.active,
    justification: b.justification,
  });
  assertAttendance(b.present, known, i.eron);
  const extraordinary = b.kind === 'extraordinary';
  const s = await insertSession(
    ctx.trx,
    {
      eron: i.eron,
      kind: b.kind,
      date: b.date,
      agenda: b.agenda,
      present: b.present,
      convened_by: extraordinary ? (b.convenedBy ?? null) : null,
      requested_by: extraordinary ? (b.requestedBy ?? null) : null,
      justification: extraordinary ? (b.justification ?? null) : null,
      secretary_name: council.secretary_name,
      secretary_position: council.secretary_position,
      opened_by: ctx.actor.sub,
    },
    (year, n) => actaNumber(i.eron, year, n),
  );
  await ctx.audit({ action: 'open-council-session', entity: 'council_session', entityId: s.id, details: { acta: s.acta } });
  return sessionView(ctx.trx, s);
}

/** DIS-12: a decision of the deciding group, with quorum and every vote of an eligible member present. */
export async function decide(ctx: Ctx, i: { eron: string; sessionId: string; body: CouncilDecisionRequest }): Promise<CouncilDecision> {
  const s = await lockSession(ctx.trx, i.eron, i.sessionId);
  if (!s) throw noSession();
  const b = i.body;
  const members = await membersById(ctx.trx, [...s.present, ...b.votes.map((v) => v.memberId)]);
  assertDecision({ group: b.group, eron: i.eron, present: s.present, votes: b.votes, members });
  const d = await insertDecision(
    ctx.trx,
    {
      session_id: s.id,
      group: b.group,
      matter: b.matter,
      nui: b.nui ?? null,
      subject: b.subject,
      reasons: b.reasons,
      outcome: outcomeOf(b.votes),
      decided_by: ctx.actor.sub,
    },
    b.votes,
  );
  await ctx.audit({ action: 'council-decision', entity: 'council_decision', entityId: d.id, details: { acta: s.acta } });
  const view = await sessionView(ctx.trx, s);
  return view.decisions.find((x) => x.id === d.id)!;
}

async function sessionView(db: Db | Trx, s: SessionRow): Promise<CouncilSession> {
  const decisions = await decisionsOf(db, s.id);
  const votes = await votesOfDecisions(
    db,
    decisions.map((d) => d.id),
  );
  const present = await membersById(db, s.present);
  return {
    id: s.id,
    eron: s.eron,
    kind: s.kind,
    date: s.date,
    acta: s.acta,
    agenda: s.agenda,
    convenedBy: s.convened_by,
    justification: s.justification,
    present: s.present.map((id) => {
      const m = present.get(id)!;
      return { memberId: id, name: m.name, post: m.post, votes: m.votes };
    }),
    decisions: decisions.map((d) => ({
      id: d.id,
      sessionId: s.id,
      number: d.number,
      group: d.group,
      matter: d.matter,
      nui: d.nui,
      subject: d.subject,
      reasons: d.reasons,
      outcome: d.outcome,
      date: s.date,
      votes: votes.filter((v) => v.decision_id === d.id).map((v) => ({ memberId: v.member_id, name: v.name, post: v.post, vote: v.vote })),
    })),
  };
}

export async function getSession(r: Reader, eron: string, id: string): Promise<CouncilSession> {
  const s = await findSession(r.db, eron, id);
  if (!s) throw noSession();
  return sessionView(r.db, s);
}

/** DIS-11, DIS-12: the acta as the secretary signs it. */
export async function sessionActa(r: Reader, eron: string, id: string): Promise<{ file: Buffer; name: string }> {
  const s = await findSession(r.db, eron, id);
  if (!s) throw noSession();
  const view = await sessionView(r.db, s);
  const voters = view.decisions.flatMap((d) => d.votes.map((v) => v.memberId));
  const members = await membersById(r.db, [...new Set([...s.present, ...voters])]);
  const file = await councilActaPdf(view, {
    establishmentName: await establishmentName(r.db, eron),
    secretary: { name: s.secretary_name, position: s.secretary_position },
    groupsOf: Object.fromEntries([...members].map(([id, m]) => [id, m.groups])),
    issuedBy: r.actor.sub,
    issuedAt: new Date(),
  });
  return { file, name: `${s.acta}.pdf` };
}
