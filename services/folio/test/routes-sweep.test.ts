import { signedHeaders } from '@eron/shared/platform';
import { bearer, describeRouteSweep, expectMachineRefusals } from '@eron/shared/testing';
import { BANK, calls, PHONE, startSweepWorld, type Fixtures } from './support/routes.world';

const placeholder: Fixtures = { nui: '1000001', productId: '', useTx: '', depositorId: '', payoutId: '', settlementId: '' };

/**
 * PLT-03, PLT-04, PLT-18: every route the folio service documents in its OpenAPI refuses callers
 * without credentials, without the role, or acting for another establishment, and answers fuzzed
 * bodies, parameters, headers and files with a 4xx problem — and none of it changes the database.
 */
describeRouteSweep({
  service: 'folio',
  start: startSweepWorld,
  calls,
  placeholder,
  // National roles keep their national tokens; only the roles scoped to establishments are narrowed to 114.
  crossEstablishment: 'local-roles',
  // The bank's collection webhook: signed by the bank, refused to every other client and to staff tokens.
  machine: {
    sign: (body, to) => signedHeaders(BANK, { ...to, body }),
    refusals: (app, r, c) =>
      expectMachineRefusals(app, r, c, {
        client: BANK,
        otherClient: PHONE,
        staff: bearer(['paymaster', 'dg'], ['113']),
        tamper: (raw) => raw.replace('10000', '90000'),
      }),
  },
  fuzzes: 'bodies, parameters, headers and files',
  /** The FOL rule each route serves, for the test titles. */
  rules: [
    [/settlement-beneficiaries/, 'FOL-15'],
    [/depositors/, 'FOL-05'],
    [/recaudo\/(deposits|files)/, 'FOL-06'],
    [/appliance-tariffs/, 'FOL-08'],
    [/limits/, 'FOL-03'],
    [/caps$/, 'FOL-07'],
    [/shops|purchases/, 'FOL-09'],
    [/withdrawals/, 'FOL-08'],
    [/reversal/, 'FOL-02'],
    [/phone/, 'FOL-10'],
    [/savings|work-payments/, 'FOL-11'],
    [/seizures/, 'FOL-12'],
    [/exit-settlements|payouts/, 'FOL-14'],
    [/settlements\//, 'FOL-15'],
    [/statement/, 'FOL-16'],
    [/reconciliation|establishments/, 'FOL-17'],
    [/accounts\/\{nui\}$/, 'FOL-01'],
  ],
  defaultRule: 'FOL-01',
});
