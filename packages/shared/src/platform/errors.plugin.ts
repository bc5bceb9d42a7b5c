import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import fp from 'fastify-plugin';
import localize from 'ajv-i18n';
import { langFrom, ProblemError, problemType, type Lang, type Problem } from '../problem';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/** JSON pointer of the field an AJV error is about, prefixed by where it was (body, querystring…). */
function fieldOf(error: FastifySchemaValidationError, context: string): string {
  const params = error.params;
  const leaf = params.missingProperty ?? params.additionalProperty;
  const path = `${error.instancePath}${typeof leaf === 'string' ? `/${leaf}` : ''}`;
  return context === 'body' ? path || '/' : `${context}:${path || '/'}`;
}

/** One problem per bad field, deduplicated (a union reports each branch), in the caller's language. */
function validationProblem(err: FastifyError, lang: Lang): Problem {
  const errors = structuredClone<FastifySchemaValidationError[]>(err.validation ?? []);
  localize[lang](errors as Parameters<(typeof localize)['en']>[0]);
  const byField = new Map<string, string>();
  for (const e of errors) {
    const field = fieldOf(e, err.validationContext ?? 'body');
    if (!byField.has(field)) byField.set(field, e.message ?? 'invalid');
  }
  const list = [...byField].map(([field, message]) => ({ field, message }));
  const fields = list.map((e) => e.field).join(', ');
  return {
    type: problemType('invalid-request'),
    title: 'Invalid request',
    status: 400,
    detail:
      lang === 'es'
        ? `La solicitud tiene ${list.length} campo(s) inválido(s): ${fields}`
        : `The request has ${list.length} invalid field(s): ${fields}`,
    rule: 'PLT-04',
    errors: list,
  };
}

const GENERIC: Record<number, { code: string; es: string; en: string }> = {
  400: { code: 'bad-request', es: 'La solicitud no es válida', en: 'The request is not valid' },
  404: { code: 'not-found', es: 'No existe el recurso', en: 'No such resource' },
  405: { code: 'method-not-allowed', es: 'Método no permitido', en: 'Method not allowed' },
  413: { code: 'payload-too-large', es: 'El cuerpo es demasiado grande', en: 'The body is too large' },
  415: { code: 'unsupported-media-type', es: 'Tipo de contenido no soportado', en: 'Unsupported content type' },
  429: { code: 'too-many-requests', es: 'Demasiadas solicitudes', en: 'Too many requests' },
};

function genericProblem(status: number, lang: Lang, message?: string): Problem {
  const g = GENERIC[status] ?? { code: `http-${status}`, es: 'Solicitud rechazada', en: 'Request refused' };
  return { type: problemType(g.code), title: g.en, status, detail: message && lang === 'en' ? message : g[lang] };
}

/**
 * A body read as bytes or text where the route expects JSON (a file parser's content type on a
 * JSON route): a short 415, not the validator's list of a Buffer's properties.
 */
function notJson(req: FastifyRequest): boolean {
  const expected = (req.routeOptions.schema?.body as { type?: unknown } | undefined)?.type;
  return (Buffer.isBuffer(req.body) || typeof req.body === 'string') && expected !== 'string';
}

const jsonExpected = (lang: Lang): Problem => ({
  type: problemType('unsupported-media-type'),
  title: 'Unsupported content type',
  status: 415,
  detail: lang === 'es' ? 'Esta operación recibe un cuerpo application/json' : 'This operation takes an application/json body',
  rule: 'PLT-04',
});

/**
 * A string Postgres cannot store as sent: a NUL character (U+0000), which no text or jsonb holds,
 * or a lone UTF-16 surrogate (`\ud800` in JSON), which is not Unicode text — jsonb refuses it, and
 * text would silently keep U+FFFD in its place.
 */
const unstorable = (s: string): boolean => s.includes('\u0000') || !s.isWellFormed();

/**
 * Where a parsed request holds a string Postgres cannot store (`unstorable`): JSON pointers as the
 * validation problem names fields (`/note`, `querystring:/x`).
 */
function unstorableFields(value: unknown, path: string, found: string[], depth = 0): string[] {
  if (found.length >= 20 || depth > 256) return found;
  if (typeof value === 'string') {
    if (unstorable(value)) found.push(path);
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (unstorable(key)) found.push(`${path}/${key}`);
      unstorableFields(v, `${path}/${key}`, found, depth + 1);
    }
  }
  return found;
}

