import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Trx } from '../db';
import type { SanctionKind, SanctionRow, Severity } from './sanction.tables';

/** DIS-05: the sanction a decision imposes; the unique (case, PPL) index keeps DIS-02 even under a race. */
export async function insertSanction(
  trx: Trx,
  s: { caseId: string; nui: string; eron: string; severity: Severity; kind: SanctionKind; amount: number | null; factDate: string },
): Promise<SanctionRow> {
  return trx
    .insertInto('sanctions')
    .values({
      id: randomUUID(),
      case_id: s.caseId,
      nui: s.nui,
      eron: s.eron,
      severity: s.severity,
      kind: s.kind,
      amount: s.amount,
      fact_date: s.factDate,
      firm_at: null,
    })
    .onConflict((oc) => oc.columns(['case_id', 'nui']).doNothing())
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function sanctionOfCase(db: Db | Trx, caseId: string): Promise<SanctionRow | undefined> {
  return db.selectFrom('sanctions').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export async function lockSanction(trx: Trx, id: string): Promise<SanctionRow | undefined> {
  return trx.selectFrom('sanctions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateSanction(
  trx: Trx,
  id: string,
  set: {
    status: SanctionRow['status'];
    firm_at?: Date;
    serves_on?: string;
    suspension?: NonNullable<SanctionRow['suspension']>;
    revocation?: NonNullable<SanctionRow['revocation']>;
    lifted?: true;
  },
): Promise<SanctionRow> {
  let q = trx.updateTable('sanctions').set({ status: set.status });
  if (set.firm_at) q = q.set({ firm_at: set.firm_at });
  if (set.serves_on) q = q.set({ serves_on: set.serves_on });
  if (set.suspension) q = q.set({ suspension: sql<SanctionRow['suspension']>`${JSON.stringify(set.suspension)}::jsonb` });
  if (set.revocation) q = q.set({ revocation: sql<SanctionRow['revocation']>`${JSON.stringify(set.revocation)}::jsonb` });
  if (set.lifted) q = q.set({ lifted_at: sql<Date>`now()` });
  return q.where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * DIS-08: sanctions of an establishment still imposed whose appeal term ended before `today` with
 * no appeal pending — nothing stands between them and firmness. Locked, skipping rows another run holds.
 */
export async function dueForFirmness(trx: Trx, eron: string | undefined, today: string): Promise<SanctionRow[]> {
  let q = trx
    .selectFrom('sanctions as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .selectAll('s')
    .where('s.status', '=', 'imposed')
    .where('c.appeal_due_on', '<', today)
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('appeals as a').select('a.id').whereRef('a.case_id', '=', 's.case_id').where('a.status', '=', 'pending')),
      ),
    );
  if (eron) q = q.where('s.eron', '=', eron);
  return q.orderBy('s.id').forUpdate().skipLocked().execute();
}

/** DIS-09: the PPL's suspended sanctions a new offence on `factDate` revives (within three months of when each would have been served). */
export async function suspendedOf(trx: Trx, nui: string, exceptId: string): Promise<SanctionRow[]> {
  return trx
    .selectFrom('sanctions')
    .selectAll()
    .where('nui', '=', nui)
    .where('id', '<>', exceptId)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'suspended'),
        eb.and([
          eb('status', 'in', ['imposed', 'firm']),
          eb(sql`suspension->>'part'`, 'is not', null),
          eb(sql`suspension->>'revivedOn'`, 'is', null),
        ]),
      ]),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** DIS-09 (Art. 137.5): other sanctions of the PPL standing, for facts within six months of these. */
export async function othersWithinSixMonths(db: Db | Trx, s: SanctionRow): Promise<number> {
  const row = await db
    .selectFrom('sanctions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('nui', '=', s.nui)
    .where('id', '<>', s.id)
    .where('status', 'not in', ['lifted', 'revoked'])
    .where('fact_date', '>=', sql<string>`${s.fact_date}::date - interval '6 months'`)
    .where('fact_date', '<=', sql<string>`${s.fact_date}::date + interval '6 months'`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function sanctionsOfPpl(db: Db, nui: string): Promise<SanctionRow[]> {
  return db.selectFrom('sanctions').selectAll().where('nui', '=', nui).orderBy('imposed_at', 'desc').execute();
}
