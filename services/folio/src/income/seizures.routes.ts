import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, ruleBroken, Seizure, SeizureRequest } from '@eron/shared';
import { assertActsFor, audit, idempotent } from '@eron/shared/platform';
import type { Db } from '../db';
import { bookSeizure } from './income.repository';
import { openFolioInScope } from './work-pay.routes';

const ownerEither = () =>
  ruleBroken(
    'FOL-12',
    'Art. 44',
    {
      es: 'Indique la PPL que tenía el dinero (nui) o que el dueño no se pudo establecer (ownerUnknown)',
      en: 'Give the holder (nui) or ownerUnknown, not both',
    },
    { status: 400, code: 'seizure-owner', errors: [{ field: '/nui', message: { es: 'nui u ownerUnknown', en: 'nui or ownerUnknown' } }] },
  );

const seizuresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db as Db;
  app.post(
    '/api/v1/folio/seizures',
    {
      config: { auth: { roles: ['paymaster', 'director'] } },
      schema: {
        operationId: 'recordSeizure',
        summary: 'Record cash seized in a search (FOL-12)',
        description:
          'FOL-12, Art. 44: cash found on a known PPL is recorded against them (seized account) and returned in full at release; ' +
          'cash whose owner cannot be established goes to the establishment’s unknown-owner account. Accepts Idempotency-Key (PLT-05).',
        body: SeizureRequest,
        response: { 201: Seizure, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const b = req.body;
      if ((b.nui === undefined) === (b.ownerUnknown === undefined)) throw ownerEither();
      assertActsFor(req, b.eron);
      return idempotent(req, reply, db, async (trx) => {
        if (b.nui) {
          const folio = await openFolioInScope(trx, req, b.nui, 'FOL-12', 'Art. 44');
          if (folio.eron !== b.eron) {
            throw ruleBroken('FOL-12', 'Art. 44', {
              es: `La PPL ${b.nui} no está en ${b.eron}`,
              en: `PPL ${b.nui} is not held at ${b.eron}`,
            });
          }
        }
        const seen = await trx
          .selectFrom('ledger_transactions')
          .select('id')
          .where('kind', 'in', ['seizure', 'seizure_unknown_owner'])
          .where('reference', '=', `${b.eron}/${b.actaNumber}`)
          .executeTakeFirst();
        if (seen)
          throw ruleBroken(
            'FOL-12',
            'Art. 44',
            { es: `El acta ${b.actaNumber} ya se registró`, en: `Acta ${b.actaNumber} is already recorded` },
            { status: 409, code: 'seizure-acta-recorded' },
          );
        const nui = b.nui ?? null;
        const transactionId = await bookSeizure(trx, {
          eron: b.eron,
          nui,
          amount: b.amount,
          acta: b.actaNumber,
          by: req.principal.sub,
          requestId: req.id,
        });
        await audit(trx, req, {
          action: 'record-seizure',
          entity: 'ledger_transaction',
          entityId: transactionId,
          details: { nui, amount: b.amount },
        });
        const account = nui ? ('ppl_seized' as const) : ('unknown_owner_cash' as const);
        return { status: 201, body: { transactionId, eron: b.eron, amount: b.amount, nui, account } };
      });
    },
  );
};

export default seizuresRoutes;
