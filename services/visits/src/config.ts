import { Type } from '@sinclair/typebox';
import { loadConfig } from '@eron/shared/platform';

/** Visits' settings on top of every service's (documented in `.env.example`), checked at boot. */
export const VisitsEnv = Type.Object({
  VISITS_BOOKING_HORIZON_DAYS: Type.Integer({
    default: 60,
    minimum: 1,
    maximum: 366,
    description: 'How many days ahead a visit can be booked (the regime calendar is generated that far)',
  }),
  INTIMATE_OVERDUE_SCAN_MS: Type.Integer({
    default: 3_600_000,
    minimum: 0,
    description: 'How often intimate-visit requests unanswered after 15 business days are flagged (VIS-11; 0 = never)',
  }),
  // VIVIF video sessions (VIS-17): the provider adapter and its settings.
  VIVIF_PROVIDER: Type.Union([Type.Literal('jitsi'), Type.Literal('http')], {
    default: 'jitsi',
    description: 'VIVIF video provider: a self-hosted Jitsi Meet (JWT rooms) or a generic HTTP provider',
  }),
  VIVIF_JITSI_URL: Type.String({ default: 'https://vivif.inpec.gov.co', description: 'Base URL of the self-hosted Jitsi Meet' }),
  VIVIF_JITSI_APP_ID: Type.String({ default: 'eron-vivif', minLength: 1, description: 'Jitsi token auth app_id (the JWT iss)' }),
  VIVIF_JITSI_SECRET: Type.String({ default: '', description: 'Jitsi token auth app_secret (HS256); required when VIVIF_PROVIDER=jitsi' }),
  VIVIF_JITSI_AUDIENCE: Type.String({
    default: 'jitsi',
    minLength: 1,
    description: 'The JWT aud Jitsi expects (prosody asap_accepted_audiences)',
  }),
  VIVIF_JITSI_SUBJECT: Type.String({ default: '*', minLength: 1, description: 'The JWT sub: the Jitsi domain (or * for any)' }),
  VIVIF_HTTP_URL: Type.String({ default: 'http://127.0.0.1:9/vivif', description: 'Base URL of the generic HTTP video provider' }),
  VIVIF_HTTP_KEY_ID: Type.String({ default: 'eron-vivif', description: 'Our key id at the HTTP video provider (HMAC, PLT-03)' }),
  VIVIF_HTTP_SECRET: Type.String({ default: '', description: 'Our HMAC secret at the HTTP video provider' }),
  VIVIF_HTTP_TIMEOUT_MS: Type.Integer({ default: 5000, minimum: 100, maximum: 60_000, description: 'HTTP video provider timeout' }),
});

export const loadVisitsConfig = (env?: Record<string, unknown>) => loadConfig(VisitsEnv, env);
export type VisitsConfig = ReturnType<typeof loadVisitsConfig>;
