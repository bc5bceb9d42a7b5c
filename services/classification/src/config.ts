import { Type } from '@sinclair/typebox';
import { loadConfig } from '@eron/shared/platform';

/** Classification's settings on top of every service's (documented in `.env.example`), checked at boot. */
export const ClassificationEnv = Type.Object({
  SMTP_URL: Type.String({
    default: 'smtp://127.0.0.1:1025',
    description: 'Mail server the notifier sends through (smtp:// or smtps://, credentials in the URL)',
  }),
  SMTP_FROM: Type.String({ default: 'ERON INPEC <notificaciones@inpec.invalid>', description: 'Sender of the notifier’s e-mails' }),
  NOTIFY_POLL_MS: Type.Integer({ default: 5_000, minimum: 0, description: 'How often the notifier sends what is due (0 = never)' }),
  NOTIFY_RETRY_BASE_MS: Type.Integer({
    default: 30_000,
    minimum: 1,
    description: 'First retry after a failed delivery; doubles each time, at most 1 h',
  }),
  NOTIFY_MAX_ATTEMPTS: Type.Integer({ default: 8, minimum: 1, description: 'Attempts before a delivery is failed for good' }),
  VISITS_URL: Type.String({
    default: 'http://127.0.0.1:3004',
    description: 'Base URL of the visits service, where the notifier asks for a visitor’s contact when it sends (VIS-10)',
  }),
  NOTIFIER_HMAC_KEY: Type.String({
    default: '',
    pattern: '^$|^[A-Za-z0-9._-]{1,64}:.{16,}$',
    description:
      'keyId:secret the notifier signs its calls to visits with (visits knows it in HMAC_KEYS as keyId:notifier:secret); empty: visitors cannot be notified',
  }),
});

export const loadClassificationConfig = (env?: Record<string, unknown>) => loadConfig(ClassificationEnv, env);
export type ClassificationConfig = ReturnType<typeof loadClassificationConfig>;
