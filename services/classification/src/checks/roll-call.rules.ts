import { notFound, ruleBroken, type ItemError } from '@eron/shared';

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

/**
 * CLS-19: a roll call names each person once — a NUI seen twice (in one cell or two) is a count
 * that contradicts itself. One pass over the list (a roll call may carry 5 000 names).
 */
export function repeatedSightings(seen: readonly Booked[]): ItemError[] {
  const first = new Map<string, number>();
  const out: ItemError[] = [];
  seen.forEach((s, i) => {
    const at = first.get(s.nui);
    if (at === undefined) first.set(s.nui, i);
    else
      out.push({
        field: `/seen/${i}/nui`,
        message: { es: `la PPL ${s.nui} ya figura en la posición ${at}`, en: `PPL ${s.nui} is already listed at position ${at}` },
      });
  });
  return out;
}

/** CLS-19 (Arts. 16, 141.7): refuses a roll call that names someone twice, listing each repetition. */
export function assertEachSeenOnce(seen: readonly Booked[]): void {
  const repeated = repeatedSightings(seen);
  if (repeated.length === 0) return;
  throw ruleBroken(
    'CLS-19',
    'Art. 141.7',
    {
      es: `El conteo nombra ${repeated.length} vez/veces a una persona ya contada`,
      en: `The roll call names an already counted person ${repeated.length} time(s)`,
    },
    { errors: repeated.slice(0, 100), code: 'roll-call-repeated-nui' },
  );
}

export const noUnitToCount = () => notFound({ es: 'No existe esa unidad', en: 'No such unit' });
