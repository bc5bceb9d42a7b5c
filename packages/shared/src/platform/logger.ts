import type { FastifyBaseLogger, FastifyReply, FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { langFrom, problemType } from '../problem';

/**
 * Confidential fields never reach logs (PLT-06): any of these keys, at any of these depths, is
 * censored. Bodies are not logged at all; these paths cover objects we log ourselves.
 */
const CONFIDENTIAL = [
  'sexualOrientation',
  'genderIdentity',
  'genderExpression',
  'identityName',
  'identity',
  'confidential',
  'health',
  'hivStatus',
  'children',
  'child',
  'intimateVisit',
  'visitor',
  'contact',
  'email',
  'phone',
  'partner',
  'movePermission',
  'depositor',
  'depositorDocument',
  'depositorName',
  // DIS-19: who complains (a complaint's account is never logged: no code logs request bodies).
  'complainant',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-signature"]',
  'headers.authorization',
  ...CONFIDENTIAL.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller's request ID may look like: short, and safe in logs, headers and the audit log. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The request's ID (PLT-02): the caller's `x-request-id` when it is short and well-formed (the
 * gateway passes its own on to the services), else a new UUID; a 4 000-character or binary one
 * would otherwise be echoed, logged on every line and stored in the audit log.
 */
export function requestIdOf(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && WELL_FORMED_REQUEST_ID.test(given) ? given : randomUUID();
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type Pino = FastifyBaseLogger & { isLevelEnabled(level: string): boolean };

/**
 * A request's logger, made when the request first logs something at an enabled level. Making a
 * pino child with the redaction paths costs microseconds per request (PLT-13), and at warn most
 * requests never log; when one does, the real child carries the same bindings and redaction.
 */
class LazyChild {
  #real: FastifyBaseLogger | undefined;
  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Record<string, unknown>,
  ) {}
  get real(): FastifyBaseLogger {
    return (this.#real ??= this.parent.child(this.bindings));
  }
  get level(): string {
    return this.#real ? this.#real.level : this.parent.level;
  }
  set level(level: string) {
    this.real.level = level;
  }
  child(bindings: Record<string, unknown>, opts?: Record<string, unknown>): FastifyBaseLogger {
    return this.real.child(bindings, opts);
  }
  silent(): void {}
  fatal(...args: unknown[]): void {
    this.log('fatal', args);
  }
  error(...args: unknown[]): void {
    this.log('error', args);
  }
  warn(...args: unknown[]): void {
    this.log('warn', args);
  }
  info(...args: unknown[]): void {
    this.log('info', args);
  }
  debug(...args: unknown[]): void {
    this.log('debug', args);
  }
  trace(...args: unknown[]): void {
    this.log('trace', args);
  }
  private log(level: Level, args: unknown[]): void {
    if (!((this.#real ?? this.parent) as Pino).isLevelEnabled(level)) return;
    const real = this.real;
    Reflect.apply(real[level], real, args);
  }
}

/** Route options with their own log level get a real child at once, as Fastify would make. */
const lazyChildLogger: NonNullable<FastifyServerOptions['childLoggerFactory']> = (logger, bindings, opts) =>
  opts.level !== undefined ? logger.child(bindings, opts) : new LazyChild(logger, bindings);

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'La petición tardó demasiado en llegar', 'The request took too long to arrive'],
  HPE_HEADER_OVERFLOW: [431, 'Las cabeceras de la petición son demasiado grandes', 'The request headers are too large'],
};

/**
 * A request Node's HTTP parser refuses before Fastify sees it (headers over 16 KB, bad HTTP) is
 * answered as a problem too (PLT-04), not with Fastify's own JSON; the connection then closes.
 */
function clientErrorHandler(this: { log: { trace: (o: object, m: string) => void } }, err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, es, en] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'La petición HTTP no es válida', 'The HTTP request is malformed'];
  const body = JSON.stringify({ type: problemType('bad-request'), title: STATUS_CODES[status], status, detail: `${en} (${es})` });
  this.log.trace({ err }, 'client error');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** Fastify options shared by every service and the gateway: logging, request IDs, validation. */
export function serverOptions(opts: { logLevel: string; service: string }): FastifyServerOptions {
  return {
    logger: {
      level: opts.logLevel,
      base: { service: opts.service },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    childLoggerFactory: lazyChildLogger,
    requestIdHeader: false,
    genReqId: requestIdOf,
    bodyLimit: 1_048_576,
    ajv: {
      customOptions: { allErrors: true, removeAdditional: false, coerceTypes: false, useDefaults: true },
    },
    return503OnClosing: true,
    clientErrorHandler,
    // A URL the router cannot even read (bad %-encoding, a parameter over 100 characters) is a 4xx problem too (PLT-04).
    frameworkErrors: (err, req, res) => {
      const reply = res as unknown as FastifyReply;
      const status = err.statusCode ?? 400;
      const es = langFrom(req.headers['accept-language']) === 'es';
      void reply
        .code(status)
        .type('application/problem+json; charset=utf-8')
        .send({
          type: problemType('bad-url'),
          title: 'Bad URL',
          status,
          detail: es ? 'La URL no es válida o un parámetro es demasiado largo' : 'The URL is not valid or a parameter is too long',
          instance: req.url,
          requestId: req.id,
        });
    },
  };
}
