import {
  addBusinessDays,
  conflict,
  documentProblem,
  notFound,
  ruleBroken,
  type IntimateAnswerBody,
  type IntimateGround,
  type IntimateVisitor,
  type ItemError,
  type LegalStatus,
} from '@eron/shared';

/** VIS-11 (Art. 71): the Director answers a written request within 15 business days (Colombian calendar). */
export const ANSWER_BUSINESS_DAYS = 15;

export const dueOn = (filedOn: string): string => addBusinessDays(filedOn, ANSWER_BUSINESS_DAYS);

/** Unanswered after its last business day. */
export const isOverdue = (status: string, due: string, today: string): boolean => status === 'pending' && today > due;

const item = (field: string, es: string, en: string): ItemError => ({ field, message: { es, en } });

/** VIS-11: the written request names the visitor with a valid ID and is not dated in the future. */
export function assertRequest(visitor: IntimateVisitor, filedOn: string, today: string): void {
  const errors: ItemError[] = [];
  const doc = documentProblem(visitor.document);
  if (doc) errors.push(item('/visitor/document/number', 'el documento de la persona visitante no es válido', doc));
  if (filedOn > today)
    errors.push(item('/filedOn', 'la solicitud no puede tener fecha futura', 'the request cannot be dated in the future'));
  if (errors.length === 0) return;
  throw ruleBroken(
    'VIS-11',
    'Art. 71',
    { es: 'La solicitud escrita de visita íntima está incompleta', en: 'The written intimate-visit request is incomplete' },
    { errors, code: 'intimate-request-incomplete' },
  );
}

/**
 * VIS-12: grounds that can never deny or limit an intimate visit — a disciplinary sanction
 * (Art. 71), either person's sexual orientation or gender identity (Art. 71 §1), an infectious
 * disease (Art. 86).
 */
export const FORBIDDEN_GROUNDS: Partial<Record<IntimateGround, { article: string; es: string; en: string }>> = {
  disciplinary_sanction: { article: 'Art. 71', es: 'una sanción disciplinaria', en: 'a disciplinary sanction' },
  sexual_orientation: { article: 'Art. 71 §1', es: 'la orientación sexual', en: 'sexual orientation' },
  gender_identity: { article: 'Art. 71 §1', es: 'la identidad de género', en: 'gender identity' },
  infectious_disease: { article: 'Art. 86', es: 'una enfermedad infectocontagiosa', en: 'an infectious disease' },
};

export function assertLawfulGrounds(grounds: readonly IntimateGround[]): void {
  const bad = grounds.filter((g) => FORBIDDEN_GROUNDS[g]);
  if (bad.length === 0) return;
  const articles = [...new Set(bad.map((g) => FORBIDDEN_GROUNDS[g]!.article))].join(', ');
  throw ruleBroken(
    'VIS-12',
    articles,
    {
      es: `La visita íntima nunca se niega ni se limita por ${bad.map((g) => FORBIDDEN_GROUNDS[g]!.es).join(', ')}`,
      en: `An intimate visit is never denied or limited because of ${bad.map((g) => FORBIDDEN_GROUNDS[g]!.en).join(', ')}`,
    },
    {
      code: 'intimate-ground-forbidden',
      errors: bad.map((g) =>
        item(
          `/grounds/${grounds.indexOf(g)}`,
          `${FORBIDDEN_GROUNDS[g]!.es} no es motivo (${FORBIDDEN_GROUNDS[g]!.article})`,
          `${FORBIDDEN_GROUNDS[g]!.en} is no ground (${FORBIDDEN_GROUNDS[g]!.article})`,
        ),
      ),
    },
  );
}

/** VIS-11: a denial or a limitation is reasoned in writing, on lawful grounds; a limitation says how many a month. */
export function assertReasoned(b: IntimateAnswerBody): void {
  if (b.decision === 'granted') return;
  const errors: ItemError[] = [];
  if (!b.grounds?.length) errors.push(item('/grounds', 'faltan los motivos', 'the grounds are missing'));
  if (!b.reasons) errors.push(item('/reasons', 'falta la motivación escrita', 'the written reasons are missing'));
  if (b.decision === 'limited' && !b.visitsPerMonth)
    errors.push(item('/visitsPerMonth', 'falta cuántas visitas al mes se conceden', 'how many visits a month is missing'));
  if (errors.length === 0) return;
  throw ruleBroken(
    'VIS-11',
    'Art. 71',
    { es: 'La respuesta del Director debe ser motivada', en: 'The Director’s answer must state its reasons' },
    { errors, code: 'intimate-answer-unreasoned' },
  );
}

