import { notFound, ruleBroken, type ProblemError } from '@eron/shared';

export const unknownPpl = (nui: string): ProblemError =>
  notFound({ es: `Visitas no conoce a la PPL ${nui}`, en: `Visits does not know PPL ${nui}` });

/** A visit is to a PPL held at the establishment now (VIS-08): not one who left or was transferred away. */
export function heldAt(ppl: { state: string; eron: string }, eron: string): boolean {
  return ppl.state === 'held' && ppl.eron === eron;
}

export const notHeldHere = (nui: string, eron: string): ProblemError =>
  ruleBroken('VIS-08', 'Art. 68', {
    es: `La PPL ${nui} no está recluida hoy en el ERON ${eron}`,
    en: `PPL ${nui} is not held at ERON ${eron} now`,
  });
