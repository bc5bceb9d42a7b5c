import { sql } from 'kysely';
import type { EventPayload, LegalStatus, VisitSession, VisitsPplState } from '@eron/shared';
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

/**
 * Events may arrive out of order (a job redelivered after a stall, PLT-08): where a PPL is held —
 * establishment, unit, state — is taken from an event only if it is not older than the one that
 * set it, so a late ppl.admitted never takes a placed PPL out of their unit.
 */
const newer = sql<boolean>`(ppl.location_as_of IS NULL OR ppl.location_as_of <= EXCLUDED.location_as_of)`;
const located = <T>(column: 'eron' | 'unit_id' | 'state') =>
  sql<T>`CASE WHEN ${newer} THEN EXCLUDED.${sql.ref(column)} ELSE ppl.${sql.ref(column)} END`;
const location = {
  eron: located<string>('eron'),
  unit_id: located<string | null>('unit_id'),
  state: located<VisitsPplState>('state'),
  location_as_of: sql<Date>`GREATEST(ppl.location_as_of, EXCLUDED.location_as_of)`,
  updated_at: sql<Date>`now()`,
};

/** Admitted (again): held at the establishment, in no unit until placed; `at` is the event's time. */
export async function upsertAdmitted(trx: Trx, p: EventPayload<'ppl.admitted'>, at: string): Promise<void> {
  await trx
    .insertInto('ppl')
    .values({
      nui: p.nui,
      eron: p.eron,
      state: 'held',
      unit_id: null,
      legal_status: p.legalStatus,
      sex: p.sex,
      location_as_of: new Date(at),
    })
    .onConflict((oc) =>
      oc.column('nui').doUpdateSet({
        ...location,
        // A late admission still gives what only it carries, without replacing newer news.
        legal_status: sql<LegalStatus | null>`CASE WHEN ${newer} THEN EXCLUDED.legal_status ELSE COALESCE(ppl.legal_status, EXCLUDED.legal_status) END`,
        sex: sql<'M' | 'F' | null>`CASE WHEN ${newer} THEN EXCLUDED.sex ELSE COALESCE(ppl.sex, EXCLUDED.sex) END`,
      }),
    )
    .execute();
}

/** Where an event puts a PPL, unless the row holds newer news; what it does not carry is kept. */
async function locate(trx: Trx, nui: string, where: { eron: string; unit_id: string | null; state: 'held' | 'exited' }, at: string) {
  await trx
    .insertInto('ppl')
    .values({ nui, ...where, legal_status: null, sex: null, location_as_of: new Date(at) })
    .onConflict((oc) => oc.column('nui').doUpdateSet(location))
    .execute();
}

/** Placed in a unit of the establishment: the unit becomes known to visits (with no session yet). */
export async function place(trx: Trx, p: EventPayload<'ppl.placed'>, at: string): Promise<void> {
  await trx
    .insertInto('units')
    .values({ id: p.unitId, eron: p.eron, session: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await locate(trx, p.nui, { eron: p.eron, unit_id: p.unitId, state: 'held' }, at);
}

/** Received at another establishment: held there, in no unit until the board places them. */
export const moveTo = (trx: Trx, nui: string, eron: string, at: string) => locate(trx, nui, { eron, unit_id: null, state: 'held' }, at);

/** Gone from the establishment (release, death, escape, extradition…). */
export const markExited = (trx: Trx, nui: string, eron: string, at: string) =>
  locate(trx, nui, { eron, unit_id: null, state: 'exited' }, at);

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