const unstorableProblem = (fields: string[], lang: Lang): Problem => ({
  type: problemType('invalid-request'),
  title: 'Invalid request',
  status: 400,
  detail:
    lang === 'es'
      ? `Un texto no puede contener el carácter NUL (U+0000) ni un sustituto UTF-16 sin pareja: ${fields.join(', ')}`
      : `Text cannot hold the NUL character (U+0000) or a lone UTF-16 surrogate: ${fields.join(', ')}`,
  rule: 'PLT-04',
  errors: fields.map((field) => ({ field, message: 'contains U+0000 or a lone surrogate' })),
});

/**
 * Postgres refused a write because a concurrent request got there first: a unique or exclusion
 * constraint, a deadlock, a serialization failure. The use cases check these things under locks;
 * one that reaches here is a race a use case did not name, and the caller may read again and retry.
 */
const COLLISIONS = new Set(['23505', '23P01', '40001', '40P01']);
const collision = (err: unknown): string | undefined => {
  const e = err as { code?: unknown; constraint?: unknown };
  return typeof e.code === 'string' && COLLISIONS.has(e.code) ? (typeof e.constraint === 'string' ? e.constraint : e.code) : undefined;
};

/**
 * The constraints a service's writes can meet in a race, each with the problem it means for the
 * caller — the one the use case's own check gives when the requests come one after the other (a
 * document already registered, a name already used) — instead of the generic 409.
 */
export type ConstraintProblems = Record<string, (req: FastifyRequest) => ProblemError>;

const collisionProblem = (lang: Lang): Problem => ({
  type: problemType('concurrent-change'),
  title: 'Conflict',
  status: 409,
  detail:
    lang === 'es'
      ? 'Otra solicitud cambió lo mismo al mismo tiempo; consulte de nuevo y reintente'
      : 'Another request changed the same thing at the same time; read it again and retry',
});

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_JSON).send(problem);
}

/**
 * The one error handler (PLT-04): validation → 400 listing every field; our problems → their
 * status; other client errors → their status; a write Postgres refused for a concurrent one → the
 * problem the service names for that constraint (`constraints`), else a 409 (`COLLISIONS`);
 * anything else → a bare 500, logged as ERROR.
 */
export const errorsPlugin = fp(
  async function errors(app: FastifyInstance, opts: { constraints?: ConstraintProblems }) {
    const known = opts.constraints ?? {};
    app.setErrorHandler(function handle(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
      const lang = langFrom(req.headers['accept-language']);
      const base = { instance: req.url, requestId: req.id };
      if (err instanceof ProblemError) {
        if (err.status >= 500) req.log.error({ err }, 'Problem with server status');
        return sendProblem(reply, { ...err.toProblem(lang), ...base });
      }
      if (err.validation) {
        if (err.validationContext === 'body' && notJson(req)) return sendProblem(reply, { ...jsonExpected(lang), ...base });
        return sendProblem(reply, { ...validationProblem(err, lang), ...base });
      }
      // Fastify closes the connection after a body over the limit; the gateway streaming that body
      // would then fail with EPIPE and answer 502. Read and drop the rest instead (the gateway bounds it).
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') reply.removeHeader('connection');
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) return sendProblem(reply, { ...genericProblem(status, lang, err.message), ...base });
      const collided = collision(err);
      if (collided) {
        req.log.warn({ constraint: collided, route: req.routeOptions.url }, 'Concurrent change refused by Postgres');
        const named = Object.hasOwn(known, collided) ? known[collided]!(req) : undefined;
        return sendProblem(reply, { ...(named ? named.toProblem(lang) : collisionProblem(lang)), ...base });
      }
      req.log.error({ err }, 'Unhandled error');
      return sendProblem(reply, {
        type: problemType('internal'),
        title: 'Internal error',
        status: 500,
        detail: lang === 'es' ? 'Error interno; se registró para su revisión' : 'Internal error; it was logged for review',
        ...base,
      });
    });
    // Before validation, so no route ever hands Postgres a string it would refuse with a 500.
    app.addHook('preValidation', async function refuseNul(req, reply) {
      const fields = [
        ...unstorableFields(req.body, '', []).map((f) => f || '/'),
        ...unstorableFields(req.query, '', []).map((f) => `querystring:${f || '/'}`),
        ...unstorableFields(req.params, '', []).map((f) => `params:${f || '/'}`),
      ];
      if (fields.length > 0) {
        const lang = langFrom(req.headers['accept-language']);
        return sendProblem(reply, { ...unstorableProblem(fields, lang), instance: req.url, requestId: req.id });
      }
    });
    app.setNotFoundHandler(function notFound(req, reply) {
      const lang = langFrom(req.headers['accept-language']);
      return sendProblem(reply, { ...genericProblem(404, lang), instance: req.url, requestId: req.id });
    });
  },
  { name: 'errors' },
);
