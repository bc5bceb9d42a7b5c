import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Problem, Reconciliation, ReconciliationQuery } from '@eron/shared';
import { assertActsFor } from '@eron/shared/platform';
import { RECONCILIATION_READERS } from '../roles';
import { runtime } from '../runtime';
import { agreementOf } from './recaudo.config';
import { reconcile } from './reconciliation.use-cases';

/** FOL-17 (deposits part): the bank reconciliation of one establishment, day by day. */
const reconciliationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/folio/recaudo/reconciliation',
    {
      config: { auth: { roles: RECONCILIATION_READERS } },
      schema: {
        operationId: 'getRecaudoReconciliation',
        'x-rules': ['FOL-17', 'FOL-04', 'FOL-05', 'FOL-06'],
        summary: 'Bank deposits by business day: files, credited, rejected, held, owed back (FOL-17)',
        description:
          'FOL-17, FOL-06: per calendar day of the range (Colombian business days flagged), the collection files received, whether a past business day still has no file, and the establishment’s deposits credited, rejected (owed back, FOL-04/FOL-05) and held for review; apart, the lines of its officers’ uploads booked on the national account (held for the national office because they name another establishment’s PPL, or naming no Folio), by day and line without the NUI, so every line of its files is accounted for once.',
        querystring: ReconciliationQuery,
        response: { 200: Reconciliation, 400: Problem, 401: Problem, 403: Problem, 422: Problem },
      },
    },
    async (req) => {
      assertActsFor(req, req.query.eron);
      return reconcile(runtime(app).reader(req), { ...req.query, nationalEron: agreementOf(runtime(app).config).nationalEron });
    },
  );
};

export default reconciliationRoutes;
