const UNITS = [
  '',
  'un',
  'dos',
  'tres',
  'cuatro',
  'cinco',
  'seis',
  'siete',
  'ocho',
  'nueve',
  'diez',
  'once',
  'doce',
  'trece',
  'catorce',
  'quince',
  'dieciseis',
  'diecisiete',
  'dieciocho',
  'diecinueve',
  'veinte',
  'veintiun',
  'veintidos',
  'veintitres',
  'veinticuatro',
  'veinticinco',
  'veintiseis',
  'veintisiete',
  'veintiocho',
  'veintinueve',
];
const TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const HUNDREDS = [
  '',
  'ciento',
  'doscientos',
  'trescientos',
  'cuatrocientos',
  'quinientos',
  'seiscientos',
  'setecientos',
  'ochocientos',
  'novecientos',
];

function below1000(n: number): string {
  if (n === 100) return 'cien';
  const h = Math.floor(n / 100);
  const rest = n % 100;
  const tail = rest < 30 ? UNITS[rest]! : `${TENS[Math.floor(rest / 10)]}${rest % 10 ? ` y ${UNITS[rest % 10]}` : ''}`;
  return [HUNDREDS[h], tail].filter(Boolean).join(' ');
}

function below1e6(n: number): string {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = thousands === 0 ? '' : thousands === 1 ? 'mil' : `${below1000(thousands)} mil`;
  return [head, below1000(rest)].filter(Boolean).join(' ');
}

/** A whole peso amount in Spanish words, normalised (no accents, "un" for one): 1 250 000 → "un millon doscientos cincuenta mil". */
export function inWords(n: number): string {
  if (n === 0) return 'cero';
  const millions = Math.floor(n / 1_000_000);
  const rest = n % 1_000_000;
  const head = millions === 0 ? '' : millions === 1 ? 'un millon' : `${below1e6(millions)} millones`;
  return [head, below1e6(rest)].filter(Boolean).join(' ');
}

/** Lower case, no accents, no currency words, "uno" as "un", one space: how two spellings are compared. */
export function normaliseWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/m\/?cte\.?|moneda corriente|pesos?|de\b|colombianos?|cop|\$|[.,]/g, ' ')
    .replace(/\buno\b/g, 'un')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether the amount in words written on the request says the same as the figure (Art. 41.5). */
export const wordsMatch = (words: string, amount: number): boolean => normaliseWords(words) === inWords(amount);
