import { describeRouteSweep } from '@eron/shared/testing';
import { calls, DG_ONLY, startSweepWorld, type Fixtures } from './support/routes.world';

const placeholder: Fixtures = {
  nui: '',
  unitId: '',
  cellId: '',
  sessionId: '',
  cellChangeId: '',
  outgoingId: '',
  incomingId: '',
  motherNui: '',
  childRequestId: '',
  recipientId: '',
  notificationId: '',
};

/**
 * PLT-03, PLT-04, PLT-18: every route the classification service documents in its OpenAPI refuses
 * callers without credentials, without the role, or acting for another establishment (and, where
 * the DG alone decides, every caller without national scope), and answers fuzzed bodies,
 * parameters and headers with a 4xx problem — and none of it changes the database.
 */
describeRouteSweep({
  service: 'classification',
  start: startSweepWorld,
  calls,
  placeholder,
  nationalOnly: DG_ONLY,
  // A DG or auditor token narrowed to another establishment is refused like any other role.
  crossEstablishment: 'every-role-narrowed',
});
