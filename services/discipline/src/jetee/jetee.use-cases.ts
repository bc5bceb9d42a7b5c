import { randomUUID } from 'node:crypto';
import {
  assertActorActsFor,
  bogotaMonth,
  bogotaToday,
  notFound,
  type JeteeBoard,
  type JeteeBoardBody,
  type JeteeSession,
  type JeteeSessionBody,
  type MissedMonths,
} from '@eron/shared';
import type { Db, Trx } from '../db';
import { establishmentName } from '../ppl/ppl.repository';
import type { Ctx, Reader } from '../runtime';
import { actaPdf } from './jetee.document';
import {
  boardOf,
  decisionsOf,
  findSession,
  flagMonths,
  flagsOf,
  insertSession,
  membersOf,
  monthsWithSession,
  replaceBoard,
  takeNumber,
} from './jetee.repository';
import { assertBoard, assertSession, badRange, monthsWithout, nextMonth, noBoard } from './jetee.rules';
import type { MemberRow, SessionRow } from './jetee.tables';

const boardView = (eron: string, members: MemberRow[], updatedAt: Date): JeteeBoard => ({
  eron,
  members: members.map((m) => ({ id: m.id, seat: m.seat, name: m.name, position: m.position })),
  updatedAt: updatedAt.toISOString(),
});

export const sessionView = (s: SessionRow): JeteeSession => ({
  id: s.id,
  eron: s.eron,
  number: s.number,
  acta: s.acta,
  heldOn: s.held_on,
  attendees: s.attendees,
  notes: s.notes,
  createdAt: s.created_at.toISOString(),
});

/** DIS-20: the Director constitutes (or recomposes) the establishment's JETEE with the seats of Art. 140. */
export async function constituteBoard(ctx: Ctx, i: { eron: string; body: JeteeBoardBody }): Promise<JeteeBoard> {
  assertBoard(i.body.members);
  const members = await replaceBoard(ctx.trx, i.eron, i.body.members);
  await ctx.audit({ action: 'jetee-constitute', entity: 'jetee_board', entityId: i.eron });
  return boardView(i.eron, members, new Date());
}

export async function getBoard(r: Reader, eron: string): Promise<JeteeBoard> {
  const board = await boardOf(r.db, eron);
  if (!board) throw noBoard(eron);
  return boardView(eron, await membersOf(r.db, eron), board.updated_at);
}

/** DIS-20: a session with its attendance and the next numbered, dated acta of the establishment. */
export async function holdSession(ctx: Ctx, i: { eron: string; body: JeteeSessionBody }): Promise<JeteeSession> {
  const number = await takeNumber(ctx.trx, i.eron);
  if (number === undefined) throw noBoard(i.eron);
  const members = new Map((await membersOf(ctx.trx, i.eron)).map((m) => [m.id, m]));
  assertSession({ heldOn: i.body.heldOn, today: bogotaToday(), attendees: i.body.attendees, members: new Set(members.keys()) });
  const row = await insertSession(ctx.trx, {
    id: randomUUID(),
    eron: i.eron,
    number,
    acta: `JETEE-${i.eron}-${i.body.heldOn.slice(0, 4)}-${String(number).padStart(3, '0')}`,
    held_on: i.body.heldOn,
    attendees: i.body.attendees.map((id) => ({ memberId: id, seat: members.get(id)!.seat, name: members.get(id)!.name })),
    notes: i.body.notes ?? null,
    created_by: ctx.actor.sub,
  });
  await ctx.audit({ action: 'jetee-session', entity: 'jetee_session', entityId: row.id });
  return sessionView(row);
}

/** A session of the JETEE the actor acts for (DIS-21, DIS-23 take its reference). */
export async function sessionOf(db: Db | Trx, actor: Ctx['actor'], id: string, eron: string): Promise<SessionRow | undefined> {
  const s = await findSession(db, id);
  if (s) assertActorActsFor(actor, s.eron);
  return s && s.eron === eron ? s : undefined;
}

const previousMonth = (): string => {
  const [y, m] = bogotaMonth().split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/** DIS-20: the calendar months without a session, from the board's constitution (or `from`) to last month (or `to`). */
export async function missedMonths(r: Reader, i: { eron: string; from?: string; to?: string }): Promise<MissedMonths> {
  const board = await boardOf(r.db, i.eron);
  if (!board) throw noBoard(i.eron);
  const from = i.from ?? bogotaMonth(board.constituted_at);
  const to = i.to ?? previousMonth();
  if (from > nextMonth(to) || Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) throw badRange();
  const flags = await flagsOf(r.db, i.eron);
  const months = monthsWithout(from, to, await monthsWithSession(r.db, i.eron, from, to));
  return { eron: i.eron, from, to, months: months.map((month) => ({ month, flaggedAt: flags.get(month)?.toISOString() ?? null })) };
}

/** DIS-20 (the scheduled job): flags each past calendar month since constitution in which the JETEE did not sit. */
export async function flagMissedMonths(ctx: Ctx, i: { eron: string; since: Date }): Promise<number> {
  const from = bogotaMonth(i.since);
  const to = previousMonth();
  if (from > to) return 0;
  const months = monthsWithout(from, to, await monthsWithSession(ctx.trx, i.eron, from, to));
  return flagMonths(ctx.trx, i.eron, months);
}

/** DIS-20: a session's numbered, dated acta (PDF): attendance, the orders and evaluations made in it. */
export async function sessionActa(r: Reader, i: { eron: string; id: string }): Promise<Buffer> {
  const session = await findSession(r.db, i.id);
  if (!session || session.eron !== i.eron) throw notFound({ es: 'Sesión de la JETEE no encontrada', en: 'JETEE session not found' });
  const { orders, evaluations } = await decisionsOf(r.db, session.id);
  return actaPdf({ session, establishment: await establishmentName(r.db, i.eron), orders, evaluations, issuedBy: r.actor.sub });
}
