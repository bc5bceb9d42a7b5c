import { sql } from 'kysely';
import type { EventPayload, ExitReason, LegalStatus } from '@eron/shared';
import type { Db, Trx } from '../db';
import type { PplRow } from './ppl.tables';

export async function findPpl(db: Db | Trx, nui: string): Promise<PplRow | undefined> {
  return db.selectFrom('ppl').selectAll().where('nui', '=', nui).executeTakeFirst();
}

/** Locks the PPL's row for a change that depends on who and where they are. */
export async function lockPpl(trx: Trx, nui: string): Promise<PplRow | undefined> {
  return trx.selectFrom('ppl').selectAll().where('nui', '=', nui).forUpdate().executeTakeFirst();
}

const blank = { legal_status: null, sex: null, names: null, surnames: null, admitted_at: null, sentenced_at: null };

/**
 * Events may arrive out of order (a job redelivered after a stall, PLT-08): where a PPL is held —
 * establishment and state — is taken from an event only if it is not older than the one that set
 * it, so a late ppl.admitted never takes a transferred PPL back to where they were admitted.
 */
const newer = sql<boolean>`(ppl.location_as_of IS NULL OR ppl.location_as_of <= EXCLUDED.location_as_of)`;
const location = {
  eron: sql<string>`CASE WHEN ${newer} THEN EXCLUDED.eron ELSE ppl.eron END`,
  state: sql<'held' | 'exited'>`CASE WHEN ${newer} THEN EXCLUDED.state ELSE ppl.state END`,
  // Why they left goes with the exit: a newer admission or transfer clears it, a late exit leaves it.
  exit_reason: sql<ExitReason | null>`CASE WHEN ${newer} THEN EXCLUDED.exit_reason ELSE ppl.exit_reason END`,
  location_as_of: sql<Date>`GREATEST(ppl.location_as_of, EXCLUDED.location_as_of)`,
  updated_at: sql<Date>`now()`,
};
/** A late event's other facts fill only what the row does not know yet. */
const known = <T>(column: 'legal_status' | 'sex' | 'names' | 'surnames' | 'admitted_at') =>
  sql<T>`CASE WHEN ${newer} THEN EXCLUDED.${sql.ref(column)} ELSE COALESCE(ppl.${sql.ref(column)}, EXCLUDED.${sql.ref(column)}) END`;

/** Admitted (again): held at the establishment with the legal status of the order; `at` is the event's time. */
export async function upsertAdmitted(trx: Trx, p: EventPayload<'ppl.admitted'>, at: string): Promise<void> {
  await trx
    .insertInto('ppl')
    .values({
      nui: p.nui,
      eron: p.eron,
      state: 'held',
      legal_status: p.legalStatus,
      sex: p.sex,
      names: p.names ?? null,
      surnames: p.surnames ?? null,
      admitted_at: new Date(p.admittedAt),
      sentenced_at: p.legalStatus === 'condenado' ? new Date(p.admittedAt) : null,
      location_as_of: new Date(at),
    })
    .onConflict((oc) =>
      oc.column('nui').doUpdateSet({
        ...location,
        legal_status: known<LegalStatus | null>('legal_status'),
        sex: known<'M' | 'F' | null>('sex'),
        names: known<string | null>('names'),
        surnames: known<string | null>('surnames'),
        admitted_at: known<Date | null>('admitted_at'),
      }),
    )
    .execute();
}

/** Held at `eron` now (received on a transfer) or gone from it and why, unless the row holds newer news. */
export async function moveTo(
  trx: Trx,
  nui: string,
  eron: string,
  move: { state: 'held'; exitReason?: never } | { state: 'exited'; exitReason: ExitReason },
  at: string,
): Promise<void> {
  await trx
    .insertInto('ppl')
    .values({ nui, eron, state: move.state, ...blank, exit_reason: move.exitReason ?? null, location_as_of: new Date(at) })
    .onConflict((oc) => oc.column('nui').doUpdateSet(location))
    .execute();
}

/** A change of legal status (the security level is not discipline's); a conviction becoming firm is dated. */
export async function changeStatus(trx: Trx, p: EventPayload<'ppl.status-changed'>, at: Date): Promise<void> {
  if (!p.legalStatus) return;
  const legal = p.legalStatus;
  const sentenced = legal === 'condenado' ? at : null;
  await trx
    .insertInto('ppl')
    .values({ nui: p.nui, eron: p.eron, ...blank, legal_status: legal, sentenced_at: sentenced })
    .onConflict((oc) =>
      oc.column('nui').doUpdateSet({
        legal_status: legal,
        // The first firm conviction is kept; a later change away from it clears nothing recorded.
        sentenced_at: sql`COALESCE(ppl.sentenced_at, ${sentenced}::timestamptz)`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** An establishment's name as the DG registered it (CLS-01). */
export async function saveEstablishment(trx: Trx, p: EventPayload<'establishment.registered'>): Promise<void> {
  await trx
    .insertInto('establishments')
    .values({ code: p.code, name: p.name })
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: p.name }))
    .execute();
}

/** The establishment's name for a document's head, or `Establecimiento <code>` while unknown. */
export async function establishmentName(db: Db | Trx, code: string): Promise<string> {
  const row = await db.selectFrom('establishments').select('name').where('code', '=', code).executeTakeFirst();
  return row?.name ?? `Establecimiento ${code}`;
}
