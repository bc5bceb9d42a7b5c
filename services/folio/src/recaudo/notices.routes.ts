import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bogotaToday, DepositNotice, DepositNoticeResult, documentProblem, Problem, ProblemError } from '@eron/shared';
import { idempotent } from '@eron/shared/platform';
import type { Db } from '../db';
import { processDeposits } from './deposit.repository';
import { depositKey, REASON_TEXT } from './deposit.rules';
import type { Agreement } from './recaudo.config';

/** FOL-06 (a): the bank's signed real-time notice of one deposit. */
const noticesRoutes: FastifyPluginAsyncTypebox<{ agreement: () => Agreement }> = async (app, { agreement }) => {
  const db = app.db as Db;
  app.post(
    '/api/v1/folio/recaudo/deposits',
    {
      config: { auth: { machine: ['bank'] } },
      schema: {
        operationId: 'notifyDeposit',
        summary: 'The bank notifies one deposit in real time (FOL-06 a)',
        description:
          'FOL-06 (a): HMAC-signed by the bank over the raw body and a timestamp (replays outside 5 minutes and bad signatures → 401). The operation number is the idempotency key: a deposit is credited once however often it is sent. FOL-04: over the monthly cap → rejected and owed back; FOL-05: depositor not authorised → rejected and owed back.',
        body: DepositNotice,
        response: {
          201: DepositNoticeResult,
          200: DepositNoticeResult,
          400: Problem,
          401: Problem,
          403: Problem,
          409: Problem,
          422: Problem,
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const docProblem = documentProblem(b.depositor);
      if (docProblem) {
        throw new ProblemError({
          status: 400,
          code: 'invalid-request',
          title: 'Invalid request',
          detail: { es: 'Documento del consignante inválido', en: 'Invalid depositor document' },
          rule: 'PLT-04',
          errors: [{ field: '/depositor/number', message: { es: docProblem, en: docProblem } }],
        });
      }
      const collectionDate = bogotaToday(new Date(b.paidAt));
      const amountCents = BigInt(b.amount) * 100n;
      const key = depositKey({
        bankCode: b.bankCode,
        operationNumber: b.operationNumber,
        collectionDate,
        branch: '',
        reference: b.nui,
        amountCents,
        sequence: '',
      });
      return idempotent(req, reply, db, async (trx) => {
        const [r] = await processDeposits(
          trx,
          [
            {
              key,
              channel: 'notice',
              nui: b.nui,
              amountCents,
              collectionDate,
              returnReason: '',
              depositor: b.depositor,
              bankCode: b.bankCode,
              fileId: null,
              line: null,
            },
          ],
          { createdBy: `bank:${req.principal.sub}`, requestId: req.id, nationalEron: agreement().nationalEron },
        );
        req.log.info({ depositId: r!.depositId, result: r!.outcome, reason: r!.reason }, 'Deposit notice');
        return {
          status: r!.outcome === 'duplicate' ? 200 : 201,
          body: {
            depositId: r!.depositId,
            result: r!.outcome,
            status: r!.status,
            reason: r!.reason,
            reasonText: r!.reason ? REASON_TEXT[r!.reason] : null,
            amount: b.amount,
          },
        };
      });
    },
  );
};

export default noticesRoutes;
