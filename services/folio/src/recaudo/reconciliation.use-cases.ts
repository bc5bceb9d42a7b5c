import { bogotaToday, type Reconciliation } from '@eron/shared';
import type { Reader } from '../runtime';
import { depositsByDay, filesByDay, refundsDue, stillHeld } from './reconciliation.repository';
import { assertRange, reconciliationDays } from './reconciliation.rules';

/** FOL-17 (deposits part): the bank reconciliation of one establishment, day by day. */
export async function reconcile(r: Reader, q: { eron: string; from: string; to: string }): Promise<Reconciliation> {
  const { eron, from, to } = q;
  assertRange(from, to);
  const files = await filesByDay(r.db, from, to);
  const deposits = await depositsByDay(r.db, eron, from, to);
  const heldForReview = await stillHeld(r.db, eron);
  const refundsDueBalance = await refundsDue(r.db, eron);
  return {
    eron,
    from,
    to,
    days: reconciliationDays({ from, to, today: bogotaToday() }, files, deposits),
    heldForReview,
    refundsDueBalance,
  };
}
