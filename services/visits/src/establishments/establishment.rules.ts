import { notFound, type ProblemError } from '@eron/shared';

export const unknownUnit = (id: string, eron: string): ProblemError =>
  notFound({
    es: `El ERON ${eron} no tiene la unidad ${id} (se conoce al ubicar en ella una PPL)`,
    en: `ERON ${eron} has no unit ${id} (a unit is known once a PPL is placed in it)`,
  });
