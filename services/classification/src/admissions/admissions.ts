import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bogotaToday, ruleBroken, type Admission, type AdmissionRequest } from '@eron/shared';
import { assertActsFor, audit, type Outcome } from '@eron/shared/platform';
import type { Trx } from '../db';
import { notifyForeignPpl } from '../record/foreign';
import { detentionOrderProblems, initialSecurityLevel } from './admission.rules';
import { insertAdmission, nextEntryNumber, nextNui } from './admission.repository';

/** Refuses an admission the regulation does not allow, listing every failing item (CLS-03). */
export function checkAdmission(req: FastifyRequest, body: AdmissionRequest): void {
  assertActsFor(req, body.eron);
  const problems = detentionOrderProblems(body, bogotaToday());
  if (problems.length > 0) {
    throw ruleBroken(
      'CLS-03',
      'Arts. 25, 27',
      {
        es: `La orden de detención no permite el ingreso: ${problems.length} ítem(s) faltan o no son válidos`,
        en: `The detention order does not allow admission: ${problems.length} item(s) missing or invalid`,
      },
      { errors: problems, code: 'detention-order-incomplete' },
    );
  }
}

/**
 * Admission (Arts. 25–28): a new NUI and intake-book entry, the record, and `ppl.admitted` with
 * any cash carried (CLS-10) — all in one transaction with its outbox row.
 */
export async function admit(app: FastifyInstance, req: FastifyRequest, trx: Trx, body: AdmissionRequest): Promise<Outcome<Admission>> {
  const nui = await nextNui(trx);
  const entryNumber = await nextEntryNumber(trx, body.eron);
  const securityLevel = initialSecurityLevel(body.legalStatus);
  const { admittedAt } = await insertAdmission(trx, { nui, entryNumber, securityLevel, by: req.principal.sub, request: body });
  const cashAtIntake = body.cashAtIntake ?? null;
  await app.publish(
    trx,
    'ppl.admitted',
    { nui, eron: body.eron, legalStatus: body.legalStatus, sex: body.person.sex, admittedAt: admittedAt.toISOString(), cashAtIntake },
    req.id,
  );
  if (body.person.nationality !== 'CO')
    await notifyForeignPpl(app, req, trx, { nui, eron: body.eron, nationality: body.person.nationality });
  await audit(trx, req, { action: 'admit', entity: 'ppl', entityId: nui, details: { eron: body.eron, entryNumber } });
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
