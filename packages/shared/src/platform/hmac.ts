import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RedisClient } from './redis';
import { ProblemError, unauthenticated, type Bilingual } from '../problem';
import { isRole, MACHINE_ROLES, type MachineRole } from '../roles';

/**
 * HMAC-signed requests for machine clients (PLT-03): the bank, telephony and video providers sign
 * the method, the path with its query, a timestamp, a one-time nonce and the raw body, whatever its
 * content type, with their shared secret:
 *
 *   hex(HMAC-SHA256(secret, METHOD "\n" path?query "\n" timestamp "\n" nonce "\n" raw body))
 *
 * A timestamp more than 5 minutes old or more than 30 s ahead is refused, and a signature is
 * accepted once: the verifier marks it in a nonce store for as long as its timestamp stays valid.
 * The nonce lets a client send the same body twice in one second (a retry) without it being a replay.
 */
export const HMAC_HEADERS = { keyId: 'x-key-id', timestamp: 'x-timestamp', nonce: 'x-nonce', signature: 'x-signature' } as const;
export const REPLAY_WINDOW_SECONDS = 300;
/** Clock skew allowed for a timestamp ahead of ours. */
export const FUTURE_SKEW_SECONDS = 30;

export interface HmacKey {
  keyId: string;
  role: MachineRole;
  secret: string;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const TIMESTAMP = /^\d{1,12}$/;
const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const SIGNATURE = /^[0-9a-fA-F]{64}$/;

/** Parses `keyId:role:secret,…` (the HMAC_KEYS setting). */
export function parseHmacKeys(setting: string): Map<string, HmacKey> {
  const keys = new Map<string, HmacKey>();
  for (const entry of setting.split(',').filter((e) => e.trim())) {
    const [keyId = '', role = '', ...rest] = entry.trim().split(':');
    const secret = rest.join(':');
    if (!KEY_ID.test(keyId) || !secret || !isRole(role) || !(MACHINE_ROLES as readonly string[]).includes(role)) {
      throw new Error(`HMAC_KEYS entry for "${keyId}" must be keyId:role:secret with a machine role`);
    }
    keys.set(keyId, { keyId, role: role as MachineRole, secret });
  }
  return keys;
}

/** What a signature covers besides the secret. `path` is the request target: path and query, as sent. */
export interface SignedParts {
  method: string;
  path: string;
  timestamp: string;
  nonce: string;
  body: string | Buffer;
}

export const sign = (secret: string, p: SignedParts): string =>
  createHmac('sha256', secret).update(`${p.method.toUpperCase()}\n${p.path}\n${p.timestamp}\n${p.nonce}\n`).update(p.body).digest('hex');

/** Headers a machine client sends; used by our telephony client and by the fake bank and providers in tests. */
export function signedHeaders(
  key: Pick<HmacKey, 'keyId' | 'secret'>,
  request: { method: string; path: string; body?: string | Buffer },
  now = Date.now(),
  nonce = randomBytes(16).toString('hex'),
): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return {
    [HMAC_HEADERS.keyId]: key.keyId,
    [HMAC_HEADERS.timestamp]: timestamp,
    [HMAC_HEADERS.nonce]: nonce,
    [HMAC_HEADERS.signature]: sign(key.secret, { ...request, body: request.body ?? '', timestamp, nonce }),
  };
}

type Headers = Record<string, string | string[] | undefined>;

/** A request as received: method, request target (path and query), headers and the raw body. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: Buffer;
}

/** Why a signed request is refused; each is a 401 naming it (PLT-03). */
const REFUSALS = {
  missing: { es: 'faltan las cabeceras de la firma', en: 'missing signature headers' },
  malformed: { es: 'cabeceras de la firma mal formadas', en: 'malformed signature headers' },
  'unknown-key': { es: 'clave desconocida', en: 'unknown key id' },
  future: { es: 'la marca de tiempo está en el futuro', en: 'timestamp in the future' },
  expired: { es: 'la marca de tiempo está fuera de la ventana de 5 minutos', en: 'timestamp outside the 5-minute window' },
  'bad-signature': { es: 'la firma no corresponde', en: 'bad signature' },
  replayed: { es: 'la firma ya fue usada', en: 'signature already used' },
} satisfies Record<string, Bilingual>;
export type HmacRefusal = keyof typeof REFUSALS;

export type HmacVerdict = { ok: true; key: HmacKey; signature: string; expiresAtMs: number } | { ok: false; reason: HmacRefusal };

