import { bogotaToday, type Admission, type AdmissionRequest } from '@eron/shared';
import type { Outcome } from '@eron/shared/platform';
import { notifyForeignPpl } from '../record/foreign.use-cases';
import type { Ctx } from '../runtime';
import { findEstablishment } from '../structure/structure.repository';
import { actaReused, assertDetentionOrder, assertRegisteredEstablishment, initialSecurityLevel } from './admission.rules';
import { actaTaken, insertAdmission, nextEntryNumber, nextNui } from './admission.repository';

/**
 * Admission (Arts. 25–28): the order checked item by item, into a registered establishment, a new
 * intake-book entry and NUI, the record, and `ppl.admitted` with any cash carried under an act not
 * used before (CLS-10) — all in the caller's transaction.
 */
export async function admit(ctx: Ctx, body: AdmissionRequest): Promise<Outcome<Admission>> {
  assertDetentionOrder(body, bogotaToday());
  assertRegisteredEstablishment(!!(await findEstablishment(ctx.trx, body.eron)), body.eron);
  // The intake book's row lock serialises the establishment's admissions: the act check below sees
  // every admission committed before this one (and the unique index stops any it could not see).
  const entryNumber = await nextEntryNumber(ctx.trx, body.eron);
  const cashAtIntake = body.cashAtIntake ?? null;
  if (cashAtIntake && (await actaTaken(ctx.trx, body.eron, cashAtIntake.actaNumber))) throw actaReused(body.eron, cashAtIntake.actaNumber);
  const nui = await nextNui(ctx.trx);
  const securityLevel = initialSecurityLevel(body.legalStatus);
  const inserted = await insertAdmission(ctx.trx, { nui, entryNumber, securityLevel, by: ctx.actor.sub, request: body });
  if (inserted === 'acta-taken') throw actaReused(body.eron, cashAtIntake!.actaNumber);
  const { admittedAt } = inserted;
  await ctx.publish('ppl.admitted', {
    nui,
    eron: body.eron,
    legalStatus: body.legalStatus,
    sex: body.person.sex,
    admittedAt: admittedAt.toISOString(),
    cashAtIntake,
    names: body.person.names,
    surnames: body.person.surnames,
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
