import type { Db, PplAccountKind, Trx } from '../db';
import { PPL_KINDS } from '../ledger/ledger.rules';

/** Opens a PPL's Folio and its three accounts (FOL-01); a second call for the same NUI is a no-op. */
export async function openFolio(
  trx: Trx,
  f: { nui: string; eron: string; eventId: string; names?: string; surnames?: string },
): Promise<boolean> {
  const opened = await trx
    .insertInto('folios')
    .values({ nui: f.nui, eron: f.eron, opened_by_event: f.eventId, names: f.names ?? null, surnames: f.surnames ?? null })
    .onConflict((oc) => oc.column('nui').doNothing())
    .returning('nui')
    .executeTakeFirst();
  if (!opened) return false;
  await trx
    .insertInto('ledger_accounts')
    .values(PPL_KINDS.map((kind) => ({ eron: f.eron, kind, nui: f.nui })))
    .execute();
  return true;
}

/** The Folio with its three balances. */
export async function findFolio(db: Db, nui: string) {
  const folio = await db.selectFrom('folios').selectAll().where('nui', '=', nui).executeTakeFirst();
  if (!folio) return undefined;
  const accounts = await db.selectFrom('ledger_accounts').select(['kind', 'balance']).where('nui', '=', nui).execute();
  const balance = (kind: PplAccountKind) => accounts.find((a) => a.kind === kind)?.balance ?? 0;
  return { ...folio, available: balance('ppl_available'), savings: balance('ppl_savings'), seized: balance('ppl_seized') };
}

/** Where a Folio is held (its establishment), for the caller's scope. */
export const folioEron = (db: Db, nui: string) =>
  db.selectFrom('folios').select(['eron', 'status']).where('nui', '=', nui).executeTakeFirst();

/** The Folio row, locked: transfers, exits and list changes of one PPL serialise on it first. */
export const lockFolio = (trx: Trx, nui: string) =>
  trx.selectFrom('folios').selectAll().where('nui', '=', nui).forUpdate().executeTakeFirst();

/** An establishment's name as classification registered it (CLS-01); a second event for it changes nothing. */
export async function saveEstablishment(trx: Trx, e: { code: string; name: string; eventId: string }): Promise<void> {
  await trx
    .insertInto('establishments')
    .values({ code: e.code, name: e.name, registered_by_event: e.eventId })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}

export const establishmentName = async (db: Db | Trx, code: string): Promise<string | null> =>
  (await db.selectFrom('establishments').select('name').where('code', '=', code).executeTakeFirst())?.name ?? null;
