import type { FastifyRequest } from 'fastify';
import { notFound, ruleBroken } from '@eron/shared';

/**
 * What only the Director General decides, with national scope: an establishment's security
 * category (CLS-01, Art. 23) and the creation or renaming of its units (CLS-02, Art. 20 §2). A
 * DG token narrowed to some establishments does not carry that authority.
 */
export function assertNationalDg(req: FastifyRequest, rule: 'CLS-01' | 'CLS-02'): void {
  if (req.principal.roles.includes('dg') && req.principal.national) return;
  const [article, what] =
    rule === 'CLS-01'
      ? ['Art. 23', { es: 'la categoría del establecimiento', en: 'the establishment’s category' }]
      : ['Art. 20 §2', { es: 'la creación o denominación de unidades', en: 'creating or renaming units' }];
  throw ruleBroken(
    rule,
    article,
    {
      es: `Solo el Director General, con alcance nacional, decide ${what.es}`,
      en: `Only the Director General, with national scope, decides ${what.en}`,
    },
    { status: 403, code: `${rule.toLowerCase()}-dg-only` },
  );
}

/** A unit's places: the sum of its cells' capacities. */
export const placesOf = (cells: readonly { capacity: number }[]): number => cells.reduce((a, c) => a + c.capacity, 0);

export const noEstablishment = (code: string) => notFound({ es: `No existe el establecimiento ${code}`, en: `No establishment ${code}` });
