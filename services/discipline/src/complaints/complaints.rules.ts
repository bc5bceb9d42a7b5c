import { ruleBroken, type ComplaintKind } from '@eron/shared';

const HOUR = 3_600_000;

/** Art. 142 §3: the kinds whose judicial-police written report to the prosecutor is due within 36 hours. */
export const REPORT_KINDS: readonly ComplaintKind[] = [
  'sexual_violence',
  'torture',
  'cruel_treatment',
  'discrimination',
  'human_rights_violation',
];

/** DIS-19: the deadlines counted from knowledge of the fact — 24 h to send it on, 36 h for the police report where due. */
export function deadlines(kind: ComplaintKind, knownAt: Date): { sendDueAt: Date; reportDueAt: Date | null } {
  return {
    sendDueAt: new Date(knownAt.getTime() + 24 * HOUR),
    reportDueAt: REPORT_KINDS.includes(kind) ? new Date(knownAt.getTime() + 36 * HOUR) : null,
  };
}

/** PLT-06: a sexual-violence account is confidential, like the complainant's identity. */
export const accountIsConfidential = (kind: ComplaintKind): boolean => kind === 'sexual_violence';

/** Whether a step was (or, still pending, is now) past its deadline. */
export const late = (dueAt: Date, doneAt: Date | null, now: Date): boolean => (doneAt ?? now).getTime() > dueAt.getTime();

/** DIS-19: knowledge of the fact cannot be after its receipt (now). */
export function assertKnownAt(knownAt: Date, now: Date): void {
  if (knownAt.getTime() <= now.getTime()) return;
  throw ruleBroken(
    'DIS-19',
    'Art. 142',
    {
      es: 'El conocimiento del hecho no puede ser posterior a la recepción de la queja',
      en: 'Knowledge of the fact cannot be after the complaint is received',
    },
    { errors: [{ field: '/knownAt', message: { es: 'Fecha futura', en: 'Date in the future' } }] },
  );
}

/** DIS-19: a step is recorded once; the police report only where it is due. */
export function assertStep(
  step: 'sending' | 'report',
  c: { sent_at: Date | null; report_due_at: Date | null; reported_at: Date | null },
): void {
  const refusal =
    step === 'sending'
      ? c.sent_at && { es: 'La queja ya fue remitida', en: 'The complaint was already sent' }
      : c.report_due_at === null
        ? {
            es: 'Esta clase de queja no requiere informe de policía judicial en 36 horas',
            en: 'This kind of complaint needs no 36-hour police report',
          }
        : c.reported_at && { es: 'El informe ya fue registrado', en: 'The report was already recorded' };
  if (refusal) throw ruleBroken('DIS-19', step === 'sending' ? 'Art. 142 §1' : 'Art. 142 §3', refusal);
}
