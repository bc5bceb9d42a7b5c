import { Transform, type Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from '@eron/shared';

export const payloadTooLarge = (limit: number): ProblemError =>
  new ProblemError({
    status: 413,
    code: 'payload-too-large',
    title: 'Payload too large',
    detail: { es: `El cuerpo supera el límite de ${limit} bytes`, en: `The body exceeds the limit of ${limit} bytes` },
    rule: 'PLT-02',
  });

/** Counts the bytes of a body sent without Content-Length and stops it at the limit. */
function limited(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? payloadTooLarge(limit) : null, chunk);
    },
  });
}

/**
 * Any content type, kept as the raw stream: HMAC signatures are over the exact bytes, and
 * streaming spares the gateway parsing and buffering bodies (PLT-02). The limit is enforced on
 * the declared length, or while streaming when there is none.
 */
export function rawBody(limit: number) {
  return function passThrough(req: FastifyRequest, payload: Readable, done: (err: Error | null, body?: unknown) => void): void {
    const length = req.headers['content-length'];
    if (length === undefined) {
      done(null, payload.pipe(limited(limit)));
      return;
    }
    if (Number(length) > limit) done(payloadTooLarge(limit));
    else done(null, payload);
  };
}
