import { sql } from 'kysely';
import { column } from '@eron/shared/platform';
import type { DepositReason } from '@eron/shared';
import type { Trx } from '../db';
import { bulkPostings, eronAccountId } from '../ledger/ledger.repository';
import { capsInForce } from '../limits/limits.repository';
import { decideDeposit, ledgerKindOf, REASON_TEXT } from './deposit.rules';
import { orderedUuid } from './ordered-id';
import type { DepositStatus, FileOutcome } from './recaudo.tables';

/** How the depositor is known: the notice's full document, the reference's number slice, or not at all. */
export type DepositorClue = { type: string; number: string } | { number: string } | undefined;

export interface Incoming {
  key: string;
  channel: 'notice' | 'file';
  nui: string;
  amountCents: bigint;
  collectionDate: string;
  returnReason: string;
  depositor: DepositorClue;
  bankCode: string;
  fileId: string | null;
  line: number | null;
}

export interface Processed {
  line: number | null;
  depositId: string;
  outcome: FileOutcome;
  status: DepositStatus;
  reason: DepositReason | null;
  nui: string;
  amountCents: bigint;
}

interface State {
  folios: Map<string, { accountId: string; eron: string; open: boolean; balance: number }>;
  existing: Map<string, { id: string; status: DepositStatus; reason: DepositReason | null }>;
  monthSums: Map<string, number>;
  authorised: Map<string, { id: string; type: string; number: string }[]>;
}

/**
 * Decides and books a batch of deposits in one transaction, set-based: a handful of reads, then
 * one INSERT … SELECT unnest(…) each for deposits, ledger transactions and postings. The PPL
 * accounts are locked first (id order), like every single booking, so caps hold under concurrency
 * and batches cannot deadlock with notices.
 */
export async function processDeposits(
  trx: Trx,
  incoming: Incoming[],
  who: { createdBy: string; requestId?: string; nationalEron: string },
) {
  const state = await loadState(trx, incoming);
  const caps = new Map<string, number>();
  const results: Processed[] = [];
  const fresh: (Incoming & {
    id: string;
    eron: string;
    status: DepositStatus;
    reason: DepositReason | null;
    depositorId: string | null;
  })[] = [];
  for (const d of incoming) {
    const seen = state.existing.get(d.key);
    if (seen) {
      results.push({
        line: d.line,
        depositId: seen.id,
        outcome: 'duplicate',
        status: seen.status,
        reason: seen.reason,
        nui: d.nui,
        amountCents: d.amountCents,
      });
      continue;
    }
    const folio = state.folios.get(d.nui);
    const month = d.collectionDate.slice(0, 7);
    const monthKey = `${d.nui}/${month}`;
    if (!caps.has(month)) caps.set(month, (await capsInForce(trx, d.collectionDate)).deposit_month);
    const depositor = matchDepositor(state.authorised.get(d.nui) ?? [], d.depositor);
    const decision = decideDeposit({
      folioOpen: folio?.open ?? false,
      amountCents: d.amountCents,
      returnReason: d.returnReason,
      depositorAuthorised: depositor.authorised,
      creditedThisMonth: state.monthSums.get(monthKey) ?? 0,
      monthlyCap: caps.get(month)!,
    });
    const id = orderedUuid();
    if (decision.status === 'credited') state.monthSums.set(monthKey, (state.monthSums.get(monthKey) ?? 0) + Number(d.amountCents / 100n));
    state.existing.set(d.key, { id, ...decision });
    const eron = folio?.eron ?? who.nationalEron;
    const depositorId = depositor.id ?? (d.depositor && 'type' in d.depositor ? await depositorIdFor(trx, d.depositor) : null);
    fresh.push({ ...d, id, eron, status: decision.status, reason: decision.reason, depositorId });
    results.push({
      line: d.line,
      depositId: id,
      outcome: decision.status,
      status: decision.status,
      reason: decision.reason,
      nui: d.nui,
      amountCents: d.amountCents,
    });
  }
  if (fresh.length > 0) await book(trx, fresh, state, who);
  return results;
}

function matchDepositor(
  list: { id: string; type: string; number: string }[],
  clue: DepositorClue,
): { authorised: boolean | undefined; id?: string } {
  if (!clue) return { authorised: undefined };
  const number = clue.number.replace(/^0+/, '');
  const hit = list.find((p) => p.number.replace(/^0+/, '') === number && (!('type' in clue) || clue.type === p.type));
  return hit ? { authorised: true, id: hit.id } : { authorised: false };
}

