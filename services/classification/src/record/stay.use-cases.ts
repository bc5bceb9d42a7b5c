import { assertActorActsFor, type StayHistory } from '@eron/shared';
import { notificationsOfPpl } from '../notifications/notifications.use-cases';
import { findPpl } from '../ppl/ppl.repository';
import { noPpl } from '../ppl/ppl.rules';
import type { Reader } from '../runtime';
import { PENDING, recorded, staySectionsFor, withheld, type ReservedStaySection } from './record.rules';
import { admissionsOf, evaluationsOf, exitsOf, placementsOf, transfersOf } from './stay.repository';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * The history of the stay the record keeps (CLS-06, Art. 25 §2): admission, placements, transfers,
 * the CET's evaluations, exits and recaptures, and the notices sent about the person — each
 * reserved section only to the roles that read its capability, the others withheld unread — and
 * the places discipline and work/study will fill. No confidential data (CLS-07, PLT-06).
 */
export async function stayHistory(r: Reader, nui: string): Promise<StayHistory> {
  const ppl = await findPpl(r.db, nui);
  if (!ppl) throw noPpl(nui);
  assertActorActsFor(r.actor, ppl.eron);
  const readable = staySectionsFor(r.actor.roles);
  const section = async <T>(name: ReservedStaySection, load: () => Promise<T[]>) =>
    readable.includes(name) ? recorded(await load()) : withheld(name);
  return {
    nui: ppl.nui,
    eron: ppl.eron,
    status: ppl.status,
    admission: recorded(await admissions(r, nui)),
    placements: recorded(await placements(r, nui)),
    transfers: await section('transfers', () => transfers(r, nui)),
    evaluations: await section('evaluations', () => evaluations(r, nui)),
    exits: await section('exits', () => exits(r, nui)),
    notices: await section('notices', () => notices(r, nui)),
    ...PENDING,
  };
}

const admissions = async (r: Reader, nui: string) =>
  (await admissionsOf(r.db, nui)).map((a) => {
    const order = a.detention_order;
    return {
      admittedAt: a.admitted_at.toISOString(),
      eron: a.eron,
      entryNumber: a.entry_number,
      legalStatus: a.legal_status,
      offence: order.offence ?? '',
      authority: [order.authorityName, order.authorityPosition].filter(Boolean).join(', '),
      orderNumber: order.orderNumber ?? '',
    };
  });

const placements = async (r: Reader, nui: string) =>
  (await placementsOf(r.db, nui)).map((p) => ({
    placedAt: p.placed_at.toISOString(),
    endedAt: iso(p.ended_at),
    eron: p.eron,
    unit: p.unit,
    cell: p.cell,
    acta: p.acta,
    decidedBy: p.decided_by,
  }));

const transfers = async (r: Reader, nui: string) =>
  (await transfersOf(r.db, nui)).map((t) => ({
    id: t.id,
    fromEron: t.from_eron,
    toEron: t.to_eron,
    status: t.status,
    reasons: t.reasons,
    authority: t.authority,
    orderedAt: t.ordered_at.toISOString(),
    dispatchedAt: iso(t.dispatched_at),
    receivedAt: iso(t.received_at),
    delays: t.delays.map((d) => ({ cause: d.cause, expectedDate: d.expected_date, recordedAt: d.recorded_at.toISOString() })),
  }));

const evaluations = async (r: Reader, nui: string) =>
  (await evaluationsOf(r.db, nui)).map((e) => ({
    setAt: e.set_at.toISOString(),
    eron: e.eron,
    phase: e.phase,
    securityLevel: e.security_level,
    cetActa: e.cet_acta,
    reasons: e.reasons,
  }));

const exits = async (r: Reader, nui: string) =>
  (await exitsOf(r.db, nui)).map((e) => ({
    kind: e.kind,
    reason: e.reason,
    occurredAt: e.occurred_at.toISOString(),
    eron: e.eron,
    fromHouseArrest: e.from_house_arrest,
    judicialDecision: e.judicial_decision,
  }));

/** The notifier's notices about the person: to whom, what, and how delivery went — not the addresses. */
const notices = async (r: Reader, nui: string) =>
  (await notificationsOfPpl(r, nui)).map((n) => ({
    id: n.id,
    kind: n.kind,
    title: n.title,
    eron: n.eron,
    status: n.status,
    reason: n.reason,
    requestedAt: n.requestedAt,
  }));
