import { randomUUID } from 'node:crypto';
import type { PplAccountKind, Trx } from '../db';
import { eronAccountId, pplAccountId, record } from '../ledger/ledger.repository';
import type { WorkPaySplit } from './income.rules';

/** The Folio row, locked: transfers and exits change it, so money moves on it serialise here first. */
export async function lockFolio(trx: Trx, nui: string) {
  return trx.selectFrom('folios').selectAll().where('nui', '=', nui).forUpdate().executeTakeFirst();
}

/** The PPL's latest written choice about saving (Art. 43); none means not authorised. */
export async function savingsAuthorised(trx: Trx, nui: string): Promise<boolean> {
  const row = await trx
    .selectFrom('savings_authorisations')
    .select('authorised')
    .where('nui', '=', nui)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.authorised ?? false;
}

export async function findWorkPayment(trx: Trx, nui: string, month: string) {
  return trx.selectFrom('work_payments').selectAll().where('nui', '=', nui).where('month', '=', month).executeTakeFirst();
}

/**
 * Books a bonificación (FOL-11): the establishment's paymaster pays it, 10 % goes to the Caja
 * Especial, the savings part (if any) to the PPL's savings account, the rest is available.
 * The ledger reference `nui/month` makes a second payment for the month impossible.
 */
export async function bookWorkPay(
  trx: Trx,
  p: {
    nui: string;
    eron: string;
    month: string;
    amount: number;
    split: WorkPaySplit;
    workFront: string;
    payroll: string;
    by: string;
    requestId: string;
  },
) {
  const parts: { accountId: string; amount: number }[] = [
    { accountId: await eronAccountId(trx, p.eron, 'paymaster'), amount: -p.amount },
    { accountId: await pplAccountId(trx, p.nui, 'ppl_available'), amount: p.split.available },
  ];
  if (p.split.cajaEspecial > 0) parts.push({ accountId: await eronAccountId(trx, p.eron, 'caja_especial'), amount: p.split.cajaEspecial });
  if (p.split.savings > 0) parts.push({ accountId: await pplAccountId(trx, p.nui, 'ppl_savings'), amount: p.split.savings });
  const transactionId = await record(trx, {
    kind: 'work_pay',
    eron: p.eron,
    nui: p.nui,
    reference: `${p.nui}/${p.month}`,
    concept: `Bonificación ${p.month}, ${p.workFront} (planilla ${p.payroll})`,
    createdBy: p.by,
    requestId: p.requestId,
    postings: parts.filter((x) => x.amount !== 0),
  });
  const id = randomUUID();
  await trx
    .insertInto('work_payments')
    .values({
      id,
      nui: p.nui,
      eron: p.eron,
      month: p.month,
      amount: p.amount,
      caja_especial: p.split.cajaEspecial,
      savings: p.split.savings,
      available: p.split.available,
      transaction_id: transactionId,
    })
    .execute();
  return { id, transactionId };
}

/** Seized cash (FOL-12, Art. 44): against its holder, or to the establishment's unknown-owner account. */
export async function bookSeizure(
  trx: Trx,
  s: { eron: string; nui: string | null; amount: number; acta: string; by: string; requestId: string },
): Promise<string> {
  const credit = s.nui ? await pplAccountId(trx, s.nui, 'ppl_seized') : await eronAccountId(trx, s.eron, 'unknown_owner_cash');
  return record(trx, {
    kind: s.nui ? 'seizure' : 'seizure_unknown_owner',
    eron: s.eron,
    nui: s.nui,
    reference: `${s.eron}/${s.acta}`,
    concept: s.nui ? `Dinero incautado, acta ${s.acta}` : `Dinero incautado de dueño no establecido, acta ${s.acta}`,
    createdBy: s.by,
    requestId: s.requestId,
    postings: [
      { accountId: credit, amount: s.amount },
      { accountId: await eronAccountId(trx, s.eron, 'paymaster'), amount: -s.amount },
    ],
  });
}

export type Balances = Record<PplAccountKind, { id: string; balance: number }>;

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

export const totalOf = (b: Balances): number => b.ppl_available.balance + b.ppl_savings.balance + b.ppl_seized.balance;

/** The postings that empty (sign −1) or fill (sign +1) the PPL's accounts with the given balances. */
export const pplLegs = (b: Balances, sign: 1 | -1) =>
  Object.values(b)
    .filter((a) => a.balance > 0)
    .map((a) => ({ accountId: a.id, amount: sign * a.balance }));
