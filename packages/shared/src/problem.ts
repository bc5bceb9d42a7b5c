import { Type, type Static } from '@sinclair/typebox';

/** The two languages every problem detail is written in (PLT-04). */
export type Lang = 'es' | 'en';
export interface Bilingual {
  es: string;
  en: string;
}

export const FieldError = Type.Object({
  field: Type.String({ description: 'JSON pointer of the field, e.g. /person/document/number' }),
  message: Type.String(),
});
export type FieldError = Static<typeof FieldError>;

/** RFC 9457 problem details, with the rule and article a request broke (PLT-04). */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'Stable URI of the problem type' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String({ description: 'Texto para mostrar al usuario (es por defecto, en con Accept-Language: en)' }),
    instance: Type.Optional(Type.String()),
    rule: Type.Optional(Type.String({ description: 'Regla del spec que se incumple, p. ej. FOL-07' })),
    article: Type.Optional(Type.String({ description: 'Artículo de la norma de la que sale la regla' })),
    errors: Type.Optional(Type.Array(FieldError, { description: 'Cada campo o ítem que falla' })),
    requestId: Type.Optional(Type.String()),
  },
  { $id: 'Problem', description: 'RFC 9457 application/problem+json' },
);
export type Problem = Static<typeof Problem>;

export interface ItemError {
  field: string;
  message: Bilingual;
}

export interface ProblemInit {
  status: number;
  /** Short kebab-case code; becomes the `type` URI. */
  code: string;
  title: string;
  detail: Bilingual;
  rule?: string;
  article?: string;
  errors?: ItemError[];
}

/** A problem the caller can fix: mapped to problem+json by the one error handler. */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: Bilingual;
  readonly rule?: string;
  readonly article?: string;
  readonly errors?: ItemError[];

  constructor(init: ProblemInit) {
    // A 4xx is an answer to the caller, not a fault of ours: its stack is never logged, and
    // capturing it cost a refused booking a few per cent of its time (PLT-15). A 5xx keeps it.
    const frames = Error.stackTraceLimit;
    if (init.status < 500) Error.stackTraceLimit = 0;
    super(init.detail.en);
    Error.stackTraceLimit = frames;
    // `article` cites the norm (e.g. "Art. 28"); a rule ID there is a slip of ours, caught at once.
    if (init.article !== undefined && isRuleId(init.article))
      throw new TypeError(`Problem ${init.code}: article "${init.article}" is a rule ID`);
    this.name = 'ProblemError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.rule = init.rule;
    this.article = init.article;
    this.errors = init.errors;
  }

  toProblem(lang: Lang, instance?: string, requestId?: string): Problem {
    return {
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      detail: this.detail[lang],
      ...(instance ? { instance } : {}),
      ...(this.rule ? { rule: this.rule } : {}),
      ...(this.article ? { article: this.article } : {}),
      ...(this.errors ? { errors: this.errors.map((e) => ({ field: e.field, message: e.message[lang] })) } : {}),
      ...(requestId ? { requestId } : {}),
    };
  }
}

/** A rule of the spec (`CLS-10`, `FOL-07`, `PLT-05`): what `rule` holds, never `article`. */
export const isRuleId = (s: string): boolean => /^[A-Z]{2,5}-\d+$/.test(s.trim());

export const problemType = (code: string): string => `https://eron.inpec.gov.co/problems/${code}`;

/** A broken rule of the regulation: names the rule and the article (PLT-04). */
export function ruleBroken(
  rule: string,
  article: string,
  detail: Bilingual,
  opts: { status?: number; errors?: ItemError[]; code?: string } = {},
): ProblemError {
  return new ProblemError({
    status: opts.status ?? 422,
    code: opts.code ?? rule.toLowerCase(),
    title: `Rule ${rule} broken`,
    detail,
    rule,
    article,
    errors: opts.errors,
  });
}

export const notFound = (what: Bilingual): ProblemError =>
  new ProblemError({ status: 404, code: 'not-found', title: 'Not found', detail: what });

export const unauthenticated = (detail: Bilingual): ProblemError =>
  new ProblemError({ status: 401, code: 'unauthenticated', title: 'Unauthenticated', detail, rule: 'PLT-03' });

export const forbidden = (detail: Bilingual): ProblemError =>
  new ProblemError({ status: 403, code: 'forbidden', title: 'Forbidden', detail, rule: 'PLT-03' });

/**
 * A 409: the request clashes with what is recorded. Name the rule and the article of the norm it
 * comes from (PLT-04), e.g. `conflict('acta-reused', …, 'CLS-10', 'Art. 28')`.
 */
export const conflict = (code: string, detail: Bilingual, rule?: string, article?: string): ProblemError =>
  new ProblemError({ status: 409, code, title: 'Conflict', detail, rule, article });

/** Picks the language of problem details from Accept-Language: English on request, else Spanish. */
export function langFrom(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'es';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'es';
}
