import { signedHeaders } from '@eron/shared/platform';
import type { FolioConfig } from '../config';

/** How folio reaches the telephony provider (FOL-10): its typed settings (config.ts, `.env.example`). */
export type Telephony = Pick<FolioConfig, 'TELEPHONY_URL' | 'TELEPHONY_KEY_ID' | 'TELEPHONY_SECRET' | 'TELEPHONY_TIMEOUT_MS'>;

export type ProviderAnswer = { ok: true; providerTransactionId: string } | { ok: false; reason: string };

/** The provider checks method, path with query, timestamp, nonce and body (PLT-03): sign what fetch will send. */
const signed = (s: Telephony, method: string, url: URL, body = '') =>
  signedHeaders({ keyId: s.TELEPHONY_KEY_ID, secret: s.TELEPHONY_SECRET }, { method, path: `${url.pathname}${url.search}`, body });

async function call(s: Telephony, path: string, payload: object): Promise<Response> {
  const body = JSON.stringify(payload);
  const url = new URL(`${s.TELEPHONY_URL}${path}`);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed(s, 'POST', url, body) },
    body,
    signal: AbortSignal.timeout(s.TELEPHONY_TIMEOUT_MS),
  });
}

/**
 * Asks the provider to load credit (FOL-10). The reference is ours and the provider deduplicates on
 * it, so asking again for the same reference never loads twice. Any error or timeout is "not confirmed".
 */
export async function recharge(s: Telephony, r: { reference: string; line: string; amount: number }): Promise<ProviderAnswer> {
  try {
    const res = await call(s, '/v1/recharges', r);
    const body = (await res.json().catch(() => ({}))) as { status?: string; transactionId?: string };
    if (res.ok && body.status === 'confirmed' && body.transactionId) return { ok: true, providerTransactionId: body.transactionId };
    return { ok: false, reason: `provider answered ${res.status} ${body.status ?? ''}`.trim() };
  } catch (err) {
    return { ok: false, reason: (err as Error).name === 'TimeoutError' ? 'provider timed out' : 'provider unreachable' };
  }
}

/** Voids a reference the provider may have loaded after we gave up, so credit never outlives a release. */
export async function cancel(s: Telephony, reference: string): Promise<void> {
  await call(s, `/v1/recharges/${reference}/cancel`, { reference }).catch(() => undefined);
}

export type ProviderStatus =
  { known: true; status: 'confirmed'; providerTransactionId: string } | { known: true; status: 'unknown' } | { known: false };

/**
 * What the provider did with our reference: GET /v1/recharges/{reference} → 200 confirmed (with its
 * transaction id), or 404 / cancelled → it loaded nothing. Any other answer, error or timeout → we do not know.
 */
export async function creditStatus(s: Telephony, reference: string): Promise<ProviderStatus> {
  try {
    const url = new URL(`${s.TELEPHONY_URL}/v1/recharges/${reference}`);
    const res = await fetch(url, {
      headers: signed(s, 'GET', url),
      signal: AbortSignal.timeout(s.TELEPHONY_TIMEOUT_MS),
    });
    const body = (await res.json().catch(() => ({}))) as { status?: string; transactionId?: string };
    if (res.ok && body.status === 'confirmed' && body.transactionId)
      return { known: true, status: 'confirmed', providerTransactionId: body.transactionId };
    if (res.status === 404 || (res.ok && body.status === 'cancelled')) return { known: true, status: 'unknown' };
    return { known: false };
  } catch {
    return { known: false };
  }
}
