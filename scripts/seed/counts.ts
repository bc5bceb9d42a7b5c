import { sql } from 'kysely';
import type { World } from './world';

/** What the seed made, service by service (the same figures before and after a second run prove it idempotent). */
const TABLES = {
  classification: ['establishments', 'units', 'cells', 'ppl', 'intake_cash_receipts', 'inductions', 'board_sessions', 'placements'],
  folio: [
    'folios',
    'depositor_authorisations',
    'recaudo_files',
    'recaudo_deposits',
    'ledger_transactions',
    'postings',
    'shop_products',
    'spend_uses',
  ],
  visits: ['regimes', 'units', 'areas', 'visitors', 'authorised_visitors', 'bookings', 'vivif_devices', 'vivif_slots'],
  discipline: ['ppl', 'cases', 'sanctions', 'conduct_ratings'],
} as const;

export type Counts = Record<string, number>;

export async function countAll(world: World): Promise<Counts> {
  const out: Counts = {};
  for (const [service, tables] of Object.entries(TABLES)) {
    for (const table of tables) {
      const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(world.db(service as keyof typeof TABLES));
      out[`${service}.${table}`] = Number(r.rows[0]!.n);
    }
  }
  return out;
}

/**
 * The ledger balances (FOL-01, FOL-02): every transaction's postings sum to zero, and each PPL
 * account's kept balance is the sum of its postings. Returns what disagrees (empty when it holds).
 */
export async function ledgerProblems(world: World): Promise<string[]> {
  const db = world.db('folio');
  const unbalanced = await sql<{ id: string; total: string }>`
    SELECT transaction_id AS id, sum(amount) AS total FROM postings GROUP BY transaction_id HAVING sum(amount) <> 0`.execute(db);
  const drift = await sql<{ id: string; balance: string; total: string }>`
    SELECT a.id, a.balance, coalesce(sum(p.amount), 0) AS total FROM ledger_accounts a LEFT JOIN postings p ON p.account_id = a.id
    WHERE a.nui IS NOT NULL GROUP BY a.id, a.balance HAVING a.balance <> coalesce(sum(p.amount), 0)`.execute(db);
  return [
    ...unbalanced.rows.map((r) => `transaction ${r.id} sums to ${r.total}`),
    ...drift.rows.map((r) => `account ${r.id} keeps ${r.balance} but its postings sum to ${r.total}`),
  ];
}
