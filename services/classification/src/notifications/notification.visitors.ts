import { signedHeaders } from '@eron/shared/platform';

/** The directory entry that stands for every visitor (migration 20261202T0100_visitor_recipient). */
export const VISITOR_RECIPIENT_ID = 'b15170e5-0000-4000-8000-000000000001';

const VISITOR = /^visitor:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The visitor a recipient `visitor:<id>` names (VIS-10), else undefined. */
export const visitorOf = (recipient: string): string | undefined => VISITOR.exec(recipient)?.[1];

/** A delivery that no retry can make succeed: failed at once with its reason, never retried. */
export class Undeliverable extends Error {}

const LOOKUP = '/api/v1/visits/visitor-contacts/lookup';

/**
 * The visitor's e-mail, asked of visits when the notice is sent (VIS-10): signed as machine
 * clients sign (PLT-03), read in memory only — never stored, logged or put in an event (PLT-06).
 * Visits audits the read with the notification it serves.
 */
export async function visitorEmail(visits: { url: string; key: string }, visitorId: string, notificationId: string): Promise<string> {
  const [keyId = '', ...rest] = visits.key.split(':');
  if (!keyId || rest.length === 0) throw new Undeliverable('no route to visitor contacts: NOTIFIER_HMAC_KEY is not set');
  const body = JSON.stringify({ visitorId, notificationId });
  const res = await fetch(new URL(LOOKUP, visits.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signedHeaders({ keyId, secret: rest.join(':') }, { method: 'POST', path: LOOKUP, body }),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status === 404) throw new Undeliverable('unknown visitor');
  if (!res.ok) throw new Error(`visits answered ${res.status} to the contact lookup`);
  const contact = (await res.json()) as { email: string | null; phone: string | null };
  if (!contact.email) throw new Undeliverable(contact.phone ? 'no contact by e-mail (phone only, no SMS channel)' : 'no contact');
  return contact.email;
}
