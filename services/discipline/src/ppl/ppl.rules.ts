import { notFound, ruleBroken, type ProblemError } from '@eron/shared';

export const unknownPpl = (nui: string): ProblemError =>
  notFound({ es: `Disciplina no conoce a la PPL ${nui}`, en: `Discipline does not know PPL ${nui}` });

/** A case, an order or hours concern a PPL held at the establishment now (DIS-04, DIS-22). */
export function heldAt(ppl: { state: string; eron: string }, eron: string): boolean {
  return ppl.state === 'held' && ppl.eron === eron;
}

export const notHeldHere = (nui: string, eron: string): ProblemError =>
  ruleBroken('DIS-04', 'Art. 149', {
    es: `La PPL ${nui} no está recluida hoy en el ERON ${eron}`,
    en: `PPL ${nui} is not held at ERON ${eron} now`,
  });
