import { describeFuzz } from '@eron/shared/testing';
import { calls, startSweepWorld } from '../../services/discipline/test/support/routes.world';
import { gatewayFor } from './support/edge';

/**
 * PLT-18 for discipline through the gateway, from openapi/discipline.json: broken bodies,
 * parameters, query strings and headers are refused with a 4xx problem and change nothing;
 * schema-valid generated input never gets a 5xx.
 */
describeFuzz({
  service: 'discipline',
  start: startSweepWorld,
  edge: (w) => gatewayFor('discipline', w.app),
  calls,
  publicRoutes: ['GET /api/v1/discipline/public/certificates/{code}'],
});
