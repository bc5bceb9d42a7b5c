import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRole, MACHINE_ROLES, type MachineRole } from '../roles';

/**
 * HMAC-signed requests for machine clients (PLT-03): the bank, telephony and video providers sign
 * `timestamp + "." + raw body` with their shared secret; requests older than 5 minutes are refused.
 */
export const HMAC_HEADERS = { keyId: 'x-key-id', timestamp: 'x-timestamp', signature: 'x-signature' } as const;
export const REPLAY_WINDOW_SECONDS = 300;

export interface HmacKey {
  keyId: string;
  role: MachineRole;
  secret: string;
}

/** Parses `keyId:role:secret,…` (the HMAC_KEYS setting). */
export function parseHmacKeys(setting: string): Map<string, HmacKey> {
  const keys = new Map<string, HmacKey>();
  for (const entry of setting.split(',').filter((e) => e.trim())) {
    const [keyId = '', role = '', ...rest] = entry.trim().split(':');
    const secret = rest.join(':');
    if (!keyId || !secret || !isRole(role) || !(MACHINE_ROLES as readonly string[]).includes(role)) {
      throw new Error(`HMAC_KEYS entry for "${keyId}" must be keyId:role:secret with a machine role`);
    }
    keys.set(keyId, { keyId, role: role as MachineRole, secret });
  }
  return keys;
}

export const sign = (secret: string, timestamp: string, body: string | Buffer): string =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** Headers a machine client sends; used by our fake bank and providers in tests too. */
export function signedHeaders(key: Pick<HmacKey, 'keyId' | 'secret'>, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return {
    [HMAC_HEADERS.keyId]: key.keyId,
    [HMAC_HEADERS.timestamp]: timestamp,
    [HMAC_HEADERS.signature]: sign(key.secret, timestamp, body),
  };
}

export type HmacVerdict = { ok: true; key: HmacKey } | { ok: false; reason: string };

export function verifySignature(
  keys: Map<string, HmacKey>,
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
  nowMs = Date.now(),
): HmacVerdict {
  const keyId = headers[HMAC_HEADERS.keyId];
  const timestamp = headers[HMAC_HEADERS.timestamp];
  const signature = headers[HMAC_HEADERS.signature];
  if (typeof keyId !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string') {
    return { ok: false, reason: 'missing signature headers' };
  }
  const key = keys.get(keyId);
  if (!key) return { ok: false, reason: 'unknown key id' };
  const age = Math.abs(nowMs / 1000 - Number(timestamp));
  if (!Number.isFinite(age) || age > REPLAY_WINDOW_SECONDS) return { ok: false, reason: 'timestamp outside the replay window' };
  const expected = Buffer.from(sign(key.secret, timestamp, rawBody), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  return { ok: true, key };
}
