import { assertActorActsFor, type EscapeRegister, type Exit, type ExitRequest, type RecaptureRequest } from '@eron/shared';
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

/** The establishment's register of escapes and recaptures (CLS-21, Art. 156 §2). */
export async function escapeRegister(r: Reader, eron: string): Promise<EscapeRegister> {
  const rows = await registerOf(r.db, eron);
  return {
    eron,
    entries: rows.map((e) => ({
      id: e.id,
      nui: e.nui,
      eron: e.eron,
      kind: e.kind,
      fromHouseArrest: e.from_house_arrest,
      occurredAt: e.occurred_at.toISOString(),
      recordedAt: e.recorded_at.toISOString(),
    })),
  };
}
