import { randomUUID } from 'node:crypto';
import type { DepositorInput } from '@eron/shared';
import type { Db, Trx } from '../db';

export interface ActiveDepositor {
  id: string;
  doc_type: string;
  doc_number: string;
  given_names: string | null;
  surnames: string | null;
}

export const listChanges = (db: Db | Trx, nui: string) =>
  db.selectFrom('depositor_list_changes').select(['first', 'changed_at']).where('nui', '=', nui).orderBy('changed_at').execute();

export const activeDepositors = (db: Db | Trx, nui: string): Promise<ActiveDepositor[]> =>
  db
    .selectFrom('depositor_authorisations as a')
    .innerJoin('depositors as d', 'd.id', 'a.depositor_id')
    .select(['d.id', 'd.doc_type', 'd.doc_number', 'a.given_names', 'a.surnames'])
    .where('a.nui', '=', nui)
    .where('a.removed_by', 'is', null)
    .orderBy('a.id')
    .execute();

/**
 * Finds or adds the people in the national store by document and locks them (id order), so the
 * per-person count holds under concurrency. The store keeps no names another list could overwrite:
 * each list keeps its own (replaceList).
 */
export async function upsertAndLockPeople(trx: Trx, people: DepositorInput[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of people) {
    await trx
      .insertInto('depositors')
      .values({ doc_type: p.document.type, doc_number: p.document.number })
      .onConflict((oc) => oc.columns(['doc_type', 'doc_number']).doNothing())
      .execute();
    const row = await trx
      .selectFrom('depositors')
      .select('id')
      .where('doc_type', '=', p.document.type)
      .where('doc_number', '=', p.document.number)
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  await trx.selectFrom('depositors').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
  return ids;
}

/** How many other PPL authorise each person now (FOL-05: at most 5, nationwide). */
export async function otherPplCount(trx: Trx, nui: string, ids: string[]): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('depositor_authorisations')
    .select(['depositor_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('depositor_id', 'in', ids)
    .where('removed_by', 'is', null)
    .where('nui', '<>', nui)
    .groupBy('depositor_id')
    .execute();
  return new Map(rows.map((r) => [r.depositor_id, Number(r.n)]));
}

export async function replaceList(
  trx: Trx,
  c: {
    nui: string;
    eron: string;
    first: boolean;
    ids: string[];
    /** The names this list gives each person, by id. */
    names: Map<string, { givenNames: string; surnames: string }>;
    current: string[];
    by: string;
    requestId: string;
  },
): Promise<void> {
  const change = randomUUID();
  await trx
    .insertInto('depositor_list_changes')
    .values({ id: change, nui: c.nui, eron: c.eron, first: c.first, changed_by: c.by, request_id: c.requestId })
    .execute();
  const gone = c.current.filter((id) => !c.ids.includes(id));
  if (gone.length > 0) {
    await trx
      .updateTable('depositor_authorisations')
      .set({ removed_by: change })
      .where('nui', '=', c.nui)
      .where('depositor_id', 'in', gone)
      .where('removed_by', 'is', null)
      .execute();
  }
  const added = c.ids.filter((id) => !c.current.includes(id));
  if (added.length > 0) {
    await trx
      .insertInto('depositor_authorisations')
      .values(
        added.map((depositor_id) => ({
          nui: c.nui,
          depositor_id,
          added_by: change,
          given_names: c.names.get(depositor_id)?.givenNames ?? null,
          surnames: c.names.get(depositor_id)?.surnames ?? null,
        })),
      )
      .execute();
  }
}

export const findDepositor = (db: Db | Trx, nui: string, id: string) =>
  db
    .selectFrom('depositor_authorisations as a')
    .innerJoin('depositors as d', 'd.id', 'a.depositor_id')
    .select(['d.id', 'd.doc_type', 'd.doc_number', 'a.given_names', 'a.surnames'])
    .where('a.nui', '=', nui)
    .where('d.id', '=', id)
    .where('a.removed_by', 'is', null)
    .executeTakeFirst();
