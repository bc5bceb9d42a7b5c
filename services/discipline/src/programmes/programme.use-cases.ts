import { randomUUID } from 'node:crypto';
import {
  bogotaToday,
  notFound,
  type OrderBody,
  type Programme,
  type ProgrammeBody,
  type ProgrammeOrder,
  type RemovalBody,
} from '@eron/shared';
import { sessionOf } from '../jetee/jetee.use-cases';
import type { OrderRow, ProgrammeRow } from '../jetee/jetee.tables';
import { heldPpl } from '../ppl/ppl.lookup';
import type { Ctx, Reader } from '../runtime';
import {
  activeOrder,
  addCandidate,
  insertOrder,
  insertProgramme,
  lockOrder,
  lockProgramme,
  programmesOf,
  removeOrder,
  sentencedWaiting,
  stopWaiting,
  takenPlaces,
} from './programme.repository';
import { alreadyIn, assertExclusion, assertWorkPriority, needsQualification, noPlaces, notJeteeOrder } from './programme.rules';

const view = (p: ProgrammeRow, taken: number): Programme => ({
  id: p.id,
  eron: p.eron,
  kind: p.kind,
  name: p.name,
  places: p.places,
  taken,
  officer: p.officer,
  createdAt: p.created_at.toISOString(),
});

const orderView = (o: OrderRow, acta: string): ProgrammeOrder => ({
  id: o.id,
  programmeId: o.programme_id,
  nui: o.nui,
  eron: o.eron,
  sessionId: o.session_id,
  acta,
  status: o.status,
  legalStatus: o.legal_status,
  orderedOn: o.ordered_on,
  grounds: o.grounds,
  reasons: o.reasons,
  removedOn: o.removed_on,
});

const unknownProgramme = () => notFound({ es: 'Programa no encontrado', en: 'Programme not found' });

/** DIS-21: the establishment's catalogue of work, study and teaching programmes, each with its places. */
export async function createProgramme(ctx: Ctx, i: { eron: string; body: ProgrammeBody }): Promise<Programme> {
  const row = await insertProgramme(ctx.trx, { id: randomUUID(), eron: i.eron, ...i.body });
  await ctx.audit({ action: 'programme-create', entity: 'programme', entityId: row.id });
  return view(row, 0);
}

export async function listProgrammes(r: Reader, eron: string): Promise<Programme[]> {
  return (await programmesOf(r.db, eron)).map((p) => view(p, p.taken ?? 0));
}

async function programmeHere(ctx: Ctx, eron: string, id: string): Promise<ProgrammeRow> {
  const p = await lockProgramme(ctx.trx, id);
  if (!p || p.eron !== eron) throw unknownProgramme();
  return p;
}

/** DIS-21: a PPL held here asks for (or is proposed to) a programme and waits for the JETEE's order. */
export async function addProgrammeCandidate(ctx: Ctx, i: { eron: string; programmeId: string; nui: string }): Promise<void> {
  await programmeHere(ctx, i.eron, i.programmeId);
  await heldPpl(ctx.trx, i.nui, i.eron);
  await addCandidate(ctx.trx, i.programmeId, i.nui);
}

/**
 * DIS-21: only the JETEE's order, in one of its sessions, admits a PPL held here into a programme
 * or refuses them with reasons: never on a ground Art. 108 forbids; teaching with the instructor's
 * accredited qualification; a pre-trial PPL never takes a work place a sentenced candidate waits for.
 */
export async function orderIntoProgramme(ctx: Ctx, i: { eron: string; programmeId: string; body: OrderBody }): Promise<ProgrammeOrder> {
  const { body } = i;
  const programme = await programmeHere(ctx, i.eron, i.programmeId);
  const session = await sessionOf(ctx.trx, ctx.actor, body.sessionId, i.eron);
  if (!session) throw notJeteeOrder();
  const ppl = await heldPpl(ctx.trx, body.nui, i.eron);
  const base = {
    id: randomUUID(),
    programme_id: programme.id,
    nui: ppl.nui,
    eron: i.eron,
    session_id: session.id,
    legal_status: ppl.legalStatus,
  };
  if (body.decision === 'refuse') {
    assertExclusion({ grounds: body.grounds ?? [], reasons: body.reasons });
    const row = await insertOrder(ctx.trx, {
      ...base,
      status: 'refused',
      ordered_on: session.held_on,
      grounds: body.grounds ?? [],
      reasons: body.reasons ?? null,
      qualification: null,
      removed_on: null,
    });
    await stopWaiting(ctx.trx, programme.id, ppl.nui);
    return orderView(row, session.acta);
  }
  if (programme.kind === 'teaching' && !body.qualification) throw needsQualification();
  if (await activeOrder(ctx.trx, programme.id, ppl.nui)) throw alreadyIn();
  const free = programme.places - (await takenPlaces(ctx.trx, programme.id));
  if (free <= 0) throw noPlaces(programme.name);
  assertWorkPriority({
    kind: programme.kind,
    legalStatus: ppl.legalStatus,
    free,
    sentencedWaiting: await sentencedWaiting(ctx.trx, programme.id, i.eron, ppl.nui),
  });
  const row = await insertOrder(ctx.trx, {
    ...base,
    status: 'active',
    ordered_on: session.held_on,
    grounds: [],
    reasons: body.reasons ?? null,
    qualification: body.qualification ?? null,
    removed_on: null,
  });
  await stopWaiting(ctx.trx, programme.id, ppl.nui);
  await ctx.audit({ action: 'programme-order', entity: 'programme_order', entityId: row.id });
  return orderView(row, session.acta);
}

/** DIS-21: the JETEE removes a PPL from a programme in session, with grounds and reasons (never Art. 108's). */
export async function removeFromProgramme(
  ctx: Ctx,
  i: { eron: string; programmeId: string; orderId: string; body: RemovalBody },
): Promise<ProgrammeOrder> {
  assertExclusion({ grounds: i.body.grounds, reasons: i.body.reasons });
  const order = await lockOrder(ctx.trx, i.orderId);
  if (!order || order.programme_id !== i.programmeId || order.eron !== i.eron || order.status !== 'active')
    throw notFound({ es: 'Orden vigente no encontrada', en: 'Active order not found' });
  const session = await sessionOf(ctx.trx, ctx.actor, i.body.sessionId, i.eron);
  if (!session) throw notJeteeOrder();
  const row = await removeOrder(ctx.trx, order.id, {
    grounds: i.body.grounds,
    reasons: i.body.reasons,
    removedOn: session.held_on ?? bogotaToday(),
  });
  await ctx.audit({ action: 'programme-removal', entity: 'programme_order', entityId: row.id });
  return orderView(row, session.acta);
}
