import { ruleBroken, type ItemError } from '@eron/shared';

/** DIS-23: each evaluation is of a month the session has reached, of a PPL the JETEE ordered into the programme then, once. */
export function assertEvaluations(
  items: { index: number; month: string; sessionMonth: string; ordered: boolean; known: boolean; repeated: boolean }[],
): void {
  const errors: ItemError[] = [];
  for (const i of items) {
    const field = `/evaluations/${i.index}`;
    if (!i.known)
      errors.push({
        field: `${field}/programmeId`,
        message: { es: 'Programa de otro establecimiento o inexistente', en: 'Programme unknown here' },
      });
    else if (i.month > i.sessionMonth)
      errors.push({ field: `${field}/month`, message: { es: 'Mes aún no cumplido', en: 'A month not yet reached' } });
    else if (!i.ordered)
      errors.push({
        field: `${field}/nui`,
        message: {
          es: 'La PPL no estaba en el programa ese mes por orden de la JETEE',
          en: 'The PPL was not in the programme that month by JETEE order',
        },
      });
    else if (i.repeated) errors.push({ field: field, message: { es: 'Ese mes ya fue evaluado', en: 'That month is already evaluated' } });
  }
  if (errors.length)
    throw ruleBroken(
      'DIS-23',
      'Art. 140',
      { es: 'Evaluaciones que la JETEE no puede hacer', en: 'Evaluations the JETEE cannot make' },
      { errors },
    );
}