/** A notice's depositor who is not on the list is still kept (apart) so the refund can be paid (FOL-04, FOL-05). */
async function depositorIdFor(trx: Trx, clue: DepositorClue): Promise<string | null> {
  if (!clue || !('type' in clue)) return null;
  await trx
    .insertInto('depositors')
    .values({ doc_type: clue.type, doc_number: clue.number })
    .onConflict((oc) => oc.columns(['doc_type', 'doc_number']).doNothing())
    .execute();
  const row = await trx
    .selectFrom('depositors')
    .select('id')
    .where('doc_type', '=', clue.type)
    .where('doc_number', '=', clue.number)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function loadState(trx: Trx, incoming: Incoming[]): Promise<State> {
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

type Fresh = Incoming & { id: string; eron: string; status: DepositStatus; reason: DepositReason | null; depositorId: string | null };

/**
 * Writes the batch: deposits, their ledger transactions, their postings. The statements go out one
 * after the other on the transaction's connection without waiting for each answer, so the next
 * statement's parameters are built while Postgres runs the previous one (PLT-14).
 */
async function book(trx: Trx, fresh: Fresh[], state: State, who: { createdBy: string; requestId?: string }): Promise<void> {
  const accounts = await establishmentAccounts(trx, fresh);
  const entries = journalEntries(fresh);
  const txOf = new Map(entries.flatMap((e) => e.deposits.map((d) => [d.id, e.id] as const)));
  const writes: Promise<unknown>[] = [
    sql`INSERT INTO recaudo_deposits (id, key, channel, nui, eron, amount_cents, collection_date, month, status, reason, depositor_id, bank_code, file_id, line, transaction_id)
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
      )})`.execute(trx),
  ];
  if (entries.length > 0) {
    writes.push(
      sql`INSERT INTO ledger_transactions (id, kind, eron, nui, reference, concept, created_by, request_id)
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
      AS t(id, kind, eron, nui, reference, concept)`.execute(trx),
    );
    writes.push(bulkPostings(trx, postingsOf(entries, state, accounts)));
  }
  await Promise.all(writes);
}

interface JournalEntry {
  id: string;
  kind: string;
  eron: string;
  nui: string | null;
  reference: string;
  concept: string;
  deposits: Fresh[];
}

/**
 * The ledger transactions of a batch. A deposit on its own (a notice) is one transaction named by
 * its bank key. A bank file's lot is booked the way the bank pays it: one transaction per
 * establishment and outcome, the clearing account paying each PPL (or refund, or review) its own
 * posting — so a lot of 10 000 deposits is 10 001 postings, not 10 000 transactions of two. Each
 * deposit keeps its own row (`recaudo_deposits`) naming the transaction it was booked in.
 */
function journalEntries(fresh: Fresh[]): JournalEntry[] {
  const groups = new Map<string, Fresh[]>();
  for (const d of fresh) {
    if (!(d.amountCents > 0n && d.amountCents % 100n === 0n)) continue;
    const k = `${d.eron}/${d.status}/${d.fileId ?? d.key}`;
    const group = groups.get(k);
    if (group) group.push(d);
    else groups.set(k, [d]);
  }
  return [...groups.values()].map((deposits) => {
    const first = deposits[0]!;
    const { kind } = ledgerKindOf(first.status);
    if (deposits.length === 1) {
      return {
        id: orderedUuid(),
        kind,
        eron: first.eron,
        nui: first.status === 'credited' ? first.nui : null,
        reference: first.key,
        concept: conceptOf(first),
        deposits,
      };
    }
    const lines = `${first.line}–${deposits.at(-1)!.line}`;
    const what =
      first.status === 'credited'
        ? 'Consignaciones bancarias'
        : `Consignaciones no abonadas (${first.status === 'held' ? 'en revisión' : 'por reembolsar'})`;
    return {
      id: orderedUuid(),
      kind,
      eron: first.eron,
      nui: null,
      reference: `${first.key}+${deposits.length - 1}`,
      concept: `${what}: ${deposits.length} del archivo Asobancaria del ${first.collectionDate}, líneas ${lines}`,
      deposits,
    };
  });
}

/**
 * One posting per deposit and one clearing posting per transaction. The PPL accounts are locked
 * (loadState): each posting's running balance is known here, so the ledger checks and applies them
 * once per statement.
 */
function postingsOf(entries: JournalEntry[], state: State, accounts: Map<string, string>) {
  const p = { transactionId: [] as string[], accountId: [] as string[], amount: [] as number[], balanceAfter: [] as (number | null)[] };
  for (const e of entries) {
    let total = 0;
    for (const d of e.deposits) {
      const pesos = Number(d.amountCents / 100n);
      const to = ledgerKindOf(d.status).to;
      const folio = to === 'ppl_available' ? state.folios.get(d.nui)! : undefined;
      if (folio) folio.balance += pesos;
      p.transactionId.push(e.id);
      p.accountId.push(folio?.accountId ?? accounts.get(`${d.eron}/${to}`)!);
      p.amount.push(pesos);
      p.balanceAfter.push(folio ? folio.balance : null);
      total += pesos;
    }
    p.transactionId.push(e.id);
    p.accountId.push(accounts.get(`${e.eron}/bank_clearing`)!);
    p.amount.push(-total);
    p.balanceAfter.push(null);
  }
  return p;
}

function conceptOf(d: Fresh): string {
  const channel = d.channel === 'notice' ? 'aviso en línea' : `archivo Asobancaria, línea ${d.line}`;
  return d.status === 'credited' ? `Consignación bancaria (${channel})` : `Consignación no abonada (${channel}): ${REASON_TEXT[d.reason!]}`;
}

/**
 * The clearing and destination accounts of each establishment involved, created if new. Not locked:
 * establishment accounts keep no balance row (their balance is the sum of their postings).
 */
async function establishmentAccounts(trx: Trx, fresh: Fresh[]): Promise<Map<string, string>> {
  const wanted = new Set<string>();
  for (const d of fresh) {
    wanted.add(`${d.eron}/bank_clearing`);
    wanted.add(`${d.eron}/${ledgerKindOf(d.status).to}`);
  }
  const ids = new Map<string, string>();
  for (const w of [...wanted].filter((k) => !k.endsWith('/ppl_available'))) {
    const [eron, kind] = w.split('/') as [string, 'bank_clearing' | 'refunds_due' | 'deposits_held'];
    ids.set(w, await eronAccountId(trx, eron, kind));
  }
  return ids;
}
