import type { LegalStatus } from '@eron/shared';
import type { Db, Trx } from '../db';
import { findPpl } from './ppl.repository';
import { heldAt, notHeldHere, unknownPpl } from './ppl.rules';

/** What the other capabilities need of a PPL of the directory. */
export interface HeldPpl {
  nui: string;
  eron: string;
  legalStatus: LegalStatus | null;
  names: string | null;
  surnames: string | null;
  sentencedAt: Date | null;
}

const view = (p: {
  nui: string;
  eron: string;
  legal_status: LegalStatus | null;
  names: string | null;
  surnames: string | null;
  sentenced_at: Date | null;
}): HeldPpl => ({
  nui: p.nui,
  eron: p.eron,
  legalStatus: p.legal_status,
  names: p.names,
  surnames: p.surnames,
  sentencedAt: p.sentenced_at,
});

/** A PPL of the directory wherever held (404 if discipline never heard of them). */
export async function pplOf(db: Db | Trx, nui: string): Promise<HeldPpl> {
  const p = await findPpl(db, nui);
  if (!p) throw unknownPpl(nui);
  return view(p);
}

/** A PPL held now — at `eron` when given: 404 unknown, 422 gone or held elsewhere. */
export async function heldPpl(db: Db | Trx, nui: string, eron?: string): Promise<HeldPpl> {
  const p = await findPpl(db, nui);
  if (!p) throw unknownPpl(nui);
  if (!heldAt(p, eron ?? p.eron)) throw notHeldHere(nui, eron ?? p.eron);
  return view(p);
}
