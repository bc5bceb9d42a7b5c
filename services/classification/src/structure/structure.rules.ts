import { assertNationalDg as assertNationalDgAct, conflict, notFound, ruleBroken, type Principal } from '@eron/shared';

/**
 * What only the Director General decides, with national scope: an establishment's security
 * category (CLS-01, Art. 23) and the creation or renaming of its units (CLS-02, Art. 20 §2). A
 * DG token narrowed to some establishments does not carry that authority (the shared check).
 */
export function assertNationalDg(actor: Principal, rule: 'CLS-01' | 'CLS-02'): void {
  assertNationalDgAct(
    actor,
    rule === 'CLS-01'
      ? { rule, article: 'Art. 23', what: { es: 'la categoría del establecimiento', en: 'the establishment’s category' } }
      : { rule, article: 'Art. 20 §2', what: { es: 'la creación o denominación de unidades', en: 'creating or renaming units' } },
  );
}

/** A unit's places: the sum of its cells' capacities. */
export const placesOf = (cells: readonly { capacity: number }[]): number => cells.reduce((a, c) => a + c.capacity, 0);

export const noEstablishment = (code: string) => notFound({ es: `No existe el establecimiento ${code}`, en: `No establishment ${code}` });
export const noUnit = () => notFound({ es: 'No existe esa unidad', en: 'No such unit' });
export const noCell = () => notFound({ es: 'No existe esa celda', en: 'No such cell' });

export const establishmentExists = (code: string) =>
  conflict(
    'establishment-exists',
    { es: `El establecimiento ${code} ya existe`, en: `Establishment ${code} exists` },
    'CLS-01',
    'Arts. 22–23',
  );

/** CLS-02: unit names are unique in an establishment. */
export const unitNameTaken = (name: string) =>
  conflict(
    'unit-name-taken',
    { es: `Ya hay una unidad llamada ${name} en el establecimiento`, en: `A unit named ${name} exists here` },
    'CLS-02',
    'Art. 20',
  );

export const cellExists = (code: string) =>
  conflict('cell-exists', { es: `La celda ${code} ya existe en la unidad`, en: `Cell ${code} exists in the unit` }, 'CLS-02', 'Art. 20 §1');

/**
 * CLS-16 (Art. 30): a cell holds no more than its places unless an over-capacity decision says why.
 * Cutting its places below the people already in it is such a decision: it needs the reasons too.
 */
export function assertCapacityFits(occupants: number, capacity: number, overCapacityReason: string | undefined): void {
  if (capacity >= occupants || overCapacityReason) return;
  throw ruleBroken(
    'CLS-16',
    'Art. 30',
    {
      es: `La celda tiene ${occupants} ocupantes: bajar sus cupos a ${capacity} la deja sobreocupada, y eso debe motivarse`,
      en: `The cell has ${occupants} occupants: cutting its places to ${capacity} leaves it over capacity, which needs its reasons`,
    },
    {
      code: 'cls-16-capacity-below-occupants',
      errors: [
        {
          field: '/overCapacityReason',
          message: { es: 'requerido con menos cupos que ocupantes', en: 'required with fewer places than occupants' },
        },
      ],
    },
  );
}
