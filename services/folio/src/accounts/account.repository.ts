import type { Db, PplAccountKind, Trx } from '../db';
import { PPL_KINDS } from '../ledger/ledger.rules';

/** Opens a PPL's Folio and its three accounts (FOL-01); a second call for the same NUI is a no-op. */
export async function openFolio(trx: Trx, f: { nui: string; eron: string; eventId: string }): Promise<boolean> {
  const opened = await trx
    .insertInto('folios')
    .values({ nui: f.nui, eron: f.eron, opened_by_event: f.eventId })
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
