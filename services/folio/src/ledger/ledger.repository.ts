import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { column } from '@eron/shared/platform';
import type { EronAccountKind, PplAccountKind, Trx } from '../db';
import type { Balances, NewTransaction } from './ledger.rules';

export async function pplAccountId(trx: Trx, nui: string, kind: PplAccountKind): Promise<string> {
  const row = await trx
    .selectFrom('ledger_accounts')
    .select('id')
    .where('nui', '=', nui)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The establishment's account of a kind (Caja Especial, paymaster…), created on first use. */
export async function eronAccountId(trx: Trx, eron: string, kind: EronAccountKind): Promise<string> {
  await trx
    .insertInto('ledger_accounts')
    .values({ eron, kind, nui: null })
    .onConflict((oc) => oc.columns(['eron', 'kind']).where('nui', 'is', null).doNothing())
    .execute();
  const row = await trx
    .selectFrom('ledger_accounts')
    .select('id')
    .where('eron', '=', eron)
    .where('kind', '=', kind)
    .where('nui', 'is', null)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Records one balanced transaction (FOL-02). Postings are applied in account order so concurrent
 * transactions lock accounts in the same order and cannot deadlock.
 */
export async function record(trx: Trx, t: NewTransaction): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('ledger_transactions')
    .values({
      id,
      kind: t.kind,
      eron: t.eron,
      nui: t.nui,
      reference: t.reference,
      concept: t.concept,
      reverses: null,
      created_by: t.createdBy,
      request_id: t.requestId ?? null,
    })
    .execute();
  const postings = [...t.postings].sort((a, b) => a.accountId.localeCompare(b.accountId));
  await trx
    .insertInto('postings')
    .values(postings.map((p) => ({ transaction_id: id, account_id: p.accountId, amount: p.amount })))
    .execute();
  return id;
}

/**
 * Corrects a transaction by recording its mirror image (FOL-02): nothing is edited or deleted.
 * A transaction is reversed at most once (unique `reverses`); the PPL-balance CHECK still holds,
 * so money already spent cannot be "un-deposited" into a negative balance.
 */
export async function reverse(
  trx: Trx,
  r: { transactionId: string; reason: string; createdBy: string; requestId?: string },
): Promise<string> {
  const original = await trx.selectFrom('ledger_transactions').selectAll().where('id', '=', r.transactionId).executeTakeFirstOrThrow();
  const postings = await trx
    .selectFrom('postings')
    .select(['account_id', 'amount'])
    .where('transaction_id', '=', r.transactionId)
    .execute();
  const id = randomUUID();
  await trx
    .insertInto('ledger_transactions')
    .values({
      id,
      kind: `reversal`,
      eron: original.eron,
      nui: original.nui,
      reference: `reversal-of-${original.id}`,
      concept: `Reversión: ${r.reason}`,
      reverses: original.id,
      created_by: r.createdBy,
      request_id: r.requestId ?? null,
    })
    .execute();
  const mirrored = postings
    .map((p) => ({ transaction_id: id, account_id: p.account_id, amount: -p.amount }))
    .sort((a, b) => a.account_id.localeCompare(b.account_id));
  await trx.insertInto('postings').values(mirrored).execute();
  return id;
}

/**
 * Reverses a use made at an establishment that no longer holds the Folio (FOL-02 after FOL-13):
 * the mirror's PPL legs travel through the paymasters, as a transfer does. At the origin the
 * reversal (naming the original, at most once) debits the counter that took the money — the shop
 * that sold — and the origin's paymaster sends it; at the current establishment its paymaster puts
 * it back into the PPL's accounts. Each establishment's postings keep adding up (FOL-17).
 * Returns the reversing transaction's id.
 */
export async function reverseAcross(
  trx: Trx,
  r: { transactionId: string; reason: string; createdBy: string; requestId?: string; toEron: string },
): Promise<string> {
  const original = await trx.selectFrom('ledger_transactions').selectAll().where('id', '=', r.transactionId).executeTakeFirstOrThrow();
  const postings = await trx
    .selectFrom('postings as p')
    .innerJoin('ledger_accounts as a', 'a.id', 'p.account_id')
    .select(['p.account_id', 'p.amount', 'a.nui'])
    .where('p.transaction_id', '=', r.transactionId)
    .execute();
  const ppl = postings.filter((p) => p.nui !== null).map((p) => ({ accountId: p.account_id, amount: -p.amount }));
  const counters = postings.filter((p) => p.nui === null).map((p) => ({ accountId: p.account_id, amount: -p.amount }));
  const moved = ppl.reduce((sum, p) => sum + p.amount, 0);
  const id = randomUUID();
  await trx
    .insertInto('ledger_transactions')
    .values({
      id,
      kind: 'reversal',
      eron: original.eron,
      nui: original.nui,
      reference: `reversal-of-${original.id}`,
      concept: `Reversión: ${r.reason} (devuelto al establecimiento ${r.toEron} por el pagador)`,
      reverses: original.id,
      created_by: r.createdBy,
      request_id: r.requestId ?? null,
    })
    .execute();
  const out = [...counters, { accountId: await eronAccountId(trx, original.eron, 'paymaster'), amount: moved }]
    .map((p) => ({ transaction_id: id, account_id: p.accountId, amount: p.amount }))
    .sort((a, b) => a.account_id.localeCompare(b.account_id));
  await trx.insertInto('postings').values(out).execute();
  await record(trx, {
    kind: 'reversal_transfer_in',
    eron: r.toEron,
    nui: original.nui,
    reference: `reversal-of-${original.id}`,
    concept: `Reversión de un uso en el establecimiento ${original.eron}: ${r.reason} (recibido por el pagador)`,
    createdBy: r.createdBy,
    requestId: r.requestId,
    postings: [...ppl, { accountId: await eronAccountId(trx, r.toEron, 'paymaster'), amount: -moved }],
  });
  return id;
}

/** Locks a PPL's account row for the rest of the transaction: the one serialisation point for caps and balance. */
export async function lockPplAccount(
  trx: Trx,
  nui: string,
  kind: PplAccountKind,
): Promise<{ id: string; balance: number; eron: string } | undefined> {
  return trx
    .selectFrom('ledger_accounts')
    .select(['id', 'balance', 'eron'])
    .where('nui', '=', nui)
    .where('kind', '=', kind)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Inserts many postings in one statement, checked and applied by the ledger once per statement
 * (migration T0920): the caller holds the PPL accounts' locks and gives each PPL posting its
 * account's running balance (`balanceAfter`, null on establishment accounts); the database
 * recomputes them and refuses the whole insert if one differs.
 */
export async function bulkPostings(
  trx: Trx,
  p: { transactionId: string[]; accountId: string[]; amount: number[]; balanceAfter: (number | null)[] },
): Promise<void> {
  await sql`SELECT set_config('ledger.bulk', 'on', true)`.execute(trx);
  await sql`INSERT INTO postings (transaction_id, account_id, amount, balance_after)
    SELECT t, a, m, b FROM unnest(${column(p.transactionId, 'uuid')}, ${column(p.accountId, 'uuid')}, ${column(p.amount, 'bigint')}, ${column(p.balanceAfter, 'bigint')})
      WITH ORDINALITY AS p(t, a, m, b, n) ORDER BY n`.execute(trx);
  await sql`SELECT set_config('ledger.bulk', 'off', true)`.execute(trx);
}

/** The establishment accounts named `eron/kind`, created on first use: id by name. */
export async function eronAccountIds(trx: Trx, names: Iterable<`${string}/${EronAccountKind}`>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  // Created in one order everywhere (eron, kind; as bookBatch's statement does): two batches that
  // both create accounts would otherwise each wait for the other's new row and deadlock.
  for (const name of [...new Set(names)].sort(byCodeUnits)) {
    const [eron, kind] = name.split('/') as [string, EronAccountKind];
    ids.set(name, await eronAccountId(trx, eron, kind));
  }
  return ids;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Locks the PPL's three accounts in a fixed order and reads their balances. */
export async function lockBalances(trx: Trx, nui: string): Promise<Balances> {
  const rows = await trx
    .selectFrom('ledger_accounts')
    .select(['id', 'kind', 'balance'])
    .where('nui', '=', nui)
    .orderBy('kind')
    .forUpdate()
    .execute();
  const of = (kind: PplAccountKind) => {
    const row = rows.find((r) => r.kind === kind);
    if (!row) throw new Error(`Folio ${nui} has no ${kind} account`);
    return { id: row.id, balance: Number(row.balance) };
  };
  return { ppl_available: of('ppl_available'), ppl_savings: of('ppl_savings'), ppl_seized: of('ppl_seized') };
}

/** Inserts many ledger transactions in one statement; their postings follow with `bulkPostings`. */
export async function bulkTransactions(
  trx: Trx,
  entries: { id: string; kind: string; eron: string; nui: string | null; reference: string; concept: string }[],
  who: { createdBy: string; requestId?: string },
): Promise<void> {
  await sql`INSERT INTO ledger_transactions (id, kind, eron, nui, reference, concept, created_by, request_id)
    SELECT t.id, t.kind, t.eron, t.nui, t.reference, t.concept, ${who.createdBy}, ${who.requestId ?? null}
    FROM unnest(${column(
      entries.map((e) => e.id),
      'uuid',
    )}, ${column(
      entries.map((e) => e.kind),
      'text',
    )}, ${column(
      entries.map((e) => e.eron),
      'text',
    )},
      ${column(
        entries.map((e) => e.nui),
        'text',
      )}, ${column(
        entries.map((e) => e.reference),
        'text',
      )}, ${column(
        entries.map((e) => e.concept),
        'text',
      )})
      AS t(id, kind, eron, nui, reference, concept)`.execute(trx);
}
