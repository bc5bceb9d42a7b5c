import { describeRouteSweep } from '@eron/shared/testing';
import { calls, placeholders, startSweepWorld, type Fixtures } from './support/routes.world';

const placeholder: Fixtures = { nui: '1000001', ...placeholders };

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
});
