import { ruleBroken, type ItemError, type LegalStatus } from '@eron/shared';

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

/** CLS-20, CLS-21: only a person held here is placed; one in transit or gone belongs to no cell of ours. */
export function assertHeldHere(status: string): void {
  if (status === 'admitted') return;
  const transit = status === 'in_transit';
  throw ruleBroken(transit ? 'CLS-20' : 'CLS-21', transit ? 'Art. 178' : 'Art. 41 §', {
    es: transit
      ? 'La persona está en traslado: no pertenece a ningún establecimiento hasta que el destino la reciba, y ni el origen ni el destino la ubican'
      : `La persona ya no está recluida aquí (${status})`,
    en: transit
      ? 'The person is in transit: they belong to no establishment until the destination receives them, and neither end places them'
      : `The person is no longer held here (${status})`,
  });
}

/** CLS-13 (Art. 36): the cell is one of the person's establishment. */
export function assertCellOfEstablishment(cellEron: string, pplEron: string): void {
  if (cellEron === pplEron) return;
  throw ruleBroken('CLS-13', 'Art. 36', {
    es: `La celda es del establecimiento ${cellEron} y la PPL está en ${pplEron}`,
    en: `The cell is in establishment ${cellEron}, the PPL in ${pplEron}`,
  });
}

/** CLS-12 (Art. 32): no unit or cell before the induction is recorded. */
export function assertInducted(inducted: boolean): void {
  if (inducted) return;
  throw ruleBroken('CLS-12', 'Art. 32', {
    es: 'No se ha registrado la inducción de la persona: no se le puede asignar patio ni celda',
    en: 'The person’s induction is not recorded: no unit or cell can be assigned yet',
  });
}

/** CLS-15 (Art. 141 §): what is reserved to the DG, refused to anyone else with the reason. */
export function assertNotReservedToDg(reserved: { es: string; en: string } | null, dg: boolean): void {
  if (!reserved || dg) return;
  throw ruleBroken(
    'CLS-15',
    'Art. 141 §',
    { es: `Solo el Director General asigna esta ubicación: ${reserved.es}`, en: `Only the Director General places here: ${reserved.en}` },
    { status: 403 },
  );
}

/** CLS-13 (Art. 36): refuses a placement that breaks the unit's eligibility, naming every breach. */
export function assertEligible(p: PlacedPerson, u: TargetUnit, basis: string | undefined): void {
  const breaches = eligibilityBreaches(p, u, basis);
  if (breaches.length === 0) return;
  throw ruleBroken(
    'CLS-13',
    'Art. 36',
    { es: 'La ubicación no cumple la separación que la unidad declara', en: 'The placement breaks the unit’s declared separation' },
    { errors: breaches },
  );
}

/** CLS-14 (Art. 36 §4): a protection space is agreed with the person, whose consent is recorded. */
export function assertProtectionConsent(specialRegime: string | null, consent: string | undefined): void {
  if (specialRegime !== 'protection_space' || consent) return;
  throw ruleBroken(
    'CLS-14',
    'Art. 36 §4',
    {
      es: 'El espacio de protección se acuerda con la persona: falta su consentimiento registrado',
      en: 'A protection space is agreed with the person: their recorded consent is missing',
    },
    { errors: [{ field: '/protectionConsent', message: { es: 'requerido', en: 'required' } }] },
  );
}

/** CLS-16 (Art. 30): placing in a full cell needs the decision's over-capacity reasons. */
export function assertRoomOrReason(full: boolean, capacity: number, reason: string | undefined): void {
  if (!full || reason) return;
  throw ruleBroken(
    'CLS-16',
    'Art. 30',
    {
      es: `La celda tiene sus ${capacity} cupos ocupados: la decisión debe motivar la sobreocupación`,
      en: `The cell's ${capacity} places are taken: the decision must give its over-capacity reasons`,
    },
    {
      errors: [{ field: '/overCapacityReason', message: { es: 'requerido con la celda llena', en: 'required when the cell is full' } }],
    },
  );
}

/**
 * CLS-11 (Art. 141.5): a board decision belongs to a session of this establishment and is
 * numbered by its acta; the DG decides by an act of their own.
 */
export function decisionOf(
  dg: boolean,
  eron: string,
  b: { acta?: string },
  session: { id: string; eron: string; acta: string } | undefined,
): { acta: string; sessionId: string | null } {
  if (dg && b.acta) return { acta: b.acta, sessionId: null };
  if (!dg && session?.eron === eron) return { acta: session.acta, sessionId: session.id };
  const [field, es, en] = dg
    ? ['/acta', 'la decisión del Director General cita su acto', 'the Director General’s decision cites its act']
    : [
        '/sessionId',
        'la decisión de la Junta pertenece a una sesión de este establecimiento',
        'a board decision belongs to a session of this establishment',
      ];
  throw ruleBroken(
    'CLS-11',
    'Art. 141.5',
    { es: `Falta el acta: ${es}`, en: `No acta: ${en}` },
    { errors: [{ field, message: { es, en } }] },
  );
}
