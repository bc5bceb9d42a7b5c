import { assertActorActsFor, bogotaToday, type Statement } from '@eron/shared';
import { establishmentName, findFolio } from '../accounts/account.repository';
import { noFolio } from '../accounts/account.rules';
import type { Ctx } from '../runtime';
import { remainingCaps } from '../spending/caps.repository';
import { assertPeriod as assertBoundedPeriod } from '@eron/shared';
import { assertPeriod, STATEMENT_DAYS } from './period.rules';
import { statementSections } from './statement.repository';

/**
 * FOL-16: a PPL's statement for a Bogotá period — this month so far unless asked — every movement
 * with its running balance, opening and closing balances of the three accounts, and now: the
 * available balance and what remains of today's and this month's caps (FOL-07). The read is audited.
 */
export async function statementOf(ctx: Ctx, q: { nui: string; from?: string; to?: string; format: string }): Promise<Statement> {
  const { nui } = q;
  const today = bogotaToday();
  const { from = `${today.slice(0, 7)}-01`, to = today } = q;
  assertPeriod(from, to);
  assertBoundedPeriod(from, to, STATEMENT_DAYS);
  const folio = await findFolio(ctx.trx, nui);
  if (!folio) throw noFolio(nui);
  assertActorActsFor(ctx.actor, folio.eron);
  const [sections, caps, eronName] = await Promise.all([
    statementSections(ctx.trx, nui, from, to),
    remainingCaps(ctx.trx, nui, today),
    establishmentName(ctx.trx, folio.eron),
  ]);
  await ctx.audit({ action: 'read-statement', entity: 'folio', entityId: nui, details: { from, to, format: q.format } });
  return {
    nui,
    pplName: folio.names && folio.surnames ? `${folio.names} ${folio.surnames}` : null,
    eron: folio.eron,
    eronName,
    from,
    to,
    sections,
    now: { date: today, available: folio.available, savings: folio.savings, seized: folio.seized, day: caps.day, month: caps.month },
  };
}
