import {
  addBusinessDays,
  addDays,
  bogotaMonth,
  bogotaToday,
  businessDaysBetween,
  holidays,
  isBusinessDay,
  isHoliday,
  weekdayOf,
} from '../src/calendar';

/*
 * Official calendars, written out by hand. Fixed: 01-01, 05-01, 07-20, 08-07, 12-08, 12-25.
 * Ley 51 de 1983 (to the following Monday): Reyes 01-06, San José 03-19, San Pedro 06-29,
 * Asunción 08-15, Raza 10-12, Todos los Santos 11-01, Cartagena 11-11.
 * Easter-based: Jueves/Viernes Santo (E−3, E−2), Ascensión E+43, Corpus E+64, Sagrado Corazón E+71.
 */
// prettier-ignore
const OFFICIAL: Record<number, string[]> = {
  // Easter 2025-04-20. San Pedro (06-29, Sunday → 06-30) and Sagrado Corazón (E+71 = 06-30) share
  // a day: 18 holidays on 17 dates.
  2025: [
    '2025-01-01', '2025-01-06', '2025-03-24', '2025-04-17', '2025-04-18', '2025-05-01',
    '2025-06-02', '2025-06-23', '2025-06-30', '2025-07-20', '2025-08-07', '2025-08-18',
    '2025-10-13', '2025-11-03', '2025-11-17', '2025-12-08', '2025-12-25',
  ],
  // Easter 2026-04-05.
  2026: [
    '2026-01-01', '2026-01-12', '2026-03-23', '2026-04-02', '2026-04-03', '2026-05-01',
    '2026-05-18', '2026-06-08', '2026-06-15', '2026-06-29', '2026-07-20', '2026-08-07',
    '2026-08-17', '2026-10-12', '2026-11-02', '2026-11-16', '2026-12-08', '2026-12-25',
  ],
  // Easter 2027-03-28.
  2027: [
    '2027-01-01', '2027-01-11', '2027-03-22', '2027-03-25', '2027-03-26', '2027-05-01',
    '2027-05-10', '2027-05-31', '2027-06-07', '2027-07-05', '2027-07-20', '2027-08-07',
    '2027-08-16', '2027-10-18', '2027-11-01', '2027-11-15', '2027-12-08', '2027-12-25',
  ],
};

describe('PLT-09 Colombian public holidays', () => {
  it.each([2025, 2026, 2027])('when asked for %i then the holidays equal the official calendar', (year) => {
    expect(holidays(year).map((h) => h.date)).toEqual(OFFICIAL[year]);
  });

  it('when a year is listed then 2026 and 2027 have 18 days off and 2025 has 17 (two share 06-30)', () => {
    expect(holidays(2025)).toHaveLength(17);
    expect(holidays(2026)).toHaveLength(18);
    expect(holidays(2027)).toHaveLength(18);
  });

  it('when a holiday is listed then it carries its Spanish name', () => {
    expect(holidays(2026).find((h) => h.date === '2026-03-23')?.name).toBe('San José');
    expect(holidays(2026).find((h) => h.date === '2026-04-03')?.name).toBe('Viernes Santo');
  });

  it('when a Ley 51 holiday moves to Monday then the original date is not a holiday', () => {
    expect(isHoliday('2026-03-19')).toBe(false);
    expect(isHoliday('2026-03-23')).toBe(true);
    expect(isHoliday('2027-01-06')).toBe(false);
    expect(isHoliday('2027-01-11')).toBe(true);
  });

  it('when the day is a weekend or a holiday then it is not a business day', () => {
    expect(isBusinessDay('2026-03-21')).toBe(false); // Saturday
    expect(isBusinessDay('2026-03-22')).toBe(false); // Sunday
    expect(isBusinessDay('2026-03-23')).toBe(false); // San José
    expect(isBusinessDay('2026-04-02')).toBe(false); // Jueves Santo
    expect(isBusinessDay('2026-03-24')).toBe(true);
    expect(isBusinessDay('2027-01-06')).toBe(true); // Reyes moved to 01-11
  });
});

