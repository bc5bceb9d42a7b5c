import { describeRouteSweep } from '@eron/shared/testing';
import { conductPlaceholder } from './support/conduct.routes';
import { calls, placeholders, startSweepWorld, type Fixtures } from './support/routes.world';

const placeholder: Fixtures = {
  nui: '1000001',
  complaintId: '00000000-0000-4000-8000-000000000000',
  ...conductPlaceholder,
  jeteeMemberId: '00000000-0000-4000-8000-000000000000',
  jeteeSessionId: '00000000-0000-4000-8000-000000000000',
  programmeId: '00000000-0000-4000-8000-000000000000',
  orderId: '00000000-0000-4000-8000-000000000000',
  computationId: '00000000-0000-4000-8000-000000000000',
  computationCode: 'RC-0000000000',
  councilSession: '00000000-0000-4000-8000-000000000000',
  councilMembers: [],
  councilRep: '1000002',
  councilAlt: '1000003',
  ...placeholders,
};

/**
 * PLT-03, PLT-04, PLT-18: every route the discipline service documents in its OpenAPI refuses
 * callers without credentials, without the role, or acting for another establishment, and answers
 * fuzzed bodies, parameters and headers with a 4xx problem — and none of it changes the database.
 */
describeRouteSweep({
  service: 'discipline',
  start: startSweepWorld,
  calls,
  placeholder,
  crossEstablishment: 'local-roles',
  publicRoutes: {
    'GET /api/v1/discipline/public/certificates/{code}':
      'DIS-17, DIS-24: anyone checks a discipline document’s code; only validity, kind, date and establishment',
  },
});
