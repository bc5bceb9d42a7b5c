import { sql } from 'kysely';
import type { EventPayload, VisitSession } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { PplRow } from './ppl.tables';

export type PplView = PplRow & { session: VisitSession | null };

/** The PPL with its unit's session, or undefined. */
export async function findPpl(db: Db | Trx, nui: string): Promise<PplView | undefined> {
  return db
    .selectFrom('ppl')
    .leftJoin('units', 'units.id', 'ppl.unit_id')
    .selectAll('ppl')
    .select('units.session')
    .where('ppl.nui', '=', nui)
    .executeTakeFirst();
}

/** Admitted (again): held at the establishment, in no unit until placed. */
export async function upsertAdmitted(trx: Trx, p: EventPayload<'ppl.admitted'>): Promise<void> {
  const row = {
    eron: p.eron,
    state: 'held' as const,
    unit_id: null,
    legal_status: p.legalStatus,
    sex: p.sex,
    updated_at: sql<Date>`now()`,
  };
  await trx
    .insertInto('ppl')
    .values({ nui: p.nui, ...row })
    .onConflict((oc) => oc.column('nui').doUpdateSet(row))
    .execute();
}

/** Placed in a unit of the establishment: the unit becomes known to visits (with no session yet). */
export async function place(trx: Trx, p: EventPayload<'ppl.placed'>): Promise<void> {
  await trx
    .insertInto('units')
    .values({ id: p.unitId, eron: p.eron, session: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = { eron: p.eron, unit_id: p.unitId, state: 'held' as const, updated_at: sql<Date>`now()` };
  await trx
    .insertInto('ppl')
    .values({ nui: p.nui, ...row, legal_status: null, sex: null })
    .onConflict((oc) => oc.column('nui').doUpdateSet(row))
    .execute();
}

/** Received at another establishment: held there, in no unit until the board places them. */
export async function moveTo(trx: Trx, nui: string, eron: string): Promise<void> {
  const row = { eron, unit_id: null, state: 'held' as const, updated_at: sql<Date>`now()` };
  await trx
    .insertInto('ppl')
    .values({ nui, ...row, legal_status: null, sex: null })
    .onConflict((oc) => oc.column('nui').doUpdateSet(row))
    .execute();
}

/** Gone from the establishment (release, death, escape, extradition…). */
export async function markExited(trx: Trx, nui: string, eron: string): Promise<void> {
  const row = { eron, unit_id: null, state: 'exited' as const, updated_at: sql<Date>`now()` };
  await trx
    .insertInto('ppl')
    .values({ nui, ...row, legal_status: null, sex: null })
    .onConflict((oc) => oc.column('nui').doUpdateSet(row))
    .execute();
}

/** A change of legal status or security level; what the event leaves out is kept. */
export async function changeStatus(trx: Trx, p: EventPayload<'ppl.status-changed'>): Promise<void> {
  const legal = p.legalStatus ?? null;
  const level = p.securityLevel ?? null;
  await trx
    .insertInto('ppl')
    .values({ nui: p.nui, eron: p.eron, unit_id: null, legal_status: legal, sex: null, security_level: level })
    .onConflict((oc) =>
      oc.column('nui').doUpdateSet({
        legal_status: sql`COALESCE(${legal}::text, ppl.legal_status)`,
        security_level: sql`COALESCE(${level}::integer, ppl.security_level)`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}
