import { conflict, ProblemError, ruleBroken } from '@eron/shared';

export type CreditStatus = 'held' | 'confirmed' | 'released';

/** FOL-10: the provider did not confirm, so the PPL was not charged. */
export const notLoaded = (reason: string): ProblemError =>
  new ProblemError({
    status: 502,
    code: 'fol-10-not-confirmed',
    title: 'Rule FOL-10: phone credit not confirmed',
    rule: 'FOL-10',
    article: 'Art. 41.3',
    detail: {
      es: `El proveedor no confirmó la recarga (${reason}); no se cobró nada a la PPL`,
      en: `The provider did not confirm the credit (${reason}); the PPL was not charged`,
    },
  });

export const inFlight = (): ProblemError =>
  conflict(
    'phone-credit-in-flight',
    { es: 'Esta solicitud ya está en curso', en: 'This request is already in flight' },
    'FOL-10',
    'Art. 41.3',
  );

/**
 * A request seen before (PLT-05): the same body gets the first answer — in flight still, not
 * loaded, or the confirmed credit; another body under the same key is refused.
 */
export function assertReplayable(seen: { request_hash: string; status: CreditStatus; failure: string | null }, hash: string): void {
  if (seen.request_hash !== hash) {
    throw ruleBroken(
      'FOL-10',
      'Art. 41.3',
      { es: 'Esta Idempotency-Key ya se usó con otro cuerpo', en: 'This Idempotency-Key was already used with another body' },
      { code: 'idempotency-key-reused' },
    );
  }
  if (seen.status === 'held') throw inFlight();
  if (seen.status === 'released') throw notLoaded(seen.failure ?? 'released');
}