describe('PLT-09 business-day arithmetic', () => {
  it('when 15 business days are counted across San José and Holy Week then they end on 2026-04-15', () => {
    // Fri 03-20 → Tue 03-24 (1) … Fri 03-27 (4), Mon 03-30 (5) … Wed 04-01 (7), skip Thu/Fri Santo,
    // Mon 04-06 (8) … Fri 04-10 (12), Mon 04-13 (13), Tue 04-14 (14), Wed 04-15 (15).
    expect(addBusinessDays('2026-03-20', 15)).toBe('2026-04-15');
  });

  it('when counting the days between the ends then businessDaysBetween agrees with addBusinessDays', () => {
    expect(businessDaysBetween('2026-03-20', '2026-04-15')).toBe(15);
    expect(businessDaysBetween('2026-03-20', '2026-04-14')).toBe(14);
    for (const n of [0, 1, 5, 10, 20, 40]) {
      expect(businessDaysBetween('2026-03-20', addBusinessDays('2026-03-20', n))).toBe(n);
    }
  });

  it('when from equals to or from is after to then no business days have passed', () => {
    expect(businessDaysBetween('2026-03-24', '2026-03-24')).toBe(0);
    expect(businessDaysBetween('2026-04-15', '2026-03-20')).toBe(0);
  });

  it('when n is 0 then the start date is returned unchanged', () => {
    expect(addBusinessDays('2026-03-21', 0)).toBe('2026-03-21');
  });

  it('when the start is a holiday or a weekend then the first business day after it counts as 1', () => {
    expect(addBusinessDays('2026-03-23', 1)).toBe('2026-03-24'); // from San José
    expect(addBusinessDays('2026-03-21', 1)).toBe('2026-03-24'); // from Saturday, across the holiday
    expect(addBusinessDays('2026-04-02', 1)).toBe('2026-04-06'); // from Jueves Santo
  });

  it('when counting across Christmas, New Year and Reyes then the year boundary is crossed', () => {
    // Thu 12-24: Mon 12-28 (1) … Thu 12-31 (4), skip 01-01, Mon 01-04 (5) … Fri 01-08 (9),
    // skip Reyes Mon 01-11, Tue 01-12 (10).
    expect(addBusinessDays('2026-12-24', 4)).toBe('2026-12-31');
    expect(addBusinessDays('2026-12-24', 5)).toBe('2027-01-04');
    expect(addBusinessDays('2026-12-24', 9)).toBe('2027-01-08');
    expect(addBusinessDays('2026-12-24', 10)).toBe('2027-01-12');
    expect(businessDaysBetween('2026-12-24', '2027-01-12')).toBe(10);
  });
});

describe('PLT-09 Bogotá date (UTC−5)', () => {
  it('when the instant is just after midnight UTC then Bogotá is still on the previous day', () => {
    expect(bogotaToday(new Date('2026-03-01T00:30:00Z'))).toBe('2026-02-28');
    expect(bogotaMonth(new Date('2026-03-01T00:30:00Z'))).toBe('2026-02');
    expect(bogotaToday(new Date('2027-01-01T04:59:59Z'))).toBe('2026-12-31');
  });

  it('when the instant is 05:00 UTC then Bogotá has reached midnight of the same date', () => {
    expect(bogotaToday(new Date('2026-03-01T05:00:00Z'))).toBe('2026-03-01');
    expect(bogotaMonth(new Date('2027-01-01T05:00:00Z'))).toBe('2027-01');
  });

  it('when dates are added to or their weekday read, memoised, then they agree with the Date object, before and after 1970', () => {
    for (const start of ['1969-12-25', '2024-02-27', '2026-12-30']) {
      for (let n = -400; n <= 400; n += 7) {
        const at = new Date(`${start}T00:00:00Z`);
        at.setUTCDate(at.getUTCDate() + n);
        expect(addDays(start, n)).toBe(at.toISOString().slice(0, 10));
        expect(weekdayOf(addDays(start, n))).toBe(at.getUTCDay());
      }
    }
    expect(() => addDays('not-a-date', 1)).toThrow(RangeError);
    expect(bogotaToday(new Date('1969-12-31T04:59:59Z'))).toBe('1969-12-30');
  });
});
