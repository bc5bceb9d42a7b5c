import { addDays, ruleBroken, type ItemError, type SanctionOrder } from '@eron/shared';

// Pure: the rules know the words of the tables, not the tables (rules-are-pure).
type Severity = 'leve' | 'grave';
type SanctionKind = 'reprimand' | 'no_recreation' | 'visit_suppression' | 'incentive_suspension' | 'redemption_loss';

const item = (field: string, es: string, en: string): ItemError => ({ field, message: { es, en } });

/**
 * DIS-06: measures never allowed as a sanction, by kind or by what is sanctioned — food restriction
 * (Art. 51 §), shaving the head (Art. 87), work (Art. 110), any limit on intimate visits (Art. 71),
 * and affection, appearance, bodily expression of orientation or gender identity, or a partner in
 * the same cell (Art. 149).
 */
const FORBIDDEN: { key: string; words: RegExp; article: string; es: string; en: string }[] = [
  {
    key: 'food_restriction',
    words: /food|aliment|comida|raci[oó]n/i,
    article: 'Art. 51 §',
    es: 'la restricción de alimentos',
    en: 'food restriction',
  },
  { key: 'head_shaving', words: /shav|rapad|rapar|cabello|cabeza/i, article: 'Art. 87', es: 'rapar la cabeza', en: 'shaving the head' },
  {
    key: 'work',
    words: /\bwork\b|trabajo|labor(es)? forzad/i,
    article: 'Art. 110',
    es: 'el trabajo como castigo',
    en: 'work as a punishment',
  },
  {
    key: 'intimate_visit_limit',
    words: /intimate|[ií]ntima/i,
    article: 'Art. 71',
    es: 'limitar la visita íntima',
    en: 'limiting intimate visits',
  },
  {
    key: 'sexual_orientation',
    words: /orientation|orientaci[oó]n sexual/i,
    article: 'Art. 149',
    es: 'la orientación sexual',
    en: 'sexual orientation',
  },
  {
    key: 'gender_identity',
    words: /gender|identidad de g[eé]nero/i,
    article: 'Art. 149',
    es: 'la identidad de género',
    en: 'gender identity',
  },
  { key: 'affection', words: /affection|afecto/i, article: 'Art. 149', es: 'las manifestaciones de afecto', en: 'affection' },
  { key: 'appearance', words: /appearance|apariencia/i, article: 'Art. 149', es: 'la apariencia', en: 'appearance' },
  {
    key: 'bodily_expression',
    words: /bodily|expresi[oó]n corporal/i,
    article: 'Art. 149',
    es: 'la expresión corporal',
    en: 'bodily expression',
  },
  {
    key: 'partner_in_cell',
    words: /partner|pareja/i,
    article: 'Art. 149',
    es: 'tener pareja en la misma celda',
    en: 'having a partner in the same cell',
  },
];

export function assertNotForbidden(o: SanctionOrder): void {
  const texts: [string, string][] = [
    ['/sanction/kind', o.kind],
    ...(o.measure ? [['/sanction/measure', o.measure] as [string, string]] : []),
  ];
  (o.grounds ?? []).forEach((g, i) => texts.push([`/sanction/grounds/${i}`, g]));
  const hits: { field: string; f: (typeof FORBIDDEN)[number] }[] = [];
  for (const [field, text] of texts) {
    const f = FORBIDDEN.find((x) => x.key === text || x.words.test(text));
    if (f) hits.push({ field, f });
  }
  if (hits.length === 0) return;
  throw ruleBroken(
    'DIS-06',
    [...new Set(hits.map((h) => h.f.article))].join(', '),
    {
      es: `Medida prohibida: ${hits.map((h) => h.f.es).join(', ')}`,
      en: `Forbidden measure: ${hits.map((h) => h.f.en).join(', ')}`,
    },
    {
      code: 'sanction-forbidden',
      errors: hits.map((h) => item(h.field, `${h.f.es} está prohibido (${h.f.article})`, `${h.f.en} is forbidden (${h.f.article})`)),
    },
  );
}

/** DIS-05 (Art. 151): the sanctions each severity allows, with their bounds; null bounds = no amount. */
export const BOUNDS: Record<Severity, Partial<Record<SanctionKind, { min: number; max: number } | null>>> = {
  leve: {
    reprimand: null,
    no_recreation: { min: 1, max: 8 },
    visit_suppression: { min: 1, max: 5 },
    incentive_suspension: { min: 1, max: 365 },
  },
  grave: {
    visit_suppression: { min: 1, max: 10 },
    redemption_loss: { min: 60, max: 120 },
  },
};

