import { sql } from 'kysely';
import { column, lockKeys } from '@eron/shared/platform';
import type { DepositReason } from '@eron/shared';
import type { Trx } from '../db';
import type { Decided, DepositState } from './deposit-batch.rules';
import type { DepositStatus, Incoming } from './deposit.rules';

/**
 * Locks the PPL accounts a batch credits (id order, like every booking, so caps hold under
 * concurrency and batches cannot deadlock with notices) and reads what its decisions stand on.
 */
export async function lockDepositState(trx: Trx, incoming: Incoming[]): Promise<DepositState> {
  const seenKeys = (keys: string[]) =>
    sql<{ key: string; id: string; status: DepositStatus; reason: DepositReason | null }>`
      SELECT key, id, status, reason FROM recaudo_deposits WHERE key = ANY(${keys}::text[])`.execute(trx);
  const existing = (await seenKeys(incoming.map((d) => d.key))).rows;
  const seen = new Set(existing.map((e) => e.key));
  // Only the PPL with something new are locked and read: a file sent again touches no account.
  const nuis = [...new Set(incoming.filter((d) => !seen.has(d.key)).map((d) => d.nui))];
  const months = [...new Set(incoming.map((d) => d.collectionDate.slice(0, 7)))];
  // The PPL accounts first, in id order like every booking. The Folio is read after the locks are
  // held, in a statement of its own (a fresh snapshot): an exit or transfer holding them has then
  // committed, so a deposit sees the Folio closed or moved, never a status read before it.
  const accounts = await sql<{ id: string; nui: string; balance: string }>`
    SELECT id, nui, balance FROM ledger_accounts WHERE kind = 'ppl_available' AND nui = ANY(${nuis}::text[]) ORDER BY id FOR UPDATE`.execute(
    trx,
  );
  // A PPL without a Folio has no account to lock: the same payment sent twice at once for them
  // would race to its unique key (a 500). Their NUIs are locked instead, in order, after the accounts.
  const held = new Set(accounts.rows.map((a) => a.nui));
  const orphans = nuis.filter((n) => !held.has(n)).map((n) => `recaudo-nui:${n}`);
  await lockKeys(trx, orphans);
  const folioRows = await sql<{ nui: string; eron: string; status: string }>`
    SELECT nui, eron, status FROM folios WHERE nui = ANY(${nuis}::text[])`.execute(trx);
  // The same payment arriving at once by another path waited for these locks: look again.
  existing.push(...(await seenKeys(incoming.filter((d) => !seen.has(d.key)).map((d) => d.key))).rows);
  // What each PPL already had credited in the months: credited deposits by one probe per PPL and
  // month into their index (a join plan goes wrong while a first big file grows the table faster
  // than its statistics follow), plus held deposits the paymaster credited on review.
  const sums = await sql<{ nui: string; month: string; cents: string }>`
    SELECT n.nui, m.month, s.cents FROM unnest(${nuis}::text[]) n(nui) CROSS JOIN unnest(${months}::text[]) m(month)
      CROSS JOIN LATERAL (SELECT sum(d.amount_cents) AS cents FROM recaudo_deposits d
        WHERE d.nui = n.nui AND d.month = m.month AND d.status = 'credited') s
     WHERE s.cents IS NOT NULL
    UNION ALL
    SELECT d.nui, d.month, sum(d.amount_cents) FROM recaudo_deposit_reviews r JOIN recaudo_deposits d ON d.id = r.deposit_id
     WHERE r.status = 'credited' AND d.nui = ANY(${nuis}::text[]) AND d.month = ANY(${months}::text[]) GROUP BY d.nui, d.month`.execute(
    trx,
  );
  const people = await sql<{ nui: string; id: string; doc_type: string; doc_number: string }>`
    SELECT a.nui, d.id, d.doc_type, d.doc_number FROM depositor_authorisations a JOIN depositors d ON d.id = a.depositor_id
    WHERE a.removed_by IS NULL AND a.nui = ANY(${nuis}::text[])`.execute(trx);
  const authorised = new Map<string, { id: string; type: string; number: string }[]>();
  for (const p of people.rows)
    authorised.set(p.nui, [...(authorised.get(p.nui) ?? []), { id: p.id, type: p.doc_type, number: p.doc_number }]);
  const byNui = new Map(accounts.rows.map((a) => [a.nui, a]));
  return {
    folios: new Map(
      folioRows.rows.flatMap((f) => {
        const account = byNui.get(f.nui);
        return account
          ? [[f.nui, { accountId: account.id, eron: f.eron, open: f.status === 'open', balance: Number(account.balance) }]]
          : [];
      }),
    ),
    existing: new Map(existing.map((e) => [e.key, { id: e.id, status: e.status, reason: e.reason }])),
    monthSums: sums.rows.reduce(
      (m, r) => m.set(`${r.nui}/${r.month}`, (m.get(`${r.nui}/${r.month}`) ?? 0) + Number(BigInt(r.cents) / 100n)),
      new Map<string, number>(),
    ),
    authorised,
  };
}

/** A depositor named outside the PPL's list is still kept (apart) so a refund can be paid to them (FOL-04, FOL-05, PLT-06). */
export async function keepDepositor(trx: Trx, doc: { type: string; number: string }): Promise<string> {
  await trx
    .insertInto('depositors')
    .values({ doc_type: doc.type, doc_number: doc.number })
    .onConflict((oc) => oc.columns(['doc_type', 'doc_number']).doNothing())
    .execute();
  const row = await trx
    .selectFrom('depositors')
    .select('id')
    .where('doc_type', '=', doc.type)
    .where('doc_number', '=', doc.number)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes a batch's deposits, each naming the ledger transaction it was booked in (`txOf`), in one statement. */
export async function insertDeposits(trx: Trx, fresh: Decided[], txOf: Map<string, string>): Promise<void> {
  await sql`INSERT INTO recaudo_deposits (id, key, channel, nui, eron, amount_cents, collection_date, month, status, reason, depositor_id, bank_code, file_id, line, transaction_id)
    SELECT * FROM unnest(${column(
      fresh.map((d) => d.id),
      'uuid',
    )}, ${column(
      fresh.map((d) => d.key),
      'text',
    )}, ${column(
      fresh.map((d) => d.channel),
      'text',
    )},
      ${column(
        fresh.map((d) => d.nui),
        'text',
      )}, ${column(
        fresh.map((d) => d.eron),
        'text',
      )}, ${column(
        fresh.map((d) => d.amountCents.toString()),
        'bigint',
      )},
      ${column(
        fresh.map((d) => d.collectionDate),
        'date',
      )}, ${column(
        fresh.map((d) => d.collectionDate.slice(0, 7)),
        'text',
      )}, ${column(
        fresh.map((d) => d.status),
        'text',
      )},
      ${column(
        fresh.map((d) => d.reason),
        'text',
      )}, ${column(
        fresh.map((d) => d.depositorId),
        'uuid',
      )}, ${column(
        fresh.map((d) => d.bankCode),
        'text',
      )},
      ${column(
        fresh.map((d) => d.fileId),
        'uuid',
      )}, ${column(
        fresh.map((d) => d.line),
        'int',
      )}, ${column(
        fresh.map((d) => txOf.get(d.id) ?? null),
        'uuid',
      )})`.execute(trx);
}
