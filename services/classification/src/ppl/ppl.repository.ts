import type { Db, Trx } from '../db';
import type { PplRow } from './ppl.tables';

export const findPpl = (db: Db | Trx, nui: string): Promise<PplRow | undefined> =>
  db.selectFrom('ppl').selectAll().where('nui', '=', nui).executeTakeFirst();

/** The PPL row, locked: changes to one person (placements, movements, the record) serialise here. */
export const lockPpl = (trx: Trx, nui: string): Promise<PplRow | undefined> =>
  trx.selectFrom('ppl').selectAll().where('nui', '=', nui).forUpdate().executeTakeFirst();
