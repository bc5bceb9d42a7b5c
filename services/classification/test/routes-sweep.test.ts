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
  /** The CLS rule each route serves, for the test titles. */
  rules: [
    [/roll-calls/, 'CLS-19'],
    [/establishments(\/\{code\}(\/categor(y|ies))?)?$/, 'CLS-01'],
    [/units|cells\//, 'CLS-02'],
    [/admissions/, 'CLS-03'],
    [/intake-cash/, 'CLS-10'],
    [/record\/confidential/, 'CLS-07'],
    [/record/, 'CLS-06'],
    [/board-sessions/, 'CLS-11'],
    [/induction/, 'CLS-12'],
    [/placements/, 'CLS-13'],
    [/occupancy/, 'CLS-16'],
    [/cell-change/, 'CLS-18'],
    [/transfers/, 'CLS-20'],
    [/exits|recaptures|escape-register/, 'CLS-21'],
    [/treatment/, 'CLS-22'],
    [/child-requests|children-turning-three/, 'CLS-17'],
    [/ppl\/\{nui\}$/, 'CLS-05'],
  ],
  defaultRule: 'CLS-05',
});
