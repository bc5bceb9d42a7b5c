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

/** Below this, a body with a Content-Length is read whole: one write to the service, no stream per request. */
export const SMALL_BODY = 64 * 1024;

/** Reads a small body into one Buffer (the HTTP parser already holds it to its Content-Length). */
function whole(payload: Readable, done: (err: Error | null, body?: unknown) => void): void {
  const chunks: Buffer[] = [];
  payload.on('data', (chunk: Buffer) => chunks.push(chunk));
  payload.once('error', (err) => done(err));
  payload.once('end', () => done(null, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
}

/**
 * Any content type, kept as the raw bytes: HMAC signatures are over the exact body (PLT-02).
 * Large bodies and bodies without a Content-Length stream through, sparing the gateway buffering
 * them (an Asobancaria file); the small JSON of ordinary calls is read whole, which costs far
 * less per request than a stream (PLT-13). The request itself is never handed to the HTTP client:
 * when an upstream fails, undici destroys the body it was given, and that must not reset the
 * caller's connection before the 502 reaches it.
 */
export function rawBody(limit: number) {
  return function passThrough(req: FastifyRequest, payload: Readable, done: (err: Error | null, body?: unknown) => void): void {
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) > limit) done(payloadTooLarge(limit));
    else if (length !== undefined && Number(length) <= SMALL_BODY && req.headers['content-type']) whole(payload, done);
    else done(null, payload.pipe(limited(limit)));
  };
}
