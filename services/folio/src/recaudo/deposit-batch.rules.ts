import type { DepositReason } from '@eron/shared';
import type { EronAccountKind } from '../ledger/ledger.rules';
import {
  decideDeposit,
  gateStaffLine,
  isWholePesos,
  ledgerKindOf,
  REASON_TEXT,
  type DepositorClue,
  type DepositStatus,
  type Incoming,
  type Processed,
} from './deposit.rules';
import { orderedUuid } from './ordered-id';

/**
 * A batch of deposits — a lane's slice of a bank file, or a single notice — decided in memory and
 * turned into its ledger transactions and postings (FOL-04 … FOL-06, FOL-02; PLT-14).
 */

/** What a batch's decisions stand on, read with the PPL accounts locked. */
export interface DepositState {
  folios: Map<string, { accountId: string; eron: string; open: boolean; balance: number }>;
  existing: Map<string, { id: string; status: DepositStatus; reason: DepositReason | null }>;
  /** Pesos credited per `nui/YYYY-MM`. */
  monthSums: Map<string, number>;
  authorised: Map<string, { id: string; type: string; number: string }[]>;
}

/** A new deposit, decided: where it is booked and, if known, who paid it. */
export type Decided = Incoming & {
  id: string;
  eron: string;
  status: DepositStatus;
  reason: DepositReason | null;
  depositorId: string | null;
};

/** Whether the clue names one of the PPL's authorised depositors (FOL-05); undefined when it names nobody. */
export function matchDepositor(
  list: { id: string; type: string; number: string }[],
  clue: DepositorClue,
): { authorised: boolean | undefined; id?: string } {
  if (!clue) return { authorised: undefined };
  const number = clue.number.replace(/^0+/, '');
  const hit = list.find((p) => p.number.replace(/^0+/, '') === number && (!('type' in clue) || clue.type === p.type));
  return hit ? { authorised: true, id: hit.id } : { authorised: false };
}

/** The months whose deposit cap a batch needs, each with the date of its first new deposit (FOL-04). */
export function capDates(incoming: Incoming[], state: DepositState): Map<string, string> {
  const dates = new Map<string, string>();
  for (const d of incoming) {
    const month = d.collectionDate.slice(0, 7);
    if (!state.existing.has(d.key) && !dates.has(month)) dates.set(month, d.collectionDate);
  }
  return dates;
}

/**
 * Decides a batch in its order: a payment already recorded is a duplicate; each new one is
 * credited, owed back or held (decideDeposit), the month's credits growing as it goes, so a PPL's
 * deposits meet the monthly cap in the order the bank took them. `caps` is the deposit cap by month.
 */
export function decideDeposits(
  incoming: Incoming[],
  state: DepositState,
  caps: Map<string, number>,
  nationalEron: string,
  newId: () => string = orderedUuid,
  /** A staff upload and the establishments its uploader acted for (null: national); undefined for the bank's own channels. */
  staff?: { erons: string[] | null },
): { results: Processed[]; fresh: Decided[] } {
  const existing = new Map(state.existing);
  const monthSums = new Map(state.monthSums);
  const results: Processed[] = [];
  const fresh: Decided[] = [];
  for (const d of incoming) {
    const seen = existing.get(d.key);
    const base = { line: d.line, nui: d.nui, amountCents: d.amountCents };
    if (seen) {
      results.push({ ...base, depositId: seen.id, outcome: 'duplicate', status: seen.status, reason: seen.reason });
      continue;
    }
    const folio = state.folios.get(d.nui);
    const monthKey = `${d.nui}/${d.collectionDate.slice(0, 7)}`;
    const depositor = matchDepositor(state.authorised.get(d.nui) ?? [], d.depositor);
    const decided = decideDeposit({
      folioOpen: folio?.open ?? false,
      amountCents: d.amountCents,
      returnReason: d.returnReason,
      depositorAuthorised: depositor.authorised,
      creditedThisMonth: monthSums.get(monthKey) ?? 0,
      monthlyCap: caps.get(d.collectionDate.slice(0, 7))!,
    });
    const gated = staff ? gateStaffLine(decided, folio?.eron, staff.erons) : { ...decided, national: false };
    const decision = { status: gated.status, reason: gated.reason };
    const id = newId();
    if (decision.status === 'credited') monthSums.set(monthKey, (monthSums.get(monthKey) ?? 0) + Number(d.amountCents / 100n));
    existing.set(d.key, { id, ...decision });
    const eron = gated.national ? nationalEron : (folio?.eron ?? nationalEron);
    fresh.push({ ...d, id, eron, ...decision, depositorId: depositor.id ?? null });
    results.push({ ...base, depositId: id, outcome: decision.status, status: decision.status, reason: decision.reason });
  }
  return { results, fresh };
}

