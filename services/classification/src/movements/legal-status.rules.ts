import { ruleBroken, type ItemError } from '@eron/shared';

/**
 * CLS-06 (Art. 26): why a conviction cannot be recorded as firm, if it cannot — every failing item.
 * A firm conviction is recorded once (the person must not be sentenced already), and the date the
 * decision became firm cannot lie after today (Bogotá).
 */
export function convictionRefusals(p: { legalStatus: string; firmOn: string; today: string }): ItemError[] {
  const refusals: ItemError[] = [];
  if (p.legalStatus === 'condenado') {
    refusals.push({
      field: 'legalStatus',
      message: { es: 'La PPL ya figura condenada con condena en firme', en: 'The PPL is already recorded as sentenced' },
    });
  }
  if (p.firmOn > p.today) {
    refusals.push({
      field: 'firmOn',
      message: {
        es: `La fecha de ejecutoria ${p.firmOn} es posterior a hoy (${p.today})`,
        en: `The date the decision became firm, ${p.firmOn}, is after today (${p.today})`,
      },
    });
  }
  return refusals;
}

/** CLS-06 (Art. 26): refuses a conviction that cannot be recorded, naming every failing item. */
export function assertConvictionAllowed(p: { legalStatus: string; firmOn: string; today: string }): void {
  const errors = convictionRefusals(p);
  if (errors.length === 0) return;
  const join = (lang: 'es' | 'en') => errors.map((e) => e.message[lang]).join('; ');
  throw ruleBroken('CLS-06', 'Art. 26', { es: join('es'), en: join('en') }, { errors });
}
