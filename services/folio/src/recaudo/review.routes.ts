import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import {
  conflict,
  DepositReviewParams,
  DepositReviewRequest,
  DepositReviewResult,
  documentProblem,
  HeldDeposits,
  HeldDepositsQuery,
  notFound,
  Problem,
  ProblemError,
  type DepositReason,
} from '@eron/shared';
import { assertActsFor, audit, idempotent } from '@eron/shared/platform';
import type { Db } from '../db';
import { maskDocument, REASON_TEXT } from './deposit.rules';
import { applyReview, lockDeposit } from './review.repository';

const REVIEWERS = ['paymaster', 'director'] as const;

const badInput = (field: string, es: string, en: string) =>
  new ProblemError({
    status: 400,
    code: 'invalid-request',
    title: 'Invalid request',
    detail: { es, en },
    rule: 'FOL-06',
    errors: [{ field, message: { es, en } }],
  });

/** FOL-06: the paymaster resolves a deposit held for review; a credit passes FOL-05 and FOL-04 first. */
const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;
  app.get(
    '/api/v1/folio/recaudo/deposits',
    {
      config: { auth: { roles: REVIEWERS } },
      schema: {
        operationId: 'listHeldDeposits',
        summary: 'Deposits of an establishment held for review (FOL-06)',
        description:
          'FOL-06: the deposits whose depositor could not be known (or that came with a return reason), not yet decided, oldest first. Depositor identities are confidential and never listed (FOL-05, PLT-06).',
        querystring: HeldDepositsQuery,
        response: { 200: HeldDeposits, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      const { eron } = req.query;
      assertActsFor(req, eron);
      const { rows } = await sql<{
        id: string;
        nui: string;
        amount_cents: string;
        collection_date: string;
        channel: 'notice' | 'file';
        file_id: string | null;
        line: number | null;
        reason: DepositReason | null;
        created_at: Date;
      }>`SELECT d.id, d.nui, d.amount_cents, d.collection_date::text, d.channel, d.file_id, d.line, d.reason, d.created_at
        FROM recaudo_deposits d WHERE d.eron = ${eron} AND d.status = 'held'
          AND NOT EXISTS (SELECT 1 FROM recaudo_deposit_reviews r WHERE r.deposit_id = d.id)
        ORDER BY d.collection_date, d.id LIMIT 1000`.execute(db);
      const deposits = rows.map((d) => ({
        id: d.id,
        nui: d.nui,
        amount: Number(BigInt(d.amount_cents) / 100n),
        collectionDate: d.collection_date,
        channel: d.channel,
        fileId: d.file_id,
        line: d.line,
        reason: d.reason,
        reasonText: d.reason ? REASON_TEXT[d.reason] : null,
        receivedAt: d.created_at.toISOString(),
      }));
      return { eron, deposits };
    },
  );

  app.post(
    '/api/v1/folio/recaudo/deposits/:id/review',
    {
      config: { auth: { roles: REVIEWERS } },
      schema: {
        operationId: 'reviewHeldDeposit',
        summary: 'Credit or refund a deposit held for review (FOL-06, FOL-05, FOL-04)',
        description:
          'FOL-06: a deposit held for review is resolved once. `credit` names the depositor as the bank’s support shows; the rules then apply at that moment: the depositor must be authorised for the PPL (FOL-05) and the month of the payment must stay within the deposit cap (FOL-04) — otherwise the deposit is rejected and owed back with the reason, never credited blindly. `refund` owes it back. A deposit not held, or already decided → 409. Idempotency-Key accepted (PLT-05). Who decided, when and why are kept and audited; the depositor is shown masked.',
        params: DepositReviewParams,
        body: DepositReviewRequest,
        response: { 200: DepositReviewResult, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const b = req.body;
      if (b.decision === 'credit' && !b.depositor)
        throw badInput('/depositor', 'Para abonar hay que nombrar al consignante', 'A credit must name the depositor');
      const docProblem = b.depositor ? documentProblem(b.depositor) : null;
      if (docProblem) throw badInput('/depositor/number', docProblem, docProblem);
      const found = await db.selectFrom('recaudo_deposits').select('eron').where('id', '=', req.params.id).executeTakeFirst();
      if (!found) throw notFound({ es: 'No existe esa consignación', en: 'No such deposit' });
      assertActsFor(req, found.eron);
      return idempotent(req, reply, db, async (trx) => {
        const d = (await lockDeposit(trx, req.params.id))!;
        if (d.status !== 'held' || d.reviewed) {
          throw conflict(
            'deposit-not-held',
            {
              es: 'FOL-06: la consignación no está retenida para revisión (o ya se decidió)',
              en: 'FOL-06: the deposit is not held for review (or was already decided)',
            },
            'FOL-06',
          );
        }
        const by = req.principal.sub;
        const out = await applyReview(trx, d, { decision: b.decision, depositor: b.depositor, note: b.reason }, { by, requestId: req.id });
        await audit(trx, req, {
          action: 'recaudo.deposit.reviewed',
          entity: 'recaudo_deposit',
          entityId: d.id,
          details: { decision: b.decision, status: out.status, reason: out.reason, note: b.reason },
        });
        req.log.info({ depositId: d.id, decision: b.decision, status: out.status, reason: out.reason }, 'Held deposit reviewed');
        return {
          status: 200,
          body: {
            depositId: d.id,
            nui: d.nui,
            amount: Number(BigInt(d.amount_cents) / 100n),
            decision: b.decision,
            status: out.status,
            reason: out.reason,
            reasonText: out.reason ? REASON_TEXT[out.reason] : null,
            note: b.reason,
            depositor: b.depositor ? maskDocument(b.depositor.type, b.depositor.number) : null,
            decidedBy: by,
            decidedAt: out.decidedAt.toISOString(),
            transactionId: out.transactionId,
          },
        };
      });
    },
  );
};

export default reviewRoutes;
