import { notFound, ruleBroken, type LegalStatus } from '@eron/shared';
import type { Db, Trx } from '../db';

export interface HeldPpl {
  nui: string;
  eron: string;
  legalStatus: LegalStatus;
  securityLevel: number | null;
}

const noPpl = (nui: string) => notFound({ es: `No hay PPL con NUI ${nui}`, en: `No PPL with NUI ${nui}` });

/** A PPL of the directory, wherever held (404 if never admitted). */
export async function pplOf(db: Db | Trx, nui: string): Promise<HeldPpl> {
  const row = await db.selectFrom('ppl').selectAll().where('nui', '=', nui).executeTakeFirst();
  if (!row) throw noPpl(nui);
  return { nui: row.nui, eron: row.eron, legalStatus: row.legal_status, securityLevel: row.security_level };
}

/** A PPL held now — in `eron` when given (VIS-08: the PPL is held here now); 404 unknown, 422 gone or elsewhere. */
export async function heldPpl(db: Db | Trx, nui: string, eron?: string): Promise<HeldPpl> {
  const row = await db.selectFrom('ppl').selectAll().where('nui', '=', nui).executeTakeFirst();
  if (!row) throw noPpl(nui);
  if (row.state !== 'held' || (eron !== undefined && row.eron !== eron))
    throw ruleBroken(
      'VIS-08',
      'Art. 64',
      { es: `La PPL ${nui} no está recluida en este establecimiento`, en: `PPL ${nui} is not held in this establishment` },
      { code: 'ppl-not-held-here' },
    );
  return { nui: row.nui, eron: row.eron, legalStatus: row.legal_status, securityLevel: row.security_level };
}
