import type { Static } from '@sinclair/typebox';
import { assertActorActsFor, notFound, type DepositorIdentity, type DepositorInput, type DepositorList } from '@eron/shared';
import { folioEron, lockFolio } from '../accounts/account.repository';
import { noFolio } from '../accounts/account.rules';
import type { Ctx } from '../runtime';
import { maskDocument } from './deposit.rules';
import {
  activeDepositors,
  findDepositor,
  listChanges,
  otherPplCount,
  replaceList,
  upsertAndLockPeople,
  type ActiveDepositor,
} from './depositors.repository';
import {
  assertDocuments,
  assertListSize,
  assertMayChange,
  assertPersonLimits,
  nextChangeFrom,
  sameList,
  seesNames,
} from './depositors.rules';

type Changes = Awaited<ReturnType<typeof listChanges>>;
function toList(nui: string, rows: ActiveDepositor[], changes: Changes, withNames: boolean): DepositorList {
  const next = nextChangeFrom(changes.map((c) => ({ first: c.first, changedAt: c.changed_at })));
  return {
    nui,
    depositors: rows.map((r) => ({
      id: r.id,
      document: maskDocument(r.doc_type, r.doc_number),
      ...(withNames ? { givenNames: r.given_names ?? '', surnames: r.surnames ?? '' } : {}),
    })),
    firstRegisteredAt: changes[0]?.changed_at.toISOString() ?? null,
    lastChangedAt: changes.at(-1)?.changed_at.toISOString() ?? null,
    nextChangeFrom: next?.toISOString() ?? null,
  };
}

/**
 * FOL-05 (Art. 40 §2): the PPL's whole new list of who may deposit — at most 5 persons, each
 * authorised by at most 5 PPL, one change a year after the first registration. Changes of one
 * PPL serialise on the Folio's row; the people are locked so the per-person count holds.
 */
export async function setDepositors(
  ctx: Ctx,
  input: { nui: string; people: DepositorInput[] },
): Promise<{ changed: boolean; list: DepositorList }> {
  const { nui, people } = input;
  assertDocuments(people);
  assertListSize(people);
  const folio = await lockFolio(ctx.trx, nui);
  if (!folio) throw noFolio(nui);
  assertActorActsFor(ctx.actor, folio.eron);
  const changes = await listChanges(ctx.trx, nui);
  const current = (await activeDepositors(ctx.trx, nui)).map((d) => d.id);
  const ids = await upsertAndLockPeople(ctx.trx, people);
  const changed = !sameList(ids, current);
  if (changed) {
    assertMayChange(
      changes.map((c) => ({ first: c.first, changedAt: c.changed_at })),
      new Date(),
    );
    const added = ids.filter((id) => !current.includes(id));
    assertPersonLimits(ids, await otherPplCount(ctx.trx, nui, added));
    const first = changes.length === 0;
    const names = new Map(ids.map((id, i) => [id, { givenNames: people[i]!.givenNames, surnames: people[i]!.surnames }]));
    await replaceList(ctx.trx, { nui, eron: folio.eron, first, ids, names, current, by: ctx.actor.sub, requestId: ctx.requestId });
    await ctx.audit({ action: 'set-depositors', entity: 'folio', entityId: nui, details: { count: ids.length, first } });
  }
  await ctx.audit({ action: 'read-depositor-names', entity: 'folio', entityId: nui });
  return { changed, list: toList(nui, await activeDepositors(ctx.trx, nui), await listChanges(ctx.trx, nui), true) };
}

/** FOL-05, PLT-06: the list with documents masked; names only to those who manage it, and that read is audited. */
export async function listDepositors(ctx: Ctx, nui: string): Promise<DepositorList> {
  const folio = await folioEron(ctx.trx, nui);
  if (!folio) throw noFolio(nui);
  assertActorActsFor(ctx.actor, folio.eron);
  const withNames = seesNames(ctx.actor);
  if (withNames) await ctx.audit({ action: 'read-depositor-names', entity: 'folio', entityId: nui });
  return toList(nui, await activeDepositors(ctx.trx, nui), await listChanges(ctx.trx, nui), withNames);
}

/** FOL-05, PLT-06: one authorised depositor's full identity; every read is audited. */
export async function getDepositor(ctx: Ctx, input: { nui: string; id: string }): Promise<Static<typeof DepositorIdentity>> {
  const { nui, id } = input;
  const folio = await folioEron(ctx.trx, nui);
  if (folio) assertActorActsFor(ctx.actor, folio.eron);
  const person = folio ? await findDepositor(ctx.trx, nui, id) : undefined;
  if (!person) throw notFound({ es: 'No es una persona autorizada de esta PPL', en: 'Not an authorised depositor of this PPL' });
  await ctx.audit({ action: 'read-depositor-identity', entity: 'depositor', entityId: id, details: { nui } });
  return {
    id: person.id,
    document: { type: person.doc_type as Static<typeof DepositorIdentity>['document']['type'], number: person.doc_number },
    givenNames: person.given_names,
    surnames: person.surnames,
  };
}