const PRE_TRIAL: readonly LegalStatus[] = ['sindicado', 'imputado', 'acusado'];

/** VIS-13 (Art. 72.3): who permits moving a PPL to a partner in another establishment; null = never moved. */
export function moveAuthority(status: LegalStatus): 'judge' | 'regional_director' | null {
  if (status === 'extradicion') return null;
  return PRE_TRIAL.includes(status) ? 'judge' : 'regional_director';
}

export interface MovingPpl {
  nui: string;
  /** Null while classification has not told visits (then nobody can say who permits the move). */
  legalStatus: LegalStatus | null;
  securityLevel: number | null;
}

/** VIS-13 (Art. 72.6): security level one and extradition PPL are never moved for an intimate visit. */
export function assertMovable(p: MovingPpl): void {
  if (p.legalStatus === null)
    throw ruleBroken(
      'VIS-13',
      'Art. 72.3',
      {
        es: `Se desconoce la situación jurídica de la PPL ${p.nui}: no se sabe quién permite su traslado`,
        en: `PPL ${p.nui}'s legal status is unknown: who permits the move cannot be told`,
      },
      { code: 'intimate-move-unknown-status' },
    );
  if (p.securityLevel !== 1 && moveAuthority(p.legalStatus) !== null) return;
  throw ruleBroken(
    'VIS-13',
    'Art. 72.6',
    {
      es: `La PPL ${p.nui} no puede ser trasladada para la visita íntima (seguridad nivel uno o extradición)`,
      en: `PPL ${p.nui} is never moved for an intimate visit (security level one or extradition)`,
    },
    { code: 'intimate-move-forbidden' },
  );
}

/** VIS-13 (Art. 72.3): granting a visit across establishments needs the permission the moving PPL's status calls for. */
export function assertMovePermission(p: MovingPpl, given: IntimateAnswerBody['movePermission']): void {
  assertMovable(p);
  const needed = moveAuthority(p.legalStatus!)!;
  if (given?.authority === needed) return;
  const who = needed === 'judge' ? { es: 'del juez', en: 'the judge’s' } : { es: 'del director regional', en: 'the regional director’s' };
  throw ruleBroken(
    'VIS-13',
    'Art. 72.3',
    {
      es: `La pareja está en otro establecimiento: trasladar a la PPL ${p.nui} requiere el permiso ${who.es}`,
      en: `The couple are in different establishments: moving PPL ${p.nui} needs ${who.en} permission`,
    },
    { code: 'intimate-move-permission', errors: [item('/movePermission/authority', `se requiere: ${needed}`, `required: ${needed}`)] },
  );
}

export const noIntimateRequest = () => notFound({ es: 'No existe esa solicitud de visita íntima', en: 'No such intimate-visit request' });

export function assertPending(status: string): void {
  if (status !== 'pending')
    throw conflict(
      'intimate-request-answered',
      { es: 'La solicitud ya tiene respuesta', en: 'The request has already been answered' },
      'VIS-11',
      'Art. 71',
    );
}

/** VIS-11: visits are given on a granted request; a limited one up to its monthly number. */
export function assertMayVisit(r: { status: string; visitsPerMonth: number | null }, visitsThatMonth: number): void {
  if (r.status === 'granted' || (r.status === 'limited' && visitsThatMonth < (r.visitsPerMonth ?? 1))) return;
  throw ruleBroken(
    'VIS-11',
    'Art. 71',
    r.status === 'limited'
      ? { es: 'Ya se dieron las visitas íntimas de este mes', en: 'This month’s intimate visits have all been given' }
      : { es: 'La solicitud de visita íntima no está concedida', en: 'The intimate-visit request is not granted' },
    { code: 'intimate-visit-not-granted' },
  );
}
