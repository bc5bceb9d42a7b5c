import {
  addDays,
  weekdayOf,
  ruleBroken,
  type ItemError,
  type ProblemError,
  type RegimeDay,
  type RegimeRequest,
  type VisitSession,
} from '@eron/shared';

/** What the booking checks need of a regime: its days and limits. */
export interface RegimeTerms {
  days: RegimeDay[];
  visitsPerWeek: number;
  personsPerVisit: number;
}

const HOURS = { morning: { from: '08:00', to: '12:00' }, afternoon: { from: '13:00', to: '16:00' } };

/** Art. 68.1: Saturdays male visitors, Sundays female visitors; two visits a week of up to 3 persons (Art. 68.2–3). */
export const DEFAULT_REGIME: RegimeTerms = {
  days: [
    { weekday: 6, visitors: 'M', ...HOURS },
    { weekday: 0, visitors: 'F', ...HOURS },
  ],
  visitsPerWeek: 2,
  personsPerVisit: 3,
};

export { weekdayOf } from '@eron/shared';

/** The regime's visit day falling on a date, if any. */
export const visitDayOn = (r: RegimeTerms, date: string): RegimeDay | undefined => r.days.find((d) => d.weekday === weekdayOf(date));

/** Every visit day of the regime from `from` to `to` inclusive, in order. */
export function visitDates(r: RegimeTerms, from: string, to: string): { date: string; day: RegimeDay }[] {
  const out: { date: string; day: RegimeDay }[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const day = visitDayOn(r, d);
    if (day) out.push({ date: d, day });
  }
  return out;
}

/** Monday of the ISO week of a date: the weekly limit counts Monday to Sunday (VIS-02). */
export const weekOf = (date: string): string => addDays(date, -((weekdayOf(date) + 6) % 7));

export const hoursOf = (day: RegimeDay, session: VisitSession) => day[session];

/** A proposal the regulation allows (VIS-01, VIS-02): one entry per weekday, hours that run forward. */
export function assertRegimeValid(r: RegimeRequest): void {
  const errors: ItemError[] = [];
  const seen = new Set<number>();
  r.days.forEach((d, i) => {
    if (seen.has(d.weekday)) errors.push({ field: `/days/${i}/weekday`, message: { es: 'Día repetido', en: 'Weekday repeated' } });
    seen.add(d.weekday);
    for (const s of ['morning', 'afternoon'] as const) {
      if (d[s].from >= d[s].to)
        errors.push({ field: `/days/${i}/${s}`, message: { es: 'La hora final debe ser posterior', en: 'Hours must run forward' } });
    }
  });
  if (r.visitsPerWeek > seen.size) {
    errors.push({
      field: '/visitsPerWeek',
      message: { es: 'Una visita por día de visita como máximo (Art. 68.2)', en: 'At most one visit per visit day (Art. 68.2)' },
    });
  }
  if (errors.length) {
    throw ruleBroken(
      'VIS-01',
      'Arts. 65, 68',
      { es: 'El régimen propuesto no es válido', en: 'The proposed regime is not valid' },
      { errors },
    );
  }
}

export const notDecidable = (status: string): ProblemError =>
  ruleBroken(
    'VIS-01',
    'Art. 8',
    { es: `El régimen ya fue decidido (${status})`, en: `The regime was already decided (${status})` },
    { status: 409, code: 'regime-decided' },
  );
