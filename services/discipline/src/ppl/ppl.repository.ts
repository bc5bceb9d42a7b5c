import { sql } from 'kysely';
import type { EventPayload } from '@eron/shared';
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

/** Admitted (again): held at the establishment with the legal status of the order. */
export async function upsertAdmitted(trx: Trx, p: EventPayload<'ppl.admitted'>): Promise<void> {
  const row = {
    eron: p.eron,
    state: 'held' as const,
    legal_status: p.legalStatus,
    sex: p.sex,
    names: p.names ?? null,
    surnames: p.surnames ?? null,
    admitted_at: new Date(p.admittedAt),
    updated_at: sql<Date>`now()`,
  };
  await trx
    .insertInto('ppl')
    .values({ nui: p.nui, ...row, sentenced_at: p.legalStatus === 'condenado' ? new Date(p.admittedAt) : null })
    .onConflict((oc) => oc.column('nui').doUpdateSet(row))
    .execute();
}

/** Held at `eron` now (received on a transfer) or gone from it. */
export async function moveTo(trx: Trx, nui: string, eron: string, state: 'held' | 'exited'): Promise<void> {
  const row = { eron, state, updated_at: sql<Date>`now()` };
  await trx
    .insertInto('ppl')
    .values({ nui, ...row, ...blank })
    .onConflict((oc) => oc.column('nui').doUpdateSet(row))
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
