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

/** Counts the bytes as they pass, for bodies sent without a Content-Length. */
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
 * Any content type, kept as the raw bytes: HMAC signatures are over the exact body, and streaming
 * spares the gateway parsing and buffering it (PLT-02). The request itself is never handed to the
 * HTTP client: when an upstream fails, undici destroys the body it was given, and that must not
 * reset the caller's connection before the 502 reaches it.
 */
export function rawBody(limit: number) {
  return function passThrough(req: FastifyRequest, payload: Readable, done: (err: Error | null, body?: unknown) => void): void {
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) > limit) done(payloadTooLarge(limit));
    else done(null, payload.pipe(limited(limit)));
  };
}
