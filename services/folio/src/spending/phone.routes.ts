import { createHash, randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { bogotaToday, conflict, PhoneCredit, PhoneCreditRequest, Problem, ProblemError, ruleBroken } from '@eron/shared';
import { IDEMPOTENCY_HEADER } from '@eron/shared/platform';
import { confirmCredit, holdCredit, releaseCredit } from './phone.repository';
import { refusal, standing } from './spend.rules';
import { runtime } from '../runtime';
import { cancel, recharge } from './telephony.client';

type CreditRow = { id: string; nui: string; amount: number; status: 'held' | 'confirmed' | 'released'; provider_tx: string | null };
const view = (r: CreditRow) => ({ id: r.id, nui: r.nui, amount: r.amount, status: r.status, providerTransactionId: r.provider_tx });

const notLoaded = (reason: string) =>
  new ProblemError({
    status: 502,
    code: 'fol-10-not-confirmed',
    title: 'Rule FOL-10: phone credit not confirmed',
    rule: 'FOL-10',
    article: 'Art. 41.3',
    detail: {
      es: `El proveedor no confirmó la recarga (${reason}); no se cobró nada a la PPL`,
      en: `The provider did not confirm the credit (${reason}); the PPL was not charged`,
    },
  });

/**
 * Phone credit (FOL-10): hold → provider → confirm or release. The hold is committed before the
 * provider is called, so no account lock is held across the network; the Idempotency-Key (or a fresh
 * id) is the request key, and our id is the provider reference it deduplicates on.
 */
const phoneRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/folio/phone-credits',
    {
      config: { auth: { roles: ['shop_clerk', 'paymaster'] } },
      schema: {
        operationId: 'buyPhoneCredit',
        summary: 'Phone credit bought through the telephony provider (FOL-10, FOL-07)',
        description:
          'FOL-10 (Arts. 41.3, 63): money held first (counts toward the FOL-07 caps), then the provider is called; ' +
          'the PPL is charged only for credit it confirms; error or timeout → released, 502. Idempotency-Key (PLT-05).',
        body: PhoneCreditRequest,
        response: { 201: PhoneCredit, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 502: Problem },
      },
    },
    async (req, reply) => {
      const { db, config: settings } = runtime(app);
      const { nui, line, amount } = req.body;
      const given = req.headers[IDEMPOTENCY_HEADER];
      const key = `${req.principal.sub} ${typeof given === 'string' ? given : randomUUID()}`;
      const hash = createHash('sha256').update(JSON.stringify(req.body)).digest('hex');
      const seen = await db.selectFrom('phone_credits').selectAll().where('request_key', '=', key).executeTakeFirst();
      if (seen) return reply.code(201).send(replay(seen, hash));
      const id = randomUUID();
      const held = await db
        .transaction()
        .execute(async (trx) => {
          const o = await holdCredit(trx, {
            id,
            requestKey: key,
            requestHash: hash,
            nui,
            erons: req.principal.national ? null : req.principal.erons,
            line,
            amount,
            date: bogotaToday(),
            by: req.principal.sub,
            requestId: req.id,
          });
          if (o.outcome !== 'ok') throw refusal(o, nui, amount);
          return o;
        })
        .catch((err: { code?: string }) => {
          if (err.code === '23505')
            throw conflict(
              'phone-credit-in-flight',
              { es: 'Esta solicitud ya está en curso', en: 'This request is already in flight' },
              'PLT-05',
            );
          throw err;
        });
      const answer = await recharge(settings, { reference: id, line, amount });
      if (answer.ok) {
        const row = await db
          .transaction()
          .execute((trx) => confirmCredit(trx, id, answer.providerTransactionId, req.principal.sub, req.id));
        return reply.code(201).send({ ...view(row), after: standing(held) });
      }
      await cancel(settings, id);
      const released = await db.transaction().execute((trx) => releaseCredit(trx, id, answer.reason, req.principal.sub, req.id));
      if (released.owedTo)
        req.log.info({ creditId: id, nui, owedTo: released.owedTo }, 'FOL-10 phone credit released after the exit, owed with it');
      throw notLoaded(answer.reason);
    },
  );

  function replay(seen: CreditRow & { request_hash: string; failure: string | null }, hash: string) {
    if (seen.request_hash !== hash) {
      throw ruleBroken(
        'PLT-05',
        'PLT-05',
        { es: 'Esta Idempotency-Key ya se usó con otro cuerpo', en: 'This Idempotency-Key was already used with another body' },
        { code: 'idempotency-key-reused' },
      );
    }
    if (seen.status === 'held')
      throw conflict(
        'phone-credit-in-flight',
        { es: 'Esta solicitud ya está en curso', en: 'This request is already in flight' },
        'PLT-05',
      );
    if (seen.status === 'released') throw notLoaded(seen.failure ?? 'released');
    return view(seen);
  }
};

export default phoneRoutes;
