import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { notFound, Problem, ReversalRequest, ruleBroken, Uuid } from '@eron/shared';
import { assertActsFor, audit, idempotent } from '@eron/shared/platform';
import type { Db } from '../db';
import { reverseUse } from './spend.repository';

const Reversed = Type.Object({ transactionId: Uuid, reversalId: Uuid });

const reversalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/folio/uses/:transactionId/reversal',
    {
      config: { auth: { roles: ['paymaster', 'director'] } },
      schema: {
        operationId: 'reverseUse',
        summary: 'Corrects a use of the Folio by a reversing transaction (FOL-02, FOL-07)',
        description:
          'FOL-02: nothing is edited; the mirror transaction names the one it reverses, at most once. FOL-07: the day’s and ' +
          'month’s spending give back what the use took. Phone credit is settled with the provider (FOL-10), not here.',
        params: Type.Object({ transactionId: Uuid }),
        body: ReversalRequest,
        response: { 201: Reversed, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const db = app.db as Db;
      const use = await db
        .selectFrom('spend_uses')
        .select(['nui', 'eron', 'use'])
        .where('tx_id', '=', req.params.transactionId)
        .executeTakeFirst();
      if (!use) throw notFound({ es: 'No existe ese uso del Folio', en: 'No such use of the Folio' });
      assertActsFor(req, use.eron);
      if (use.use === 'phone_credit') {
        throw ruleBroken('FOL-10', 'Art. 41.3', {
          es: 'La recarga telefónica se confirma o libera con el proveedor',
          en: 'Phone credit is confirmed or released with the provider',
        });
      }
      return idempotent(req, reply, db, async (trx) => {
        // Locked in the exit's order (Folio, then account): once the exit settled the balance, nothing may land in it.
        const folio = await trx.selectFrom('folios').select('status').where('nui', '=', use.nui).forUpdate().executeTakeFirst();
        if (folio?.status !== 'open') {
          throw ruleBroken(
            'FOL-14',
            'Art. 41 §',
            {
              es: 'El Folio está cerrado: su saldo se liquidó a la salida y el uso ya no se puede reversar',
              en: 'The Folio is closed: its balance was settled on exit and the use can no longer be reversed',
            },
            { code: 'folio-closed' },
          );
        }
        const { reversal } = await reverseUse(trx, {
          txId: req.params.transactionId,
          reason: req.body.reason,
          createdBy: req.principal.sub,
          requestId: req.id,
        });
        await audit(trx, req, { action: 'reverse-use', entity: 'ledger_transaction', entityId: req.params.transactionId });
        return { status: 201, body: { transactionId: req.params.transactionId, reversalId: reversal } };
      });
    },
  );
};

export default reversalRoutes;
