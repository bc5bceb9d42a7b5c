/**
 * SMMLV — the legal monthly minimum wage per year, in pesos, from the yearly decrees (FOL-03).
 * SMLDV (daily) = SMMLV ÷ 30. The DG's overrides (Arts. 40 §1, 41) live in folio's database and
 * take precedence from their effective date.
 */
export const SMMLV: Readonly<Record<number, number>> = {
  2016: 689_455, // Decreto 2552 de 2015
  2017: 737_717, // Decreto 2209 de 2016
  2018: 781_242, // Decreto 2269 de 2017
  2019: 828_116, // Decreto 2451 de 2018
  2020: 877_803, // Decreto 2360 de 2019
  2021: 908_526, // Decreto 1785 de 2020
  2022: 1_000_000, // Decreto 1724 de 2021
  2023: 1_160_000, // Decreto 2613 de 2022
  2024: 1_300_000, // Decreto 2292 de 2023
  2025: 1_423_500, // Decreto 1572 de 2024
  2026: 1_750_905, // decreed December 2025 (+23.7 %); a DG override corrects it if needed
};

export function smmlv(year: number): number {
  const value = SMMLV[year];
  if (value === undefined) throw new RangeError(`No SMMLV on record for ${year}`);
  return value;
}

/** SMLDV, the daily minimum wage: SMMLV ÷ 30, rounded down to whole pesos. */
export const smldv = (year: number): number => Math.floor(smmlv(year) / 30);

const KNOWN_YEARS = Object.keys(SMMLV)
  .map(Number)
  .sort((a, b) => a - b);

/**
 * The SMMLV in force in a year: that year's decree, or — for a year whose decree is not in the
 * table yet — the latest one known, until the table (or a DG override) is updated.
 */
export function smmlvInForce(year: number): number {
  const known = KNOWN_YEARS.filter((y) => y <= year).at(-1) ?? KNOWN_YEARS[0]!;
  return smmlv(known);
}
