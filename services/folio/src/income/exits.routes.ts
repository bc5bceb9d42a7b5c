import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  conflict,
  documentProblem,
  notFound,
  Nui,
  Payout,
  PayoutPaymentRequest,
  Problem,
  ruleBroken,
  Settlement,
  SettlementPayment,
  SettlementPaymentRequest,
  SmallRemainderRequest,
  Uuid,
} from '@eron/shared';
import { assertActsFor, audit, idempotent } from '@eron/shared/platform';
import { ACCOUNT_READERS } from '../roles';
import type { Db } from '../db';
import { exitsOf, lockPayout, lockSettlement, paySettlement, settlePayout } from './exits.repository';
import { isSmallRemainder } from './income.rules';
import { lockFolio } from './income.repository';

const IdParams = Type.Object({ id: Uuid });
const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const missing = (what: string, id: string) => notFound({ es: `No existe ${what} ${id}`, en: `No ${what} ${id}` });
const alreadyPaid = () => conflict('already-paid', { es: 'Ya se entregó', en: 'Already paid' }, 'FOL-14');
const small = (es: string, en: string, field?: string) =>
  ruleBroken('FOL-14', 'Art. 41 §', { es, en }, field ? { errors: [{ field, message: { es, en } }] } : {});

const exitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  app.get(
    '/api/v1/folio/accounts/:nui/exit-settlements',
    {
      config: { auth: { roles: ACCOUNT_READERS } },
      schema: {
        operationId: 'getExitSettlements',
        summary: 'What the exit left owed: payouts and held settlements (FOL-14, FOL-15)',
        description: 'FOL-14 payouts on release or house arrest; FOL-15 balances held on death, escape or extradition.',
        params: Type.Object({ nui: Nui }),
        response: {
          200: Type.Object({ payouts: Type.Array(Payout), settlements: Type.Array(Settlement) }),
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
        },
      },
    },
    async (req) => {
      const folio = await db.selectFrom('folios').select('eron').where('nui', '=', req.params.nui).executeTakeFirst();
      if (!folio) throw missing('Folio', req.params.nui);
      assertActsFor(req, folio.eron);
      return exitsOf(db, req.params.nui);
    },
  );

  app.post(
    '/api/v1/folio/payouts/:id/payment',
    {
      config: { auth: { roles: ['paymaster'] } },
      schema: {
        operationId: 'payPayout',
        summary: 'The paymaster hands the exit balance to the person (FOL-14)',
        description:
          'FOL-14, Art. 41 §: what remains, at once — the whole balance, or what reached the payout after it was paid (a phone ' +
          'credit released after the exit). A remainder under $1 000 needs the Director instead. Idempotency-Key (PLT-05).',
        params: IdParams,
        body: PayoutPaymentRequest,
        response: { 200: Payout, ...Errors },
      },
    },
    async (req, reply) =>
      idempotent(req, reply, db, async (trx) => {
        const p = await lockPayout(trx, req.params.id);
        if (!p) throw missing('pago de salida', req.params.id);
        assertActsFor(req, p.eron);
        if (p.status !== 'due') throw alreadyPaid();
        if (isSmallRemainder(p.amount - p.paid)) {
          throw small(
            'Saldo menor de $1 000: requiere la aprobación del Director',
            'Remainder under $1 000: needs the Director’s approval',
          );
        }
        const reference = `${req.body.method} ${req.body.reference}`;
        const body = await settlePayout(trx, p, { as: 'payment', reference, by: req.principal.sub, requestId: req.id });
        await audit(trx, req, {
          action: 'pay-payout',
          entity: 'payout',
          entityId: p.id,
          details: { amount: p.amount - p.paid, method: req.body.method },
        });
        return { status: 200, body };
      }),
  );

  app.post(
    '/api/v1/folio/payouts/:id/small-remainder',
    {
      config: { auth: { roles: ['director'] } },
      schema: {
        operationId: 'settleSmallRemainder',
        summary: 'The Director approves how a remainder under $1 000 is delivered (FOL-14)',
        description:
          'FOL-14, Art. 41 §: under $1 000 the balance is handed in cash by the paymaster or moved to the Folio of another PPL the ' +
          'person names (open, same establishment), with the Director’s approval. Idempotency-Key (PLT-05).',
        params: IdParams,
        body: SmallRemainderRequest,
        response: { 200: Payout, ...Errors },
      },
    },
    async (req, reply) =>
      idempotent(req, reply, db, async (trx) => {
        const b = req.body;
        const p = await lockPayout(trx, req.params.id);
        if (!p) throw missing('pago de salida', req.params.id);
        assertActsFor(req, p.eron);
        if (p.status !== 'due') throw alreadyPaid();
        if (!isSmallRemainder(p.amount - p.paid)) {
          throw small(
            'El saldo no es menor de $1 000: se entrega completo a la persona',
            'Not under $1 000: the whole balance goes to the person',
          );
        }
        if (b.choice === 'folio') {
          if (!b.toNui || b.toNui === p.nui) throw small('Indique el NUI de otra PPL', 'Give another PPL’s NUI', '/toNui');
          const target = await lockFolio(trx, b.toNui);
          if (!target || target.status !== 'open' || target.eron !== p.eron) {
            throw small(
              'La PPL nombrada no tiene un Folio abierto en este establecimiento',
              'The named PPL has no open Folio here',
              '/toNui',
            );
          }
        } else if (b.toNui) throw small('toNui solo con choice=folio', 'toNui only with choice=folio', '/toNui');
        const how = { as: b.choice, toNui: b.toNui, reference: b.approval, approval: b.approval, by: req.principal.sub, requestId: req.id };
        const body = await settlePayout(trx, p, how);
        await audit(trx, req, {
          action: 'approve-small-remainder',
          entity: 'payout',
          entityId: p.id,
          details: { amount: p.amount - p.paid, choice: b.choice, toNui: b.toNui },
        });
        return { status: 200, body };
      }),
  );

  app.post(
    '/api/v1/folio/settlements/:id/payments',
    {
      config: { auth: { roles: ['paymaster'] } },
      schema: {
        operationId: 'paySettlement',
        summary: 'Pay a held settlement to a person the PPL authorised (FOL-15)',
        description:
          'FOL-15, Arts. 41 § and 123: on death, escape or extradition the balance is held and paid to whom the PPL authorised; ' +
          'several payments up to the amount held. The beneficiary’s identity is confidential. Idempotency-Key (PLT-05).',
        params: IdParams,
        body: SettlementPaymentRequest,
        response: { 201: SettlementPayment, ...Errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const docProblem = documentProblem(b.beneficiary.document);
      if (docProblem) {
        throw ruleBroken(
          'FOL-15',
          'Art. 123',
          { es: 'Documento no válido', en: docProblem },
          {
            status: 400,
            errors: [{ field: '/beneficiary/document/number', message: { es: 'documento no válido', en: docProblem } }],
          },
        );
      }
      return idempotent(req, reply, db, async (trx) => {
        const s = await lockSettlement(trx, req.params.id);
        if (!s) throw missing('liquidación', req.params.id);
        assertActsFor(req, s.eron);
        if (b.amount > s.amount - s.paid) {
          throw ruleBroken(
            'FOL-15',
            'Art. 123',
            { es: `Quedan ${s.amount - s.paid} por pagar`, en: `Only ${s.amount - s.paid} is left to pay` },
            {
              errors: [{ field: '/amount', message: { es: 'mayor que lo retenido', en: 'more than held' } }],
            },
          );
        }
        const document = `${b.beneficiary.document.type} ${b.beneficiary.document.number}`;
        const pay = {
          amount: b.amount,
          document,
          names: b.beneficiary.names,
          authorisation: b.authorisationReference,
          by: req.principal.sub,
          requestId: req.id,
        };
        const body = await paySettlement(trx, s, pay);
        await audit(trx, req, {
          action: 'pay-settlement',
          entity: 'settlement',
          entityId: s.id,
          details: { amount: b.amount, paymentId: body.id },
        });
        return { status: 201, body };
      });
    },
  );
};

export default exitsRoutes;
