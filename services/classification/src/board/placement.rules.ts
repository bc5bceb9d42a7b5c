import type { ItemError, LegalStatus } from '@eron/shared';

export interface PlacedPerson {
  sex: string;
  legalStatus: LegalStatus;
  securityLevel: number | null;
}
export interface TargetUnit {
  sexes: string[];
  legal: string;
  special_regime: string | null;
}

/** Pre-trial (sindicado, imputado, acusado, and extradition: Art. 19 §) or sentenced. */
export const legalGroupOf = (s: LegalStatus): 'pre_trial' | 'sentenced' => (s === 'condenado' ? 'sentenced' : 'pre_trial');

const item = (field: string, es: string, en: string): ItemError => ({ field, message: { es, en } });

/**
 * CLS-13 (Ley 65 Art. 63, Art. 36): what in a placement breaks the unit's declared eligibility —
 * sex, pre-trial versus sentenced, special regime. Every breach, not just the first.
 */
export function eligibilityBreaches(p: PlacedPerson, u: TargetUnit, basis: string | undefined): ItemError[] {
  const out: ItemError[] = [];
  if (!u.sexes.includes(p.sex))
    out.push(item('/cellId', `la unidad no aloja personas de sexo ${p.sex}`, `the unit does not hold sex ${p.sex}`));
  const group = legalGroupOf(p.legalStatus);
  if (u.legal !== 'both' && u.legal !== group) {
    out.push(
      item(
        '/cellId',
        group === 'sentenced'
          ? 'la unidad es de sindicados y la persona está condenada'
          : 'la unidad es de condenados y la persona no lo está',
        group === 'sentenced' ? 'the unit is for pre-trial PPL and the person is sentenced' : 'the unit is for sentenced PPL',
      ),
    );
  }
  const regime = u.special_regime;
  if (regime === 'extradition' && p.legalStatus !== 'extradicion') {
    out.push(item('/cellId', 'la unidad es para capturados con fines de extradición', 'the unit is for persons held for extradition'));
  }
  if (regime === 'mothers_with_children' && p.sex !== 'F') {
    out.push(item('/cellId', 'la unidad es para madres con sus hijos', 'the unit is for mothers with their children'));
  }
  if ((regime === 'justicia_y_paz' || regime === 'former_public_servants' || regime === 'mothers_with_children') && !basis) {
    out.push(
      item(
        '/specialRegimeBasis',
        'falta el documento que acredita el régimen especial',
        'the document accrediting the special regime is missing',
      ),
    );
  }
  return out;
}

/**
 * CLS-15 (Art. 141 §): placements the board may not make — PPL at security level one, and
 * high-security, extradition and special-regime units — and why; null when the board may.
 */
export function reservedToDg(p: PlacedPerson, u: TargetUnit): { es: string; en: string } | null {
  if (p.securityLevel === 1) return { es: 'la persona está en nivel de seguridad uno', en: 'the person is at security level one' };
  if (p.legalStatus === 'extradicion')
    return { es: 'la persona está capturada con fines de extradición', en: 'the person is held for extradition' };
  if (u.special_regime && u.special_regime !== 'protection_space') {
    return { es: `la unidad es de régimen especial (${u.special_regime})`, en: `the unit is of a special regime (${u.special_regime})` };
  }
  return null;
}

/** CLS-16: occupants ÷ places − 1, to four decimals; null without places. */
export const overcrowding = (occupants: number, places: number): number | null =>
  places > 0 ? Math.round((occupants / places - 1) * 10_000) / 10_000 : null;
