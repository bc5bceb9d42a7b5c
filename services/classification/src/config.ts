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
});

export const loadClassificationConfig = (env?: Record<string, unknown>) => loadConfig(ClassificationEnv, env);
export type ClassificationConfig = ReturnType<typeof loadClassificationConfig>;
