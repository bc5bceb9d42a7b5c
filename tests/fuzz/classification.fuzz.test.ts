import { describeFuzz } from '@eron/shared/testing';
import { calls, DG_ONLY, startSweepWorld } from '../../services/classification/test/support/routes.world';
import { gatewayFor } from './support/edge';

/**
 * PLT-18 for classification through the gateway, from openapi/classification.json: broken bodies,
 * parameters, query strings and headers are refused with a 4xx problem and change nothing;
 * schema-valid generated input never gets a 5xx.
 */
describeFuzz({
  service: 'classification',
  start: startSweepWorld,
  edge: (w) => gatewayFor('classification', w.app),
  calls,
  nationalOnly: Object.keys(DG_ONLY),
});
