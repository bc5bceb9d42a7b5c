import {
  assertActorActsFor,
  pageLimit,
  type EscapeRegister,
  type EscapeRegisterQuery,
  type Exit,
  type ExitRequest,
  type RecaptureRequest,
} from '@eron/shared';
import { assertPeriod, keyOf, pageOf, periodEnd } from '../paging.rules';
import type { Outcome } from '@eron/shared/platform';
import { lockPpl } from '../ppl/ppl.repository';
import { noPpl } from '../ppl/ppl.rules';
import type { Ctx, Reader } from '../runtime';
import {
  escapeRegister as registerOf,
  lastEscape,
  recordExit as saveExit,
  registerEscapeEntry,
  setRecaptured,
} from './movements.repository';
import { assertEscaped, assertExitAllowed, exitRecipients, statusAfterExit } from './movements.rules';
import { notify } from './notify.use-cases';

/**
 * CLS-21: an exit — release and house arrest on a judicial decision, death and escape notified at
 * once, an escape in the register; `ppl.exited` (not again for an escape from house arrest).
 */
export async function recordExit(ctx: Ctx, b: ExitRequest): Promise<Outcome<Exit>> {
  const { trx, actor } = ctx;
  const ppl = await lockPpl(trx, b.nui);
  if (!ppl) throw noPpl(b.nui);
  assertActorActsFor(actor, ppl.eron);
  assertExitAllowed(ppl.status, b.reason, b.judicialDecision !== undefined);
  const fromHouseArrest = ppl.status === 'house_arrest';
  const notified = exitRecipients[b.reason];
  const exit = await saveExit(
    trx,
    { nui: ppl.nui, eron: ppl.eron, status: statusAfterExit[b.reason], fromHouseArrest, notified, by: actor.sub },
    b,
  );
  if (b.reason === 'escape') {
    await registerEscapeEntry(trx, {
      nui: ppl.nui,
      eron: ppl.eron,
      kind: 'escape',
      fromHouseArrest,
      occurredAt: b.occurredAt,
      details: b.details,
      by: actor.sub,
    });
  }
  await notify(ctx, notified, b.reason, ppl.eron, ppl.nui);
  if (!fromHouseArrest) await ctx.publish('ppl.exited', { nui: ppl.nui, eron: ppl.eron, exitId: exit.id, reason: b.reason });
  await ctx.audit({ action: 'record-exit', entity: 'ppl', entityId: ppl.nui, details: { exitId: exit.id, reason: b.reason } });
  const body = {
    id: exit.id,
    nui: exit.nui,
    eron: exit.eron,
    reason: b.reason,
    occurredAt: exit.occurred_at.toISOString(),
    fromHouseArrest,
    notified: exit.notified,
    recordedAt: exit.recorded_at.toISOString(),
  };
  return { status: 201, body };
}

/** CLS-21 (Art. 156 §2): the recapture of an escaped person, in the escapes register. */
export async function recordRecapture(ctx: Ctx, i: { nui: string; recapture: RecaptureRequest }) {
  const { trx, actor } = ctx;
  const ppl = await lockPpl(trx, i.nui);
  if (!ppl) throw noPpl(i.nui);
  assertActorActsFor(actor, ppl.eron);
  const escape = assertEscaped(ppl.status === 'escaped' ? await lastEscape(trx, ppl.nui) : undefined);
  const entry = await registerEscapeEntry(trx, {
    nui: ppl.nui,
    eron: ppl.eron,
    kind: 'recapture',
    fromHouseArrest: escape.from_house_arrest,
    occurredAt: i.recapture.occurredAt,
    details: i.recapture.details,
    by: actor.sub,
  });
  await setRecaptured(trx, ppl.nui);
  await ctx.audit({ action: 'record-recapture', entity: 'ppl', entityId: ppl.nui, details: { entryId: entry.id } });
  return { id: entry.id, nui: ppl.nui, eron: ppl.eron, fromHouseArrest: escape.from_house_arrest };
}

/** The longest period the escapes register is read over at once: a year. */
const REGISTER_DAYS = 366;

/**
 * A page of the establishment's register of escapes and recaptures (CLS-21, Art. 156 §2), newest
 * first; a period of Bogotá dates of at most a year (one end given: the year from or to it).
 */
export async function escapeRegister(r: Reader, q: EscapeRegisterQuery & { eron: string }): Promise<EscapeRegister> {
  const from = q.from ?? (q.to ? periodEnd(q.to, 1 - REGISTER_DAYS) : undefined);
  const to = q.to ?? (q.from ? periodEnd(q.from, REGISTER_DAYS - 1) : undefined);
  if (from && to) assertPeriod(from, to, REGISTER_DAYS);
  const limit = pageLimit(q.limit, 100);
  const before = q.before ? keyOf(q.before, ['instant', 'uuid'], 'before') : undefined;
  const rows = await registerOf(r.db, {
    eron: q.eron,
    since: from ? bogotaMidnight(from) : undefined,
    until: to ? bogotaMidnight(periodEnd(to, 1)) : undefined,
    before: before && { occurredAt: before[0]!, id: before[1]! },
    rows: limit + 1,
  });
  const page = pageOf(rows, limit, (e) => [e.occurred_at.toISOString(), e.id]);
  return {
    eron: q.eron,
    entries: page.items.map((e) => ({
      id: e.id,
      nui: e.nui,
      eron: e.eron,
      kind: e.kind,
      fromHouseArrest: e.from_house_arrest,
      occurredAt: e.occurred_at.toISOString(),
      recordedAt: e.recorded_at.toISOString(),
    })),
    next: page.next,
  };
}

/** The instant a Bogotá calendar day starts (UTC−5 all year). */
const bogotaMidnight = (date: string): Date => new Date(`${date}T05:00:00Z`);
