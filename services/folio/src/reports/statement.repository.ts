import { sql } from 'kysely';
import { addDays, bogotaToday, type Statement } from '@eron/shared';
import type { Db, PplAccountKind } from '../db';
import { bogotaStart } from './period.rules';

type Section = Statement['sections'][number];
const SECTIONS: [Section['account'], PplAccountKind][] = [
  ['available', 'ppl_available'],
  ['savings', 'ppl_savings'],
  ['seized', 'ppl_seized'],
];

/**
 * One account's movements in a Bogotá period (FOL-16). The running balance is the one the
 * database kept with each posting, so the closing of a period is the opening of the next.
 */
async function section(db: Db, nui: string, account: Section['account'], kind: PplAccountKind, from: string, to: string): Promise<Section> {
  const [start, end] = [bogotaStart(from), bogotaStart(addDays(to, 1))];
  const { rows } = await sql<{ at: Date; kind: string; concept: string; reference: string; amount: string; balance: string }>`
    SELECT t.created_at AS at, t.kind, t.concept, t.reference, p.amount, p.balance_after AS balance
      FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id JOIN ledger_accounts a ON a.id = p.account_id
     WHERE a.nui = ${nui} AND a.kind = ${kind} AND t.created_at >= ${start} AND t.created_at < ${end}
     ORDER BY p.id`.execute(db);
  const before = await sql<{ balance: string }>`
    SELECT p.balance_after AS balance FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
      JOIN ledger_accounts a ON a.id = p.account_id
     WHERE a.nui = ${nui} AND a.kind = ${kind} AND t.created_at < ${start} ORDER BY p.id DESC LIMIT 1`.execute(db);
  const opening = Number(before.rows[0]?.balance ?? 0);
  const lines = rows.map((r) => ({
    at: r.at.toISOString(),
    date: bogotaToday(r.at),
    kind: r.kind,
    concept: r.concept,
    reference: r.reference,
    amount: Number(r.amount),
    balance: Number(r.balance),
  }));
  return { account, opening, closing: lines.at(-1)?.balance ?? opening, lines };
}

export const statementSections = (db: Db, nui: string, from: string, to: string): Promise<Section[]> =>
  Promise.all(SECTIONS.map(([account, kind]) => section(db, nui, account, kind, from, to)));
