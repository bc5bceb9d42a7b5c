import { stringify } from 'csv-stringify/sync';

/** The separators a spreadsheet expects: `,` in English locales, `;` in Spanish ones (Excel es-CO). */
export type CsvSeparator = ',' | ';';

/**
 * A text a spreadsheet would run as a formula (`= + - @`, or a leading tab or carriage return)
 * gets an apostrophe in front (OWASP CSV injection); numbers are left as numbers.
 */
const neutralise = (value: string | number): string | number =>
  typeof value === 'number' ? value : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

/**
 * Rows as CSV (RFC 4180, CRLF) with csv-stringify: any field holding either separator, a quote or
 * a line break is quoted, so the same file opens right whichever separator the reader's locale uses.
 */
export function toCsv(rows: (string | number)[][], separator: CsvSeparator = ','): string {
  return stringify(
    rows.map((r) => r.map(neutralise)),
    { delimiter: separator, record_delimiter: '\r\n', quoted_match: /[;,"\r\n]/, cast: { number: (n) => String(n) } },
  );
}
