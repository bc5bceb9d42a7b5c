import { ProblemError, type Bilingual } from './problem';

/**
 * Paging for every service's lists (moved here from classification so folio pages the same way).
 * Lists never make the service read a whole history (PLT-18, "no request can stall a service"): a
 * page of at most `limit` rows, a cursor for the next, and periods of a bounded number of days.
 */

const badQuery = (field: string, detail: Bilingual, code: string) =>
  new ProblemError({
    status: 400,
    code,
    title: 'Bad request',
    detail,
    errors: [{ field: `querystring:/${field}`, message: detail }],
  });

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** A period of calendar days, both ends included: forward, and at most `maxDays` long. */
export function assertPeriod(from: string, to: string, maxDays: number): void {
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days >= 1 && days <= maxDays) return;
  throw badQuery(
    'to',
    {
      es: `El período va de from a to (from ≤ to) y cubre a lo sumo ${maxDays} días; este cubre ${days}`,
      en: `The period runs from \`from\` to \`to\` (from ≤ to) and covers at most ${maxDays} days; this one covers ${days}`,
    },
    'period-invalid',
  );
}

/** The other end of a period given by one end only: `maxDays` days long. */
export const periodEnd = (date: string, days: number): string => new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);

/** What a cursor's parts may be, each checked before it reaches a query. */
export type KeyPart = 'date' | 'nui' | 'uuid' | 'instant' | 'seq' | 'code';
const VALID: Record<KeyPart, (s: string) => boolean> = {
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  nui: (s) => /^[0-9]{6,10}$/.test(s),
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  seq: (s) => /^[0-9]{1,18}$/.test(s),
  /** A short code of letters, digits and . _ - (a shop article's SKU). */
  code: (s) => /^[A-Za-z0-9._-]{1,40}$/.test(s),
  instant: (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s) && !Number.isNaN(Date.parse(s)),
};

/** The opaque cursor of the page after the row with this sort key. */
export const cursorOf = (...key: string[]): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** The sort key a cursor carries, every part checked; a cursor the service did not make is a 400. */
export function keyOf(cursor: string, shape: readonly KeyPart[], field: string): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  if (Array.isArray(parts) && parts.length === shape.length && parts.every((p, i) => typeof p === 'string' && VALID[shape[i]!](p))) {
    return parts as string[];
  }
  throw badQuery(
    field,
    {
      es: 'El cursor no es uno que haya dado esta lista: use el `next` de la página anterior',
      en: 'Not a cursor this list gave: pass the previous page’s `next`',
    },
    'cursor-invalid',
  );
}

/** The rows of a page (the query asks for one more) and the cursor of the next, null on the last. */
export function pageOf<R>(rows: R[], limit: number, key: (last: R) => string[]): { items: R[]; next: string | null } {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? cursorOf(...key(items.at(-1)!)) : null };
}
