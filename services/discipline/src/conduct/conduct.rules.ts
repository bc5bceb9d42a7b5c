import { ruleBroken, type ItemError, type ProblemError } from '@eron/shared';

export type Rating = 'ejemplar' | 'buena' | 'regular' | 'mala';

/** What the record holds for one PPL's quarter, and what the quarters before it left. */
export interface QuarterRecord {
  /** Firm *grave* sanctions that became firm in the quarter. */
  graves: number;
  /** Firm *leve* sanctions that became firm in the quarter. */
  leves: number;
  /** The final ratings of the quarters before, oldest first (only consecutive quarters). */
  previous: readonly Rating[];
  /** The quarter before left a *mala* that carries into this one. */
  carriedMala: boolean;
}

export interface Proposal {
  rating: Rating;
  /** A firm *leve* in a quarter already *mala*: the *mala* carries into the next quarter (DIS-13). */
  carriesMala: boolean;
  /** Why, in the words of Art. 137, for the Council and the record. */
  basis: string;
}

const atLeastBuena = (r: Rating | undefined) => r === 'buena' || r === 'ejemplar';

/**
 * DIS-13 (Arts. 136.1, 137), read in this order: a firm *grave* in the quarter → *mala*; a *mala*
 * carried from the quarter before → *mala*; a firm *leve* → *regular*, but in a quarter already
 * *mala* (by a grave or by the carry) the leve cannot lower it further, so the *mala* carries into
 * the next quarter; with no sanction, *ejemplar* needs the three previous consecutive ratings
 * *buena* (an *ejemplar* among them counts as at least *buena*), else *buena*.
 */
export function proposeRating(q: QuarterRecord): Proposal {
  const malaAlready = q.graves > 0 || q.carriedMala;
  if (malaAlready) {
    const basis = q.graves > 0 ? 'sanción grave en firme en el trimestre' : 'calificación mala trasladada del trimestre anterior';
    return {
      rating: 'mala',
      carriesMala: q.leves > 0,
      basis: q.leves > 0 ? `${basis}; sanción leve en firme: la mala se traslada` : basis,
    };
  }
  if (q.leves > 0) return { rating: 'regular', carriesMala: false, basis: 'sanción leve en firme en el trimestre' };
  const last3 = q.previous.slice(-3);
  if (last3.length === 3 && last3.every(atLeastBuena)) {
    return { rating: 'ejemplar', carriesMala: false, basis: 'tres calificaciones consecutivas anteriores buenas, sin sanciones' };
  }
  return { rating: 'buena', carriesMala: false, basis: 'sin sanciones en firme en el trimestre' };
}

/** After the Council's decision: the carry stands only if the final rating is still *mala*. */
export const carriesAfterDecision = (proposal: { carriesMala: boolean }, final: Rating): boolean =>
  proposal.carriesMala && final === 'mala';

/** A quarter `2026-Q3`: its first day and the first day of the next (Bogotá calendar dates). */
export function quarterBounds(quarter: string): { from: string; to: string } {
  const [y, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const month = (q - 1) * 3 + 1;
  const from = `${y}-${String(month).padStart(2, '0')}-01`;
  const to = q === 4 ? `${y + 1}-01-01` : `${y}-${String(month + 3).padStart(2, '0')}-01`;
  return { from, to };
}

/** The quarter before `2026-Q1` is `2025-Q4`. */
export function previousQuarter(quarter: string): string {
  const [y, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

/** The quarter of a Bogotá calendar date. */
export const quarterOf = (date: string): string => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/** A decision of the Council on one proposal: approving keeps it; amending changes it and needs reasons (DIS-13). */
export interface Decision {
  nui: string;
  rating: Rating;
  reasons?: string;
}

/** Every decision that amends without reasons, or names a PPL with no proposal this quarter → one 422 listing each. */
export function assertDecisions(decisions: readonly Decision[], proposed: ReadonlyMap<string, Rating>): void {
  const errors: ItemError[] = [];
  decisions.forEach((d, i) => {
    const was = proposed.get(d.nui);
    if (was === undefined) {
      errors.push({
        field: `/decisions/${i}/nui`,
        message: {
          es: `No hay calificación propuesta para la PPL ${d.nui} en el trimestre`,
          en: `No proposed rating for PPL ${d.nui} this quarter`,
        },
      });
    } else if (d.rating !== was && !d.reasons?.trim()) {
      errors.push({
        field: `/decisions/${i}/reasons`,
        message: {
          es: `Modificar la calificación propuesta (${was}) a ${d.rating} exige motivación`,
          en: `Amending the proposed rating (${was}) to ${d.rating} needs reasons`,
        },
      });
    }
  });
  if (errors.length > 0) throw decisionsRefused(errors);
}

const decisionsRefused = (errors: ItemError[]): ProblemError =>
  ruleBroken(
    'DIS-13',
    'Art. 137',
    {
      es: 'El Consejo aprueba o modifica cada calificación en sesión; la modificación se motiva',
      en: 'The Council approves or amends each rating in session; an amendment gives its reasons',
    },
    { errors },
  );
