import { signedHeaders } from '@eron/shared/platform';
import { bearer, describeRouteSweep, expectMachineRefusals } from '@eron/shared/testing';
import { BANK, calls, NOTIFIER, startSweepWorld, VIDEO, type Fixtures } from './support/routes.world';
import { specialPlaceholder } from './support/special.routes';

const placeholder: Fixtures = {
  nui: '1000001',
  unitId: '00000000-0000-4000-8000-000000000000',
  proposalId: '',
  visitorId: '',
  areaId: '',
  bookingId: '',
  date: '',
  ...specialPlaceholder,
};

const isLookup = (path: string): boolean => path.startsWith('/api/v1/visits/visitor-contacts/');
const clientOf = (path: string) => (isLookup(path) ? NOTIFIER : VIDEO);

/**
 * PLT-03, PLT-04, PLT-18: every route the visits service documents in its OpenAPI refuses callers
 * without credentials, without the role, or acting for another establishment, and answers fuzzed
 * bodies, parameters and headers with a 4xx problem — and none of it changes the database.
 */
describeRouteSweep({
  service: 'visits',
  start: startSweepWorld,
  calls,
  placeholder,
  // National roles keep their national tokens; only the roles scoped to establishments are narrowed to 114.
  crossEstablishment: 'local-roles',
  // The video provider's session webhook (VIS-17) and the notifier's contact lookup (VIS-10): each signed
  // by its client, refused to every other client and to staff tokens.
  machine: {
    sign: (body, to) => signedHeaders(clientOf(to.path), { ...to, body }),
    refusals: (app, r, c) =>
      expectMachineRefusals(app, r, c, {
        client: clientOf(r.path),
        otherClient: BANK,
        staff: bearer(['visits_officer', 'dg'], ['113']),
        tamper: (raw) => (isLookup(r.path) ? raw.replace('"visitorId":', '"visitorId" :') : raw.replace('started', 'ended')),
      }),
  },
  publicRoutes: { 'GET /api/v1/visits/public/units/{unitId}/calendar': 'each unit’s visiting schedule is public (Art. 68)' },
});
