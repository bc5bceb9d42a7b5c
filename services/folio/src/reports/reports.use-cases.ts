import type { Static } from '@sinclair/typebox';
import { addDays, bogotaMonth, bogotaToday, conflict, type EstablishmentReport, type ShopAccounts } from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import type { Ctx, Reader } from '../runtime';
import { assertMonthEnded, bogotaStart, monthBounds, monthsOfYear, shopAccountsDue, shopAccountsMonth } from './period.rules';
import { accountMismatches, heldFromBalances, heldFromPostings, heldMovements } from './reconciliation.repository';
import {
  accountMovements,
  bookedForNationalOffice,
  depositsByDay,
  insertSubmission,
  shopFigures,
  shopSalesOf,
  submissionsOf,
} from './reports.repository';

/**
 * FOL-17: every figure of the establishment's report for a Bogotá period, derived from the ledger's
 * postings, and a reconciliation of the balances held computed from postings with the running
 * balances the database kept. The read is audited.
 */
export async function establishmentReport(
  ctx: Ctx,
  q: { eron: string; from: string; to: string; nationalEron: string },
): Promise<EstablishmentReport> {
  const { eron, from, to } = q;
  const db = ctx.trx;
  const w = { start: bogotaStart(from), end: bogotaStart(addDays(to, 1)) };
  const now = w.end.getTime() > Date.now();
  const [deposits, shop, cajaEspecial, paymaster, opening, closing, movements, fromBalances, accounts, forNationalOffice] =
    await Promise.all([
      depositsByDay(db, eron, w),
      shopFigures(db, eron, w),
      accountMovements(db, eron, 'caja_especial', w),
      accountMovements(db, eron, 'paymaster', w),
      heldFromPostings(db, eron, w.start),
      heldFromPostings(db, eron, w.end),
      heldMovements(db, eron, w.start, w.end),
      heldFromBalances(db, eron, w.end),
      accountMismatches(db, eron, w.end, now),
      bookedForNationalOffice(db, eron, q.nationalEron, w),
    ]);
  await ctx.audit({ action: 'read-establishment-report', entity: 'eron', entityId: eron, details: { from, to } });
  const moved = movements.reduce((sum, m) => sum + m.amount, 0);
  const reconciles = closing === fromBalances && opening + moved === closing && accounts.mismatches.length === 0;
  return {
    eron,
    period: { from, to },
    deposits,
    shop,
    cajaEspecial,
    balancesHeld: { opening, closing, movements },
    paymaster: { opening: paymaster.opening, closing: paymaster.closing },
    forNationalOffice,
    reconciliation: {
      reconciles,
      heldFromPostings: closing,
      heldFromBalances: fromBalances,
      accountsChecked: accounts.checked,
      mismatches: accounts.mismatches,
    },
  };
}

/** FOL-17, Art. 128: the shop's monthly accounts of a year, with due dates and overdue flags as of `now` (Bogotá). */
export async function shopAccounts(r: Reader, q: { eron: string; year: number; now: Date }): Promise<Static<typeof ShopAccounts>> {
  const { eron, year } = q;
  const today = bogotaToday(q.now);
  const current = bogotaMonth(q.now);
  const sent = await submissionsOf(r.db, eron, year);
  const months = await Promise.all(
    monthsOfYear(year)
      .filter((m) => m <= current)
      .map(async (month) => {
        const { from, to } = monthBounds(month);
        const sales = await shopSalesOf(r.db, eron, from, to);
        const s = sent.find((x) => x.month === month);
        const submittedOn = s ? bogotaToday(s.submitted_at) : null;
        const { due, dueDate, overdue } = shopAccountsMonth({ month, sales, submittedOn, today });
        return {
          month,
          sales,
          due,
          dueDate,
          submittedAt: s?.submitted_at.toISOString() ?? null,
          submittedTo: s?.submitted_to ?? null,
          overdue,
        };
      }),
  );
  return { eron, year, months };
}

/** FOL-17, Art. 128: the Director records sending a month's shop accounts, once, for a month that has ended by `now`. */
export async function submitShopAccounts(
  ctx: Ctx,
  input: { eron: string; month: string; submittedTo: string; reference: string; now: Date },
): Promise<Outcome<{ eron: string; month: string; submittedAt: string; overdue: boolean }>> {
  const { eron, month } = input;
  assertMonthEnded(month, bogotaMonth(input.now));
  const row = await insertSubmission(ctx.trx, { ...input, at: input.now, by: ctx.actor.sub });
  if (!row)
    throw conflict(
      'shop-accounts-submitted',
      { es: `Las cuentas de ${month} ya se rindieron`, en: `Accounts for ${month} were already submitted` },
      'FOL-17',
      'Art. 128',
    );
  await ctx.audit({ action: 'submit-shop-accounts', entity: 'eron', entityId: eron, details: { month, to: input.submittedTo } });
  const overdue = bogotaToday(row.submitted_at) > shopAccountsDue(month);
  return { status: 201, body: { eron, month, submittedAt: row.submitted_at.toISOString(), overdue } };
}
