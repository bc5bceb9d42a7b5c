import { assertActorActsFor, bogotaToday, type CaseReportBody } from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { chargeable } from '../offences/offence.use-cases';
import { heldPpl } from '../ppl/ppl.lookup';
import type { Ctx } from '../runtime';
import { insertReport } from './case.repository';
import { assertNotFuture } from './case.rules';

export interface ReportedCase {
  id: string;
  eron: string;
  nui: string;
  status: string;
  offence: { version: string; code: string; severity: 'leve' | 'grave'; text: string };
  factDate: string;
}

/** DIS-04, DIS-01: the report of facts about a PPL held here, charged under the catalogue in force on the facts' date. */
export async function reportCase(ctx: Ctx, b: CaseReportBody): Promise<Outcome<ReportedCase>> {
  assertActorActsFor(ctx.actor, b.eron);
  await heldPpl(ctx.trx, b.nui, b.eron);
  assertNotFuture(b.factDate, bogotaToday(), '/factDate');
  const offence = await chargeable(ctx.trx, b.offenceCode, b.factDate);
  const row = await insertReport(ctx.trx, b, offence, ctx.actor.sub);
  await ctx.audit({ action: 'report-case', entity: 'case', entityId: row.id });
  return {
    status: 201,
    body: {
      id: row.id,
      eron: row.eron,
      nui: row.nui,
      status: row.status,
      offence: { version: offence.version, code: offence.code, severity: offence.severity, text: offence.text },
      factDate: row.fact_date,
    },
  };
}
