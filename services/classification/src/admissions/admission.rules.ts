import { conflict, documentProblem, ruleBroken, type AdmissionRequest, type ItemError, type LegalStatus } from '@eron/shared';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string | undefined): v is string => !!v && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
const blank = (v: string | undefined): boolean => !v || !v.trim();

type Item = readonly [field: string, es: string, en: string];

const REQUIRED_TEXT: readonly Item[] = [
  ['names', 'faltan los nombres de la persona', 'the person’s names are missing'],
  ['surnames', 'faltan los apellidos de la persona', 'the person’s surnames are missing'],
  ['idNumber', 'falta la cédula o el documento que identifica a la persona', 'the ID number identifying the person is missing'],
  ['offence', 'falta el delito', 'the offence is missing'],
  ['authorityName', 'falta el nombre de la autoridad judicial', 'the judicial authority’s name is missing'],
  ['authorityPosition', 'falta el cargo de la autoridad judicial', 'the judicial authority’s position is missing'],
  ['orderNumber', 'falta el número de la orden', 'the order number is missing'],
  ['courtCategory', 'falta la categoría del despacho', 'the court’s category is missing'],
];

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ');

/**
 * CLS-03 (Arts. 25, 27): the written order of a competent judicial authority must state every
 * item, well formed, and identify the person being admitted. Returns every failing item.
 */
export function detentionOrderProblems(req: AdmissionRequest, today: string): ItemError[] {
  const { order, person } = req;
  const problems: ItemError[] = [];
  const fail = (field: string, es: string, en: string) => problems.push({ field: `/order/${field}`, message: { es, en } });

  for (const [field, es, en] of REQUIRED_TEXT) if (blank(order[field as keyof typeof order] as string | undefined)) fail(field, es, en);
  if (order.authoritySigned !== true)
    fail('authoritySigned', 'la orden no está firmada por la autoridad', 'the order is not signed by the authority');
  for (const [field, es, en] of [
    ['captureDate', 'fecha de captura', 'capture date'],
    ['issueDate', 'fecha de expedición', 'issue date'],
  ] as const) {
    const value = order[field];
    if (!isDate(value)) fail(field, `falta o no es válida la ${es} (AAAA-MM-DD)`, `the ${en} is missing or not a valid date (YYYY-MM-DD)`);
    else if (value > today) fail(field, `la ${es} está en el futuro`, `the ${en} is in the future`);
  }
  // Plenamente identificada (Art. 25): the order names the same person and document.
  if (!blank(order.idNumber) && norm(order.idNumber ?? '') !== norm(person.document.number)) {
    fail(
      'idNumber',
      'el documento de la orden no coincide con el de la persona',
      'the order’s ID number does not match the person’s document',
    );
  }
  if (!blank(order.surnames) && norm(order.surnames ?? '') !== norm(person.surnames)) {
    fail('surnames', 'los apellidos de la orden no coinciden con los de la persona', 'the order’s surnames do not match the person’s');
  }
  const docProblem = documentProblem(person.document);
  if (docProblem) {
    problems.push({ field: '/person/document/number', message: { es: 'el documento de identidad no es válido', en: docProblem } });
  }
  return problems;
}

/** CLS-04 (Art. 19 §): extradition gets the pre-trial procedure at security level one. */
export const initialSecurityLevel = (status: LegalStatus): number | null => (status === 'extradicion' ? 1 : null);

/** Refuses an admission the regulation does not allow, listing every failing item (CLS-03). */
export function assertDetentionOrder(req: AdmissionRequest, today: string): void {
  const problems = detentionOrderProblems(req, today);
  if (problems.length === 0) return;
  throw ruleBroken(
    'CLS-03',
    'Arts. 25, 27',
    {
      es: `La orden de detención no permite el ingreso: ${problems.length} ítem(s) faltan o no son válidos`,
      en: `The detention order does not allow admission: ${problems.length} item(s) missing or invalid`,
    },
    { errors: problems, code: 'detention-order-incomplete' },
  );
}

/** CLS-05 (Art. 25 §1): the intake book is an establishment's; admission only into one the DG registered (CLS-01). */
export function assertRegisteredEstablishment(registered: boolean, eron: string): void {
  if (registered) return;
  throw ruleBroken(
    'CLS-05',
    'Art. 25 §1',
    {
      es: `El establecimiento ${eron} no está registrado: no tiene libro de ingresos donde asentar a la persona`,
      en: `Establishment ${eron} is not registered: it has no intake book to enter the person in`,
    },
    {
      code: 'establishment-not-registered',
      errors: [{ field: '/eron', message: { es: 'establecimiento no registrado', en: 'establishment not registered' } }],
    },
  );
}

/** CLS-10 (Art. 28): an intake-cash act number is used once per establishment. */
export const actaReused = (eron: string, given: string, acta = given.trim()) =>
  conflict(
    'intake-acta-reused',
    {
      es: `El acta ${acta} ya se usó en otro ingreso del establecimiento ${eron}: cada acta de dinero se numera una sola vez`,
      en: `Act ${acta} was already used by another admission of establishment ${eron}: each intake-cash act is numbered once`,
    },
    'CLS-10',
    'Art. 28',
  );
