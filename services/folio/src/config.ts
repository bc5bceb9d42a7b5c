import { Type } from '@sinclair/typebox';
import { devKeyRefusal, loadConfig } from '@eron/shared/platform';

/** Only for local runs against the fake provider: refused where the JWT dev key is (PLT-03). */
export const DEV_TELEPHONY_SECRET = 'dev-telephony-secret';

/** Folio's settings on top of every service's (documented in `.env.example`), checked at boot. */
export const FolioEnv = Type.Object({
  TELEPHONY_URL: Type.String({ default: 'http://127.0.0.1:9', description: "Telephony provider's API base URL (FOL-10)" }),
  TELEPHONY_KEY_ID: Type.String({ default: 'eron-folio', description: 'Our key id at the telephony provider' }),
  TELEPHONY_SECRET: Type.String({ default: DEV_TELEPHONY_SECRET, description: 'HMAC secret shared with the telephony provider' }),
  TELEPHONY_TIMEOUT_MS: Type.Integer({ default: 3000, minimum: 1, description: 'How long a recharge may take before it is released' }),
  PHONE_HOLD_TIMEOUT_MS: Type.Integer({
    default: 120_000,
    minimum: 1,
    description: 'Age after which a held credit is resolved by the sweeper',
  }),
  PHONE_SWEEP_INTERVAL_MS: Type.Integer({ default: 30_000, minimum: 0, description: 'How often the sweeper runs (0 = never)' }),
  INTAKE_CASH_REVIEW_CEILING: Type.Integer({
    default: 2_000_000,
    minimum: 1,
    description: 'Cash carried at intake above this many pesos is flagged for review (CLS-10)',
  }),
  RECAUDO_NIT: Type.String({ default: '9001234567', description: "The biller's NIT with check digit in the bank agreement (FOL-06)" }),
  RECAUDO_BANK_CODE: Type.String({ default: '007', description: "The collecting bank's code" }),
  RECAUDO_ACCOUNT: Type.String({ default: '12345678901', description: 'The credited collection account' }),
  RECAUDO_SERVICE_CODE: Type.String({ default: '7709998000018', description: 'The agreement’s EAN-13 service code' }),
  RECAUDO_REFERENCE_LAYOUT: Type.String({
    default: 'nui:1:48',
    pattern: '^(nui|depositorId):[0-9]+:[0-9]+(,(nui|depositorId):[0-9]+:[0-9]+)*$',
    description: 'Sub-layout of the 48-digit reference (name:start:length,…)',
  }),
  RECAUDO_MAX_AGE_DAYS: Type.Integer({ default: 30, minimum: 1, description: 'A collection date older than this is warned about' }),
  RECAUDO_FILE_BATCH: Type.Integer({ default: 10_000, minimum: 1, description: 'Records decided and booked per database transaction' }),
  RECAUDO_FILE_LANES: Type.Integer({
    default: 3,
    minimum: 1,
    maximum: 16,
    description: 'Transactions a file is booked in side by side, each for its own PPL (a little over one per database core)',
  }),
  RECAUDO_INLINE_CHECK_BYTES: Type.Integer({
    default: 4 * 1024 * 1024,
    minimum: 0,
    description:
      'A collection file larger than this is not parsed on the request: it is kept and answered 202 with the Location of its upload, and the file job checks it (issue 8); smaller ones are checked at once (422 when refused)',
  }),
  RECAUDO_FILE_SWEEP_MS: Type.Integer({
    default: 1_000,
    minimum: 0,
    description:
      'How often the file job looks for files left unfinished (an upload wakes it at once; this catches a wake-up lost while Redis was down, a crash or a failing batch; 0 = never)',
  }),
});

export const loadFolioConfig = (env?: Record<string, unknown>) => {
  const config = loadConfig(FolioEnv, env);
  config.TELEPHONY_SECRET ||= DEV_TELEPHONY_SECRET; // an empty one (a Secret left blank) is an unset one
  const why = config.TELEPHONY_SECRET === DEV_TELEPHONY_SECRET && devKeyRefusal(config);
  if (why)
    throw new Error(
      `PLT-03: TELEPHONY_SECRET is the built-in development secret, which is refused because ${why}. ` +
        'Set the HMAC secret agreed with the telephony provider; see .env.example.',
    );
  return config;
};
export type FolioConfig = ReturnType<typeof loadFolioConfig>;
