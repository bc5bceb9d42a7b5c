import { Transform, type Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
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

type Done = (err: Error | null, body?: unknown) => void;

/** Reads a body into one Buffer, refusing it once it passes the limit (a chunked body has no length to check first). */
function whole(payload: Readable, limit: number, done: Done): void {
  const chunks: Buffer[] = [];
  let seen = 0;
  const onData = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen <= limit) return void chunks.push(chunk);
    payload.off('data', onData).off('end', onEnd);
    done(payloadTooLarge(limit));
  };
  const onEnd = () => done(null, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  payload.on('data', onData).once('end', onEnd);
  payload.once('error', (err) => done(err));
}

/**
 * Any content type, kept as the raw bytes: HMAC signatures are over the exact body (PLT-03).
 * A signed body is read whole, for its signature is checked before anything is forwarded. Other
 * large bodies and bodies without a Content-Length stream through, sparing the gateway buffering
 * them (an Asobancaria file); the small JSON of ordinary calls is read whole, which costs far less
 * per request than a stream (PLT-13). The request itself is never handed to the HTTP client: when
 * an upstream fails, undici destroys the body it was given, and that must not reset the caller's
 * connection before the 502 reaches it.
 */
export function rawBody(limit: number) {
  return function passThrough(req: FastifyRequest, payload: Readable, done: Done): void {
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) > limit) done(payloadTooLarge(limit));
    else if (req.signed || (length !== undefined && Number(length) <= SMALL_BODY && req.headers['content-type']))
      whole(payload, limit, done);
    else done(null, payload.pipe(limited(limit)));
  };
}

/**
 * A service may answer before it has read the whole body (a 413, a 401): the rest of the caller's
 * body is then read and dropped, up to the limit, so a keep-alive connection is ready for the next
 * request instead of stalling on unread bytes; past the limit the connection is closed.
 */
export function drainRest(raw: IncomingMessage, limit: number): void {
  if (raw.complete || raw.destroyed) return;
  let seen = 0;
  raw.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limit) raw.destroy();
  });
  raw.resume();
}
