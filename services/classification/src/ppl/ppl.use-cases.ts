import { assertActorActsFor, type LegalStatus } from '@eron/shared';
import type { Reader } from '../runtime';
import { findPpl } from './ppl.repository';
import { noPpl } from './ppl.rules';

/** The general part of a PPL's record (cartilla biográfica): no confidential data (CLS-07). */
export async function getPpl(r: Reader, nui: string) {
  const row = await findPpl(r.db, nui);
  if (!row) throw noPpl(nui);
  assertActorActsFor(r.actor, row.eron);
  return {
    nui: row.nui,
    eron: row.eron,
    names: row.names,
    surnames: row.surnames,
    legalStatus: row.legal_status as LegalStatus,
    securityLevel: row.security_level,
    status: row.status,
    admittedAt: row.admitted_at.toISOString(),
  };
}
