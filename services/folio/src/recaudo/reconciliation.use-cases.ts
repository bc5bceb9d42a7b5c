import { bogotaToday, type DepositReason, type Reconciliation } from '@eron/shared';
import type { Reader } from '../runtime';
import { depositsByDay, filesByDay, nationalAccountByDay, nationalAccountLines, refundsDue, stillHeld } from './reconciliation.repository';
import { assertRange, reconciliationDays } from './reconciliation.rules';

/** Enough lines for an auditor to tick off a range's national-account lines; the day figures always count all. */
const MAX_LINES = 2000;

/**
 * FOL-17 (deposits part): the bank reconciliation of one establishment, day by day. Lines of its
 * officers' uploads booked on the national account (held for the national office, or naming no
 * Folio) are shown apart, so every line of its files is accounted for and none is counted twice.
 */
export async function reconcile(r: Reader, q: { eron: string; from: string; to: string; nationalEron: string }): Promise<Reconciliation> {
  const { eron, from, to, nationalEron } = q;
  assertRange(from, to);
  const files = await filesByDay(r.db, from, to);
  const deposits = await depositsByDay(r.db, eron, from, to);
  const national = await nationalAccountByDay(r.db, eron, nationalEron, from, to);
  const lines = await nationalAccountLines(r.db, eron, nationalEron, from, to, MAX_LINES + 1);
  const heldForReview = await stillHeld(r.db, eron);
  const refundsDueBalance = await refundsDue(r.db, eron);
  return {
    eron,
    from,
    to,
    days: reconciliationDays({ from, to, today: bogotaToday() }, files, deposits, national),
    heldForReview,
    refundsDueBalance,
    nationalAccountLines: lines.slice(0, MAX_LINES).map((l) => ({
      fileId: l.file_id,
      line: l.line,
      collectionDate: l.day,
      amount: Number(BigInt(l.cents) / 100n),
      reason: l.reason as DepositReason | null,
      status: l.status as 'credited' | 'rejected' | 'held',
    })),
    nationalAccountLinesTruncated: lines.length > MAX_LINES,
  };
}
