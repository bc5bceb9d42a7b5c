import { notFound, ruleBroken, type ProblemError } from '@eron/shared';

export const noFolio = (nui: string): ProblemError => notFound({ es: `No hay Folio para la PPL ${nui}`, en: `No Folio for PPL ${nui}` });

/** Money moves only on an open Folio: a closed one's balance left with the exit (FOL-14, FOL-15). */
export function assertFolioOpen(folio: { status: string }, nui: string, rule: string, article: string): void {
  if (folio.status === 'open') return;
  throw ruleBroken(rule, article, { es: `El Folio de ${nui} está cerrado`, en: `The Folio of ${nui} is closed` }, { code: 'folio-closed' });
}
