import { ProblemError, ruleBroken, type RecipientRequest } from '@eron/shared';

/** How each subject is stated in the letter and the e-mail (Spanish, as the authorities receive it). */
const TITLES: Record<string, string> = {
  'foreign-ppl': 'Ingreso de persona privada de la libertad de nacionalidad extranjera (Art. 26 §3, Art. 74)',
  'transfer-ordered': 'Traslado ordenado (Art. 171)',
  'transfer-delayed': 'Demora en la ejecución de un traslado (Art. 178 §1)',
  release: 'Libertad',
  house_arrest: 'Detención o prisión domiciliaria',
  death: 'Fallecimiento de persona privada de la libertad (Art. 107, Art. 63 §2)',
  escape: 'Fuga (Art. 156 §1)',
  extradition: 'Entrega en extradición',
  'child-permanence-approved': 'Permanencia de hija o hijo menor de tres años con su madre: aprobada (Art. 31)',
  'child-permanence-denied': 'Permanencia de hija o hijo menor de tres años con su madre: negada (Art. 31)',
  'visit-cancelled': 'Cancelación de una visita reservada (Art. 68)',
};

export const titleOf = (subject: string): string => TITLES[subject] ?? `Notificación: ${subject}`;

const KINDS: Record<string, string> = {
  judge: 'Juez de ejecución de penas y medidas de seguridad',
  judicial_authority: 'Autoridad judicial a cuya disposición está la persona',
  consulate: 'Consulado',
  migration: 'Migración Colombia',
  icbf: 'Instituto Colombiano de Bienestar Familiar (ICBF)',
  regional_director: 'Dirección Regional del INPEC',
  dg: 'Dirección General del INPEC',
  police: 'Policía Nacional',
  local_authorities: 'Autoridades locales',
  relatives: 'Familiares',
};

export const kindLabel = (kind: string): string => KINDS[kind] ?? (kind.startsWith('visitor:') ? 'Visitante registrado' : kind);

/**
 * Retries with backoff: the n-th failed attempt waits base·2^(n−1), at most an hour; after
 * `maxAttempts` the delivery is failed with its last error.
 */
export function nextAttempt(attempts: number, now: Date, o: { baseMs: number; maxAttempts: number }): Date | 'give-up' {
  if (attempts >= o.maxAttempts) return 'give-up';
  return new Date(now.getTime() + Math.min(o.baseMs * 2 ** (attempts - 1), 3_600_000));
}

/** A notification's state from its deliveries: queued while any is, else failed if any failed, else sent. */
export function overallStatus(deliveries: { status: 'queued' | 'sent' | 'failed' }[]): 'queued' | 'sent' | 'failed' {
  if (deliveries.some((d) => d.status === 'queued')) return 'queued';
  return deliveries.some((d) => d.status === 'failed') ? 'failed' : 'sent';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A recipient is reachable by e-mail, webhook or both; a webhook is https (plain http only on
 * loopback, for a local relay) and carries the secret its body is signed with.
 */
export function assertRecipient(r: RecipientRequest): void {
  const errors: { field: string; message: { es: string; en: string } }[] = [];
  if (!r.email && !r.webhookUrl) {
    errors.push({ field: '/email', message: { es: 'indique un correo, un webhook o ambos', en: 'give an e-mail, a webhook or both' } });
  }
  if (r.webhookUrl) {
    const url = URL.canParse(r.webhookUrl) ? new URL(r.webhookUrl) : undefined;
    if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)))) {
      errors.push({ field: '/webhookUrl', message: { es: 'el webhook debe ser https', en: 'the webhook must be https' } });
    }
    if (!r.webhookSecret) {
      errors.push({
        field: '/webhookSecret',
        message: { es: 'el webhook necesita su secreto de firma', en: 'the webhook needs its signing secret' },
      });
    }
  }
  if (errors.length > 0) {
    throw ruleBroken(
      'CLS-08',
      'Art. 26 §3',
      { es: 'El destinatario no se puede notificar así', en: 'The recipient cannot be notified this way' },
      { errors },
    );
  }
}

const MAX_RANGE_MS = 31 * 86_400_000;

/** A list covers at most 31 days, so no request can make the service read a whole history. */
export function assertListRange(from: Date, to: Date): void {
  if (to.getTime() > from.getTime() && to.getTime() - from.getTime() <= MAX_RANGE_MS + 1) return;
  throw new ProblemError({
    status: 400,
    code: 'date-range-invalid',
    title: 'Bad date range',
    detail: {
      es: 'El período debe ir hacia adelante y cubrir a lo sumo 31 días',
      en: 'The period must run forward and cover at most 31 days',
    },
  });
}