export function assertAllowed(severity: Severity, o: SanctionOrder): SanctionKind {
  const allowed = BOUNDS[severity];
  const kind = o.kind as SanctionKind;
  const fail = (es: string, en: string, field: string) =>
    ruleBroken('DIS-05', 'Art. 151', { es, en }, { code: 'sanction-out-of-bounds', errors: [item(field, es, en)] });
  if (!Object.hasOwn(allowed, kind))
    throw fail(
      `La sanción ${o.kind} no corresponde a una falta ${severity} (permitidas: ${Object.keys(allowed).join(', ')})`,
      `Sanction ${o.kind} is not allowed for a ${severity} offence (allowed: ${Object.keys(allowed).join(', ')})`,
      '/sanction/kind',
    );
  const bounds = allowed[kind];
  if (bounds === null) {
    if (o.amount === undefined) return kind;
    throw fail(`La sanción ${kind} no lleva cantidad`, `Sanction ${kind} takes no amount`, '/sanction/amount');
  }
  if (o.amount !== undefined && o.amount >= bounds!.min && o.amount <= bounds!.max) return kind;
  throw fail(
    `Para una falta ${severity}, ${kind} va de ${bounds!.min} a ${bounds!.max}`,
    `For a ${severity} offence, ${kind} ranges from ${bounds!.min} to ${bounds!.max}`,
    '/sanction/amount',
  );
}

/** DIS-09: the day a sanction taking effect on `from` would have been served (visits counted weekly). */
export function servesOn(kind: SanctionKind, amount: number | null, from: string): string {
  switch (kind) {
    case 'no_recreation':
    case 'incentive_suspension':
      return addDays(from, amount ?? 0);
    case 'visit_suppression':
      return addDays(from, 7 * (amount ?? 0));
    case 'reprimand':
    case 'redemption_loss':
      return from;
  }
}

/** Three calendar months after a date (Art. 152), clamped to the month's end. */
export function threeMonthsAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = m + 3;
  const year = y + Math.floor((month - 1) / 12);
  const mm = ((month - 1) % 12) + 1;
  const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return `${year}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Six calendar months before a date (Art. 137.5, repeat offender). */
export function sixMonthsBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - 6;
  const year = Math.floor(total / 12);
  const mm = (total % 12) + 1;
  const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  return `${year}-${String(mm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * What of a sanction is served (DIS-09): its amount less a partial suspension's part, unless a new
 * offence revived it (Art. 152). Null for a reprimand.
 */
export function inForce(s: { amount: number | null; suspension: { part?: number | null; revivedOn?: string } | null }): number | null {
  if (s.amount === null) return null;
  const part = s.suspension && !s.suspension.revivedOn ? (s.suspension.part ?? 0) : 0;
  return s.amount - part;
}

/** DIS-09 (Art. 136.4): a part suspended is some of what the sanction counts, never all of it (omit it to suspend the whole). */
export function assertPart(amount: number | null, part: number | undefined): void {
  if (part === undefined) return;
  if (amount !== null && part < amount) return;
  throw ruleBroken(
    'DIS-09',
    'Art. 136.4',
    amount === null
      ? { es: 'Una amonestación no se suspende en parte', en: 'A reprimand cannot be suspended in part' }
      : {
          es: `La parte suspendida debe ser menor que la sanción (${amount}); para suspenderla toda, omita part`,
          en: `The part suspended must be less than the sanction (${amount}); omit part to suspend it whole`,
        },
    { code: 'suspension-part', errors: [item('/part', 'parte fuera de la sanción', 'part outside the sanction')] },
  );
}

/** DIS-09 (Art. 152): a suspension gives reasons; a repeat offender's also a stated justification. */
export function assertSuspendable(
  status: string,
  repeatOffender: boolean,
  justification: string | undefined,
  alreadySuspended = false,
): void {
  if ((status !== 'imposed' && status !== 'firm') || alreadySuspended)
    throw ruleBroken(
      'DIS-09',
      'Art. 152',
      alreadySuspended
        ? { es: 'La sanción ya está suspendida en parte', en: 'The sanction is already suspended in part' }
        : { es: `Una sanción ${status} no se puede suspender`, en: `A ${status} sanction cannot be suspended` },
      { code: 'sanction-not-suspendable' },
    );
  if (!repeatOffender || justification) return;
  throw ruleBroken(
    'DIS-09',
    'Art. 152',
    {
      es: 'La PPL es reincidente (dos sanciones en seis meses): la suspensión requiere una justificación expresa',
      en: 'The PPL is a repeat offender (two sanctions within six months): the suspension needs a stated justification',
    },
    { code: 'suspension-needs-justification', errors: [item('/justification', 'falta la justificación', 'the justification is missing')] },
  );
}

/** DIS-10: what is already lifted or revoked cannot be revoked again. */
export function assertRevocable(status: string): void {
  if (status !== 'lifted' && status !== 'revoked') return;
  throw ruleBroken(
    'DIS-10',
    'Art. 149 §',
    { es: `La sanción ya está ${status}`, en: `The sanction is already ${status}` },
    { code: 'sanction-not-revocable', status: 409 },
  );
}
