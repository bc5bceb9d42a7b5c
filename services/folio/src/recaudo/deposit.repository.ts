import { sql } from 'kysely';
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
    if (!caps.has(month)) caps.set(month, (await capsInForce(trx, d.collectionDate)).deposit_month);
    const depositor = matchDepositor(state.authorised.get(d.nui) ?? [], d.depositor);
    const decision = decideDeposit({
      folioOpen: folio?.open ?? false,
      amountCents: d.amountCents,
      returnReason: d.returnReason,
      depositorAuthorised: depositor.authorised,
      creditedThisMonth: state.monthSums.get(`${d.nui}/${month}`) ?? 0,
      monthlyCap: caps.get(month)!,
    });
    const id = orderedUuid();
    if (decision.status === 'credited')
      state.monthSums.set(`${d.nui}/${month}`, (state.monthSums.get(`${d.nui}/${month}`) ?? 0) + Number(d.amountCents / 100n));
    state.existing.set(d.key, { id, ...decision });
    const eron = folio?.eron ?? who.nationalEron;
    fresh.push({ ...d, id, eron, ...decision, depositorId: depositor.id ?? (await depositorIdFor(trx, d.depositor)) });
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

async function book(trx: Trx, fresh: Fresh[], state: State, who: { createdBy: string; requestId?: string }): Promise<void> {
  const accounts = await establishmentAccounts(trx, fresh);
  const txIds: (string | null)[] = fresh.map((d) => (d.amountCents > 0n && d.amountCents % 100n === 0n ? orderedUuid() : null));
  await sql`INSERT INTO recaudo_deposits (id, key, channel, nui, eron, amount_cents, collection_date, month, status, reason, depositor_id, bank_code, file_id, line, transaction_id)
    SELECT * FROM unnest(${fresh.map((d) => d.id)}::uuid[], ${fresh.map((d) => d.key)}::text[], ${fresh.map((d) => d.channel)}::text[],
      ${fresh.map((d) => d.nui)}::text[], ${fresh.map((d) => d.eron)}::text[], ${fresh.map((d) => d.amountCents.toString())}::bigint[],
      ${fresh.map((d) => d.collectionDate)}::date[], ${fresh.map((d) => d.collectionDate.slice(0, 7))}::text[], ${fresh.map((d) => d.status)}::text[],
      ${fresh.map((d) => d.reason)}::text[], ${fresh.map((d) => d.depositorId)}::uuid[], ${fresh.map((d) => d.bankCode)}::text[],
      ${fresh.map((d) => d.fileId)}::uuid[], ${fresh.map((d) => d.line)}::int[], ${txIds}::uuid[])`.execute(trx);
  const booked = fresh.flatMap((d, i) => (txIds[i] ? [{ d, tx: txIds[i] }] : []));
  if (booked.length === 0) return;
  await sql`INSERT INTO ledger_transactions (id, kind, eron, nui, reference, concept, created_by, request_id)
    SELECT t.id, t.kind, t.eron, t.nui, t.reference, t.concept, ${who.createdBy}, ${who.requestId ?? null}
    FROM unnest(${booked.map((b) => b.tx)}::uuid[], ${booked.map((b) => ledgerKindOf(b.d.status).kind)}::text[], ${booked.map((b) => b.d.eron)}::text[],
      ${booked.map((b) => (b.d.status === 'credited' ? b.d.nui : null))}::text[], ${booked.map((b) => b.d.key)}::text[], ${booked.map((b) => conceptOf(b.d))}::text[])
      AS t(id, kind, eron, nui, reference, concept)`.execute(trx);
  const tx: string[] = [];
  const account: string[] = [];
  const amount: number[] = [];
  // The PPL accounts are locked (loadState): each posting's running balance is known here, so the
  // ledger checks and applies them once per statement instead of one UPDATE per posting.
  const after: (number | null)[] = [];
  for (const { d, tx: id } of booked) {
    const pesos = Number(d.amountCents / 100n);
    const folio = ledgerKindOf(d.status).to === 'ppl_available' ? state.folios.get(d.nui)! : undefined;
    if (folio) folio.balance += pesos;
    tx.push(id, id);
    account.push(folio?.accountId ?? accounts.get(`${d.eron}/${ledgerKindOf(d.status).to}`)!, accounts.get(`${d.eron}/bank_clearing`)!);
    amount.push(pesos, -pesos);
    after.push(folio ? folio.balance : null, null);
  }
  await bulkPostings(trx, { transactionId: tx, accountId: account, amount, balanceAfter: after });
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
