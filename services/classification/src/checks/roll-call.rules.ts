/** Who the cell book says is where, and who the officers saw where. */
export interface Booked {
  nui: string;
  cellId: string;
}

export type Discrepancy =
  | { kind: 'absent'; nui: string; bookedCellId: string; seenCellId: null }
  | { kind: 'wrong_cell'; nui: string; bookedCellId: string; seenCellId: string }
  | { kind: 'unknown'; nui: string; bookedCellId: null; seenCellId: string };

/** The minimum roll calls per unit and day (CLS-19, Art. 141.7). */
export const ROLL_CALLS_PER_DAY = 2;

/**
 * CLS-19: each name checked against the cell book — whoever the book has in the unit and nobody
 * saw is absent; seen in another cell of the unit, in the wrong cell; seen and not in the book, unknown.
 */
export function discrepancies(book: readonly Booked[], seen: readonly Booked[]): Discrepancy[] {
  const booked = new Map(book.map((b) => [b.nui, b.cellId]));
  const sighted = new Map(seen.map((s) => [s.nui, s.cellId]));
  const out: Discrepancy[] = [];
  for (const [nui, cellId] of booked) {
    const at = sighted.get(nui);
    if (at === undefined) out.push({ kind: 'absent', nui, bookedCellId: cellId, seenCellId: null });
    else if (at !== cellId) out.push({ kind: 'wrong_cell', nui, bookedCellId: cellId, seenCellId: at });
  }
  for (const [nui, cellId] of sighted) if (!booked.has(nui)) out.push({ kind: 'unknown', nui, bookedCellId: null, seenCellId: cellId });
  return out;
}
