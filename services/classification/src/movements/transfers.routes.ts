import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { notFound, Problem, ruleBroken, Transfer, TransferDelayRequest, TransferOrderRequest, Uuid } from '@eron/shared';
import type { LegalStatus } from '@eron/shared';
import { assertActsFor, audit, idempotent } from '@eron/shared/platform';
import type { Db, Trx } from '../db';
import { findEstablishment } from '../structure/structure.repository';
import {
  delaysOf,
  dispatch,
  findTransfer,
  hasOpenTransfer,
  insertDelay,
  insertTransfer,
  lockPpl,
  lockTransfer,
  receive,
  transferView,
} from './movements.repository';
import { nextTransferStep, transferOrderer, transferRecipient } from './movements.rules';
import { notify } from './notify';

/** Custody at origin dispatches; at destination the gate receives (CLS-20). */
const ESCORTS = ['director', 'deputy_director', 'guard_commander'] as const;
const RECEIVERS = ['director', 'deputy_director', 'guard_commander', 'gate_officer'] as const;
const READERS = ['dg', 'regional_director', ...RECEIVERS, 'legal', 'auditor'] as const;
const Errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const IdParams = Type.Object({ id: Uuid });
const noTransfer = (id: string) => notFound({ es: `No existe el traslado ${id}`, en: `No transfer ${id}` });

const wrongStep = (step: keyof typeof nextTransferStep, status: string) =>
  ruleBroken('CLS-20', 'Arts. 171, 178', {
    es: `El traslado está en estado ${status}: no admite ${step === 'dispatch' ? 'la remisión' : step === 'delay' ? 'una demora' : 'el recibo'}`,
    en: `The transfer is ${status}: it does not allow ${step}`,
  });

const transferRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;

  /** Locks the transfer, checks the caller acts for the side that moves and that the step fits. */
  async function step(
    trx: Trx,
    id: string,
    name: keyof typeof nextTransferStep,
    eronOf: (t: { from_eron: string; to_eron: string }) => string,
    req: Parameters<typeof assertActsFor>[0],
  ) {
    const t = await lockTransfer(trx, id);
    if (!t) throw noTransfer(id);
    assertActsFor(req, eronOf(t));
    if (!nextTransferStep[name].includes(t.status)) throw wrongStep(name, t.status);
    return t;
  }
  const view = async (trx: Db | Trx, t: Parameters<typeof transferView>[0]) => transferView(t, await delaysOf(trx, t.id));

  app.post(
    '/api/v1/classification/transfers',
    {
      config: { auth: { roles: ['dg', 'regional_director'] } },
      schema: {
        operationId: 'orderTransfer',
        summary: 'Order a transfer to another establishment (CLS-20)',
        description:
          'Art. 171: the DG, or a regional director with the DG’s delegation (field `delegation`) between establishments of their region. Reasons are required. ' +
          'The judge supervising a sentence, or the authority at whose disposal a pre-trial or extradition PPL is, is notified (`notification.requested`). Idempotency-Key (PLT-05).',
        body: TransferOrderRequest,
        response: { 201: Transfer, ...Errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const sent = await idempotent(req, reply, db, async (trx) => {
        const ppl = await lockPpl(trx, b.nui);
        if (!ppl) throw notFound({ es: `No existe la PPL ${b.nui}`, en: `No PPL ${b.nui}` });
        const who = transferOrderer(req.principal, ppl.eron, b.toEron, b.delegation);
        if ('refused' in who) throw ruleBroken('CLS-20', 'Art. 171', who.refused, { status: who.status });
        if (ppl.status !== 'admitted' || (await hasOpenTransfer(trx, ppl.nui))) {
          throw ruleBroken('CLS-20', 'Art. 171', {
            es: `La PPL no puede trasladarse: estado ${ppl.status} o con un traslado en curso`,
            en: `The PPL cannot be transferred: status ${ppl.status} or a transfer already under way`,
          });
        }
        if (ppl.eron === b.toEron || !(await findEstablishment(trx, b.toEron))) {
          throw ruleBroken('CLS-20', 'Art. 171', {
            es: `El destino ${b.toEron} no es otro establecimiento existente`,
            en: `Destination ${b.toEron} is not another existing establishment`,
          });
        }
        const t = await insertTransfer(trx, { nui: ppl.nui, fromEron: ppl.eron, as: who.as, by: req.principal.sub }, b);
        await notify(app, trx, req, [transferRecipient(ppl.legal_status as LegalStatus)], 'transfer-ordered', ppl.eron, ppl.nui);
        await audit(trx, req, {
          action: 'order-transfer',
          entity: 'transfer',
          entityId: t.id,
          details: { nui: t.nui, from: t.from_eron, to: t.to_eron },
        });
        return { status: 201, body: await view(trx, t) };
      });
      app.outbox.kick();
      return sent;
    },
  );

  app.post(
    '/api/v1/classification/transfers/:id/dispatch',
    {
      config: { auth: { roles: ESCORTS } },
      schema: {
        operationId: 'dispatchTransfer',
        summary: 'The origin hands the PPL over for the transfer: placement ends, in transit (CLS-20)',
        params: IdParams,
        response: { 200: Transfer, ...Errors },
      },
    },
    async (req, reply) =>
      idempotent(req, reply, db, async (trx) => {
        const t = await step(trx, req.params.id, 'dispatch', (x) => x.from_eron, req);
        await lockPpl(trx, t.nui);
        const done = await dispatch(trx, t, req.principal.sub);
        await audit(trx, req, { action: 'dispatch-transfer', entity: 'transfer', entityId: t.id, details: { nui: t.nui } });
        return { status: 200, body: await view(trx, done) };
      }),
  );

  app.post(
    '/api/v1/classification/transfers/:id/delay',
    {
      config: { auth: { roles: ESCORTS } },
      schema: {
        operationId: 'delayTransfer',
        summary: 'Record a force-majeure delay of a transfer, reported to the DG (CLS-20, Art. 178 §1)',
        params: IdParams,
        body: TransferDelayRequest,
        response: { 200: Transfer, ...Errors },
      },
    },
    async (req) => {
      const out = await db.transaction().execute(async (trx) => {
        const t = await step(trx, req.params.id, 'delay', (x) => x.from_eron, req);
        await insertDelay(trx, t.id, req.body, req.principal.sub);
        await notify(app, trx, req, ['dg'], 'transfer-delayed', t.from_eron, t.nui);
        await audit(trx, req, { action: 'delay-transfer', entity: 'transfer', entityId: t.id, details: { cause: req.body.cause } });
        return view(trx, t);
      });
      app.outbox.kick();
      return out;
    },
  );

  app.post(
    '/api/v1/classification/transfers/:id/reception',
    {
      config: { auth: { roles: RECEIVERS } },
      schema: {
        operationId: 'receiveTransfer',
        summary: 'The destination receives the PPL: the person now belongs to it; `ppl.transferred` (CLS-20)',
        description: 'The person arrives without a cell: the destination’s board places them (CLS-12). Idempotency-Key (PLT-05).',
        params: IdParams,
        response: { 200: Transfer, ...Errors },
      },
    },
    async (req, reply) => {
      const sent = await idempotent(req, reply, db, async (trx) => {
        const t = await step(trx, req.params.id, 'reception', (x) => x.to_eron, req);
        await lockPpl(trx, t.nui);
        const done = await receive(trx, t, req.principal.sub);
        await app.publish(trx, 'ppl.transferred', { nui: t.nui, transferId: t.id, fromEron: t.from_eron, toEron: t.to_eron }, req.id);
        await audit(trx, req, { action: 'receive-transfer', entity: 'transfer', entityId: t.id, details: { nui: t.nui } });
        return { status: 200, body: await view(trx, done) };
      });
      app.outbox.kick();
      return sent;
    },
  );

  app.get(
    '/api/v1/classification/transfers/:id',
    {
      config: { auth: { roles: READERS } },
      schema: {
        operationId: 'getTransfer',
        summary: 'A transfer with its delays (CLS-20)',
        params: IdParams,
        response: { 200: Transfer, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const t = await findTransfer(db, req.params.id);
      if (!t) throw noTransfer(req.params.id);
      if (!req.principal.national && !req.principal.erons.includes(t.from_eron)) assertActsFor(req, t.to_eron);
      return view(db, t);
    },
  );
};

export default transferRoutes;
