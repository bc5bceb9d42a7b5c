import type { FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';

/**
 * Confidential fields never reach logs (PLT-06): any of these keys, at any of these depths, is
 * censored. Bodies are not logged at all; these paths cover objects we log ourselves.
 */
const CONFIDENTIAL = [
  'sexualOrientation',
  'genderIdentity',
  'genderExpression',
  'identityName',
  'health',
  'hivStatus',
  'children',
  'intimateVisit',
  'depositor',
  'depositorDocument',
  'depositorName',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-signature"]',
  'headers.authorization',
  ...CONFIDENTIAL.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

export const REQUEST_ID_HEADER = 'x-request-id';

/** Fastify options shared by every service and the gateway: logging, request IDs, validation. */
export function serverOptions(opts: { logLevel: string; service: string }): FastifyServerOptions {
  return {
    logger: {
      level: opts.logLevel,
      base: { service: opts.service },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    requestIdHeader: REQUEST_ID_HEADER,
    genReqId: () => randomUUID(),
    bodyLimit: 1_048_576,
    ajv: {
      customOptions: { allErrors: true, removeAdditional: false, coerceTypes: false, useDefaults: true },
    },
    return503OnClosing: true,
  };
}