export const signatureRefused = (reason: HmacRefusal): ProblemError =>
  unauthenticated({ es: `Firma rechazada: ${REFUSALS[reason].es}`, en: `Signature refused: ${REFUSALS[reason].en}` });

/** The nonce store could not be asked: refusing is the only way to keep "accepted once" (PLT-03). */
export const replayCheckUnavailable = (): ProblemError =>
  new ProblemError({
    status: 503,
    code: 'replay-check-unavailable',
    title: 'Replay check unavailable',
    detail: {
      es: 'No se pudo comprobar que la firma no se haya usado antes; intente de nuevo en unos segundos',
      en: 'Could not check that the signature was not used before; try again in a few seconds',
    },
    rule: 'PLT-03',
  });

export const hasSignatureHeaders = (headers: Headers): boolean => Object.values(HMAC_HEADERS).some((name) => headers[name] !== undefined);

/**
 * What can be checked before the body arrives: every header present and well formed, a known key,
 * a timestamp inside the window. Strict: a signature is exactly 64 hex digits, nothing after them.
 */
export function checkSignatureHeaders(keys: Map<string, HmacKey>, headers: Headers, nowMs = Date.now()): HmacVerdict {
  const [keyId, timestamp, nonce, signature] = [
    headers[HMAC_HEADERS.keyId],
    headers[HMAC_HEADERS.timestamp],
    headers[HMAC_HEADERS.nonce],
    headers[HMAC_HEADERS.signature],
  ];
  if (typeof keyId !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string' || typeof signature !== 'string') {
    return { ok: false, reason: 'missing' };
  }
  if (!KEY_ID.test(keyId) || !TIMESTAMP.test(timestamp) || !NONCE.test(nonce) || !SIGNATURE.test(signature)) {
    return { ok: false, reason: 'malformed' };
  }
  const key = keys.get(keyId);
  if (!key) return { ok: false, reason: 'unknown-key' };
  const seconds = Number(timestamp);
  if (seconds - nowMs / 1000 > FUTURE_SKEW_SECONDS) return { ok: false, reason: 'future' };
  if (nowMs / 1000 - seconds > REPLAY_WINDOW_SECONDS) return { ok: false, reason: 'expired' };
  return { ok: true, key, signature: signature.toLowerCase(), expiresAtMs: (seconds + REPLAY_WINDOW_SECONDS) * 1000 };
}

/** The signature itself, over method, request target, timestamp, nonce and raw body (no replay check). */
export function verifySignature(keys: Map<string, HmacKey>, req: ReceivedRequest, nowMs = Date.now()): HmacVerdict {
  const verdict = checkSignatureHeaders(keys, req.headers, nowMs);
  if (!verdict.ok) return verdict;
  const parts = {
    method: req.method,
    path: req.url,
    timestamp: req.headers[HMAC_HEADERS.timestamp] as string,
    nonce: req.headers[HMAC_HEADERS.nonce] as string,
    body: req.body,
  };
  const expected = Buffer.from(sign(verdict.key.secret, parts), 'hex');
  if (!timingSafeEqual(Buffer.from(verdict.signature, 'hex'), expected)) return { ok: false, reason: 'bad-signature' };
  return verdict;
}

/** Where accepted signatures are marked, so each is accepted once (PLT-03). */
export interface NonceStore {
  /** True the first time a signature is claimed while it can still be valid; false after. Throws when it cannot tell. */
  claim(keyId: string, signature: string, ttlMs: number): Promise<boolean>;
}

/**
 * A Redis nonce store: `SET key 1 NX PX ttl`, shared by every instance. Each verifier (the gateway,
 * each service) has its own prefix, so the gateway's mark does not make the service refuse.
 */
export function redisNonceStore(redis: Pick<RedisClient, 'set'>, prefix: string): NonceStore {
  return {
    async claim(keyId, signature, ttlMs) {
      return (await redis.set(`${prefix}${keyId}:${signature}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
    },
  };
}

/**
 * The whole check: signature, then the one-time mark. The mark is kept until the timestamp leaves
 * the window (plus a second), so the same signature can never be accepted twice.
 */
export async function verifySignedRequest(
  keys: Map<string, HmacKey>,
  nonces: NonceStore,
  req: ReceivedRequest,
  nowMs = Date.now(),
): Promise<HmacVerdict> {
  const verdict = verifySignature(keys, req, nowMs);
  if (!verdict.ok) return verdict;
  const fresh = await nonces.claim(verdict.key.keyId, verdict.signature, verdict.expiresAtMs - nowMs + 1_000);
  return fresh ? verdict : { ok: false, reason: 'replayed' };
}
