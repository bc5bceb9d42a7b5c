import { bogotaToday, type Admission, type AdmissionRequest } from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { notifyForeignPpl } from '../record/foreign.use-cases';
import type { Ctx } from '../runtime';
import { assertDetentionOrder, initialSecurityLevel } from './admission.rules';
import { insertAdmission, nextEntryNumber, nextNui } from './admission.repository';

/**
 * Admission (Arts. 25–28): the order checked item by item, a new NUI and intake-book entry, the
 * record, and `ppl.admitted` with any cash carried (CLS-10) — all in the caller's transaction.
 */
export async function admit(ctx: Ctx, body: AdmissionRequest): Promise<Outcome<Admission>> {
  assertDetentionOrder(body, bogotaToday());
  const nui = await nextNui(ctx.trx);
  const entryNumber = await nextEntryNumber(ctx.trx, body.eron);
  const securityLevel = initialSecurityLevel(body.legalStatus);
  const { admittedAt } = await insertAdmission(ctx.trx, { nui, entryNumber, securityLevel, by: ctx.actor.sub, request: body });
  const cashAtIntake = body.cashAtIntake ?? null;
  await ctx.publish('ppl.admitted', {
    nui,
    eron: body.eron,
    legalStatus: body.legalStatus,
    sex: body.person.sex,
    admittedAt: admittedAt.toISOString(),
    cashAtIntake,
  });
  if (body.person.nationality !== 'CO') await notifyForeignPpl(ctx, { nui, eron: body.eron, nationality: body.person.nationality });
  await ctx.audit({ action: 'admit', entity: 'ppl', entityId: nui, details: { eron: body.eron, entryNumber } });
  return {
    status: 201,
    body: {
      nui,
      eron: body.eron,
      entryNumber,
      legalStatus: body.legalStatus,
      securityLevel,
      admittedAt: admittedAt.toISOString(),
      cashAtIntake,
    },
  };
}