/** One ledger transaction of a batch and the deposits it books. */
export interface JournalEntry {
  id: string;
  kind: string;
  eron: string;
  nui: string | null;
  reference: string;
  concept: string;
  deposits: Decided[];
}

function conceptOf(d: Decided): string {
  const channel = d.channel === 'notice' ? 'aviso en línea' : `archivo Asobancaria, línea ${d.line}`;
  return d.status === 'credited' ? `Consignación bancaria (${channel})` : `Consignación no abonada (${channel}): ${REASON_TEXT[d.reason!]}`;
}

/**
 * The ledger transactions of a batch. A deposit on its own (a notice) is one transaction named by
 * its bank key. A bank file's lot is booked the way the bank pays it: one transaction per
 * establishment and outcome, the clearing account paying each PPL (or refund, or review) its own
 * posting — so a lot of 10 000 deposits is 10 001 postings, not 10 000 transactions of two. Each
 * deposit keeps its own row (`recaudo_deposits`) naming the transaction it was booked in. A
 * deposit that is not whole pesos moves no money (ASO-17).
 */
export function journalEntries(fresh: Decided[], newId: () => string = orderedUuid): JournalEntry[] {
  const groups = new Map<string, Decided[]>();
  for (const d of fresh) {
    if (!isWholePesos(d.amountCents)) continue;
    const k = `${d.eron}/${d.status}/${d.fileId ?? d.key}`;
    const group = groups.get(k);
    if (group) group.push(d);
    else groups.set(k, [d]);
  }
  return [...groups.values()].map((deposits) => {
    const first = deposits[0]!;
    const { kind } = ledgerKindOf(first.status);
    if (deposits.length === 1) {
      const nui = first.status === 'credited' ? first.nui : null;
      return { id: newId(), kind, eron: first.eron, nui, reference: first.key, concept: conceptOf(first), deposits };
    }
    const lines = `${first.line}–${deposits.at(-1)!.line}`;
    const what =
      first.status === 'credited'
        ? 'Consignaciones bancarias'
        : `Consignaciones no abonadas (${first.status === 'held' ? 'en revisión' : 'por reembolsar'})`;
    return {
      id: newId(),
      kind,
      eron: first.eron,
      nui: null,
      reference: `${first.key}+${deposits.length - 1}`,
      concept: `${what}: ${deposits.length} del archivo Asobancaria del ${first.collectionDate}, líneas ${lines}`,
      deposits,
    };
  });
}

/** The establishment accounts a batch books on: each one's bank clearing and where its money is owed. */
export function establishmentAccountsOf(fresh: Decided[]): Set<`${string}/${EronAccountKind}`> {
  const names = new Set<`${string}/${EronAccountKind}`>();
  for (const d of fresh) {
    names.add(`${d.eron}/bank_clearing`);
    const { to } = ledgerKindOf(d.status);
    if (to !== 'ppl_available') names.add(`${d.eron}/${to}`);
  }
  return names;
}

/**
 * One posting per deposit and one clearing posting per transaction. The PPL accounts are locked
 * (their balances are in `folios`): each posting's running balance is known here, so the ledger
 * checks and applies them once per statement.
 */
export function postingsOf(entries: JournalEntry[], folios: DepositState['folios'], accounts: Map<string, string>) {
  const p = { transactionId: [] as string[], accountId: [] as string[], amount: [] as number[], balanceAfter: [] as (number | null)[] };
  const balances = new Map<string, number>();
  for (const e of entries) {
    let total = 0;
    for (const d of e.deposits) {
      const pesos = Number(d.amountCents / 100n);
      const to = ledgerKindOf(d.status).to;
      const folio = to === 'ppl_available' ? folios.get(d.nui)! : undefined;
      const balance = folio ? (balances.get(d.nui) ?? folio.balance) + pesos : null;
      if (balance !== null) balances.set(d.nui, balance);
      p.transactionId.push(e.id);
      p.accountId.push(folio?.accountId ?? accounts.get(`${d.eron}/${to}`)!);
      p.amount.push(pesos);
      p.balanceAfter.push(balance);
      total += pesos;
    }
    p.transactionId.push(e.id);
    p.accountId.push(accounts.get(`${e.eron}/bank_clearing`)!);
    p.amount.push(-total);
    p.balanceAfter.push(null);
  }
  return p;
}
