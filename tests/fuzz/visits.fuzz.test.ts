import { signedHeaders } from '@eron/shared/platform';
import { describeFuzz } from '@eron/shared/testing';
import { BANK, calls, NOTIFIER, startSweepWorld, VIDEO } from '../../services/visits/test/support/routes.world';
import { gatewayFor } from './support/edge';

const clientOf = (path: string) => (path.startsWith('/api/v1/visits/visitor-contacts/') ? NOTIFIER : VIDEO);

/**
 * PLT-18 for visits through the gateway, from openapi/visits.json: broken bodies, parameters,
 * query strings and headers are refused with a 4xx problem and change nothing; schema-valid
 * generated input never gets a 5xx.
 */
describeFuzz({
  service: 'visits',
  start: startSweepWorld,
  edge: (w) =>
    gatewayFor(
      'visits',
      w.app,
      `${VIDEO.keyId}:video_provider:${VIDEO.secret},${BANK.keyId}:bank:${BANK.secret},${NOTIFIER.keyId}:notifier:${NOTIFIER.secret}`,
    ),
  calls,
  sign: (body, to) => signedHeaders(clientOf(to.path), { ...to, body }),
  publicRoutes: ['GET /api/v1/visits/public/units/{unitId}/calendar'],
});
