import { getHolidaysForYear } from 'colombian-holidays';

/**
 * Colombian calendar (PLT-09). Dates are plain `YYYY-MM-DD` strings in America/Bogota, which has
 * no daylight saving (UTC−5 all year), so calendar arithmetic is done on UTC midnights.
 */
export const TIME_ZONE = 'America/Bogota';

const DAY_MS = 86_400_000;
const holidayCache = new Map<number, Map<string, string>>();

function holidaysOf(year: number): Map<string, string> {
  let days = holidayCache.get(year);
  if (!days) {
    // celebrationDate is the day off: the fixed date, or the Monday it moves to (Ley 51 de 1983).
    days = new Map(getHolidaysForYear(year).map((h) => [h.celebrationDate, h.name.es]));
    holidayCache.set(year, days);
  }
  return days;
}

/** Public holidays of a year, date → Spanish name, in date order. */
export function holidays(year: number): { date: string; name: string }[] {
  return [...holidaysOf(year)].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
}

export const isHoliday = (date: string): boolean => holidaysOf(Number(date.slice(0, 4))).has(date);

const toUtc = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Date arithmetic, memoised: a booking checks its date against today, the horizon, the week and the
 * regime's day, a dozen parses and formats a request for a handful of distinct dates (PLT-15).
 * Bounded: cleared past 10 000 dates.
 */
const dayNumbers = new Map<string, number>();
const dayDates = new Map<number, string>();
function dayNumber(date: string): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    n = toUtc(date) / DAY_MS;
    if (dayNumbers.size >= 10_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}
function dateOf(day: number): string {
  let d = dayDates.get(day);
  if (d === undefined) {
    d = fromUtc(day * DAY_MS);
    if (dayDates.size >= 10_000) dayDates.clear();
    dayDates.set(day, d);
  }
  return d;
}

export const addDays = (date: string, days: number): string => dateOf(dayNumber(date) + days);

/** 0 = Sunday … 6 = Saturday, of a date (1970-01-01 was a Thursday). */
export const weekdayOf = (date: string): number => (((dayNumber(date) + 4) % 7) + 7) % 7;

/** Monday to Friday and not a public holiday. */
export function isBusinessDay(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !isHoliday(date);
}

/** The date `n` business days after `date` (n ≥ 0; the start day itself is never counted). */
export function addBusinessDays(date: string, n: number): string {
  let current = date;
  for (let left = n; left > 0;) {
    current = addDays(current, 1);
    if (isBusinessDay(current)) left -= 1;
  }
  return current;
}

/** Business days in (from, to]: how many working days have passed since `from`. */
export function businessDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isBusinessDay(d)) count += 1;
  return count;
}

const BOGOTA_OFFSET_MS = -5 * 3_600_000;

/** The calendar date in Bogotá at an instant (UTC−5 all year: plain arithmetic, cheap on hot paths). */
export const bogotaToday = (at: Date = new Date()): string => dateOf(Math.floor((at.getTime() + BOGOTA_OFFSET_MS) / DAY_MS));

/** The calendar month (YYYY-MM) in Bogotá at an instant. */
export const bogotaMonth = (at: Date = new Date()): string => bogotaToday(at).slice(0, 7);
