import {
  notFound,
  ruleBroken,
  type ItemError,
  type LegalStatus,
  type OfficialVisitBody,
  type PressAuthority,
  type PressSpecialRegime,
} from '@eron/shared';

/** Hours ahead every official visit but a control body's is booked (Arts. 74–83); control bodies none (Art. 75 §). */
export const LEAD_HOURS = 24;
/** Daytime in Bogotá (UTC−5 all year): official visits other than control bodies come between these hours. */
export const DAY_STARTS = 6;
export const DAY_ENDS = 18;

const bogotaHour = (at: Date): number => (at.getUTCHours() + 24 - 5) % 24;
export const isNight = (at: Date): boolean => bogotaHour(at) < DAY_STARTS || bogotaHour(at) >= DAY_ENDS;

const item = (field: string, es: string, en: string): ItemError => ({ field, message: { es, en } });

const PRE_TRIAL: readonly LegalStatus[] = ['sindicado', 'imputado', 'acusado'];
const BY_REGIME: Record<PressSpecialRegime, PressAuthority> = {
  justicia_y_paz: 'justicia_y_paz_tribunal',
  peace_process: 'peace_commissioner',
  military: 'military_director',
  high_security: 'high_security_committee',
};

/** VIS-15 (Art. 81): whose permission a press visit needs, by the PPL's situation; null = only consent and application. */
export function pressAuthority(status: LegalStatus, regime: PressSpecialRegime | undefined): PressAuthority | null {
  if (regime) return BY_REGIME[regime];
  if (status === 'extradicion') return 'fiscalia_international_affairs';
  return PRE_TRIAL.includes(status) ? 'judge' : null;
}

/** VIS-15 (Art. 81.1–3): every gap of a press visit — permission by status, written consent, written application with proofs. */
export function pressGaps(press: OfficialVisitBody['press'], legalStatus: LegalStatus | null | undefined): ItemError[] {
  if (!press) return [item('/press', 'falta lo que exige el Art. 81', 'what Art. 81 requires is missing')];
  const gaps: ItemError[] = [];
  if (legalStatus === null)
    gaps.push(item('/press/nui', 'se desconoce la situación jurídica de la PPL', 'the PPL’s legal status is unknown'));
  const needed = legalStatus ? pressAuthority(legalStatus, press.specialRegime) : null;
  if (needed && press.permission?.authority !== needed)
    gaps.push(item('/press/permission', `se requiere el permiso de: ${needed}`, `the permission of ${needed} is required`));
  if (!press.consent)
    gaps.push(item('/press/consent', 'falta el consentimiento escrito de la PPL', 'the PPL’s written consent is missing'));
  if (!press.application)
    gaps.push(
      item(
        '/press/application',
        'falta la solicitud escrita a la Oficina de Comunicaciones',
        'the written application to the communications office is missing',
      ),
    );
  else {
    if (!press.application.mediumProof)
      gaps.push(item('/press/application/mediumProof', 'falta la certificación del medio', 'proof of the medium is missing'));
    if (!press.application.journalistProof)
      gaps.push(
        item(
          '/press/application/journalistProof',
          'falta acreditar la calidad de periodista',
          'proof of the journalist’s status is missing',
        ),
      );
  }
  return gaps;
}

/**
 * VIS-15: control bodies name which one and come at any hour (Art. 75 §); every other kind is
 * booked LEAD_HOURS ahead, in daytime; press only for a PPL (Art. 81).
 */
export function visitGaps(b: OfficialVisitBody, now: Date): ItemError[] {
  const gaps: ItemError[] = [];
  if (b.kind === 'control_body') {
    if (!b.controlBody) gaps.push(item('/controlBody', 'falta el organismo de control', 'the control body is missing'));
    if (b.arrivesAt && Date.parse(b.arrivesAt) > now.getTime() + 300_000)
      gaps.push(
        item(
          '/arrivesAt',
          'los organismos de control se atienden al llegar, sin cita',
          'control bodies are attended on arrival, never booked',
        ),
      );
    if (b.press) gaps.push(item('/press', 'solo para visitas de prensa', 'only for press visits'));
    return gaps;
  }
  if (b.controlBody) gaps.push(item('/controlBody', 'solo para organismos de control', 'only for control bodies'));
  if (!b.arrivesAt) gaps.push(item('/arrivesAt', 'falta la fecha y hora de la visita', 'the date and time of the visit are missing'));
  else {
    const at = new Date(b.arrivesAt);
    if (at.getTime() < now.getTime() + LEAD_HOURS * 3_600_000)
      gaps.push(item('/arrivesAt', `se programa con ${LEAD_HOURS} horas de anticipación`, `must be booked ${LEAD_HOURS} hours ahead`));
    if (isNight(at)) gaps.push(item('/arrivesAt', 'solo los organismos de control ingresan de noche', 'only control bodies come at night'));
  }
  if (b.kind !== 'press' && b.press) gaps.push(item('/press', 'solo para visitas de prensa', 'only for press visits'));
  return gaps;
}

export function assertNoGaps(gaps: ItemError[], article: string): void {
  if (gaps.length === 0) return;
  throw ruleBroken(
    'VIS-15',
    article,
    { es: 'La visita oficial no cumple lo que exige la norma', en: 'The official visit does not meet what the regulation requires' },
    { code: 'official-visit-refused', errors: gaps },
  );
}

/** VIS-15 (Art. 75 §): only a control body's night inspection records a place it could not enter. */
export function assertNightInspection(v: { kind: string; arrivesAt: Date }): void {
  if (v.kind === 'control_body' && isNight(v.arrivesAt)) return;
  throw ruleBroken(
    'VIS-15',
    'Art. 75 §',
    {
      es: 'Solo se registra un lugar no ingresado en una inspección nocturna de un organismo de control',
      en: 'A place not entered is recorded only for a control body’s night inspection',
    },
    { code: 'not-a-night-inspection' },
  );
}

export const noOfficialVisit = () => notFound({ es: 'No existe esa visita oficial', en: 'No such official visit' });
