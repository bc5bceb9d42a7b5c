import { lockKeys } from '@eron/shared/platform';
import type { AreaRequest, RegimeRequest } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { AreaRow, RegimeRow } from './regime.tables';

/** The regime in force at the establishment, if the DG approved one. */
export async function approvedRegime(db: Db | Trx, eron: string): Promise<RegimeRow | undefined> {
  return db.selectFrom('regimes').selectAll().where('eron', '=', eron).where('status', '=', 'approved').executeTakeFirst();
}

export async function insertProposal(trx: Trx, eron: string, r: RegimeRequest, by: string): Promise<RegimeRow> {
  return trx
    .insertInto('regimes')
    .values({
      id: crypto.randomUUID(),
      eron,
      status: 'proposed',
      days: JSON.stringify(r.days),
      visits_per_week: r.visitsPerWeek,
      persons_per_visit: r.personsPerVisit,
      reason: r.reason,
      proposed_by: by,
      decided_by: null,
      decided_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function lockRegime(trx: Trx, id: string): Promise<RegimeRow | undefined> {
  return trx.selectFrom('regimes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** VIS-01: serializes the DG's decisions at one establishment, so each approval supersedes the regime in force when it runs. */
export async function lockRegimes(trx: Trx, eron: string): Promise<void> {
  await lockKeys(trx, [`regime:${eron}`]);
}

/** The DG's decision; an approval supersedes the regime it replaces (one in force per establishment, by a unique index). */
export async function decide(trx: Trx, r: RegimeRow, approve: boolean, by: string): Promise<RegimeRow> {
  if (approve) {
    await trx.updateTable('regimes').set({ status: 'superseded' }).where('eron', '=', r.eron).where('status', '=', 'approved').execute();
  }
  return trx
    .updateTable('regimes')
    .set({ status: approve ? 'approved' : 'rejected', decided_by: by, decided_at: new Date() })
    .where('id', '=', r.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertArea(trx: Trx, eron: string, a: AreaRequest): Promise<AreaRow> {
  return trx
    .insertInto('areas')
    .values({ eron, name: a.name, capacity: a.capacity, for_children: a.forChildren })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function areasOf(db: Db | Trx, eron: string): Promise<AreaRow[]> {
  return db.selectFrom('areas').selectAll().where('eron', '=', eron).orderBy('name').execute();
}
