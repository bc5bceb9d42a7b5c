import { SMMLV, smldv, smmlv } from '../src/smmlv';

describe('FOL-03 SMMLV and SMLDV', () => {
  it('when the year is 2016 then the SMMLV is 689 455 (Decreto 2552 de 2015)', () => {
    expect(smmlv(2016)).toBe(689_455);
  });

  it('when the table is read then it has exactly every year 2016..2026', () => {
    const years = Object.keys(SMMLV)
      .map(Number)
      .sort((a, b) => a - b);
    expect(years).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('when the years follow each other then the SMMLV never goes down', () => {
    for (let year = 2017; year <= 2026; year++) expect(smmlv(year)).toBeGreaterThan(smmlv(year - 1));
  });

  it('when decreed values are asked for then they match the decrees', () => {
    expect(smmlv(2022)).toBe(1_000_000);
    expect(smmlv(2024)).toBe(1_300_000);
    expect(smmlv(2025)).toBe(1_423_500);
  });

  it('when the SMLDV is asked for then it is SMMLV ÷ 30 rounded down', () => {
    expect(smldv(2016)).toBe(22_981); // 689 455 / 30 = 22 981.83
    expect(smldv(2022)).toBe(33_333); // 1 000 000 / 30 = 33 333.33
    expect(smldv(2025)).toBe(47_450); // exact
    for (let year = 2016; year <= 2026; year++) {
      expect(smldv(year)).toBe(Math.floor(smmlv(year) / 30));
      expect(Number.isInteger(smldv(year))).toBe(true);
    }
  });

  it('when the year is not on record then smmlv and smldv throw a RangeError', () => {
    expect(() => smmlv(2015)).toThrow(RangeError);
    expect(() => smmlv(2027)).toThrow('No SMMLV on record for 2027');
    expect(() => smldv(1999)).toThrow(RangeError);
  });
});
