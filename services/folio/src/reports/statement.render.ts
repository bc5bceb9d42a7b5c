import PDFDocument from 'pdfkit';
import type { Statement } from '@eron/shared';

const ACCOUNT_ES = { available: 'Disponible', savings: 'Ahorro', seized: 'Incautado' } as const;
const pesos = (n: number) => `$${n.toLocaleString('es-CO')}`;

/**
 * RFC 4180 field: quoted when it holds a separator, quote or line break; a text that a
 * spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe (OWASP CSV injection).
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function statementCsv(s: Statement): string {
  const rows: (string | number)[][] = [['cuenta', 'fecha', 'instante', 'tipo', 'concepto', 'referencia', 'importe', 'saldo']];
  for (const sec of s.sections) {
    rows.push([sec.account, s.from, '', 'saldo_inicial', 'Saldo inicial', '', 0, sec.opening]);
    for (const l of sec.lines) rows.push([sec.account, l.date, l.at, l.kind, l.concept, l.reference, l.amount, l.balance]);
    rows.push([sec.account, s.to, '', 'saldo_final', 'Saldo final', '', 0, sec.closing]);
  }
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The statement as a printable PDF (FOL-16), rendered with pdfkit into one buffer. */
export function statementPdf(s: Statement): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 48, info: { Title: `Extracto Folio ${s.nui}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(14).text(`Extracto del Folio — NUI ${s.nui}`);
  doc.fontSize(9).text(`Establecimiento ${s.eron} · Período ${s.from} a ${s.to} (hora de Bogotá)`);
  doc.text(
    `Hoy ${s.now.date}: disponible ${pesos(s.now.available)} · queda hoy ${pesos(s.now.day.remaining)} · queda en el mes ${pesos(s.now.month.remaining)}`,
  );
  for (const sec of s.sections) {
    doc
      .moveDown()
      .fontSize(11)
      .text(`${ACCOUNT_ES[sec.account]} — saldo inicial ${pesos(sec.opening)}`);
    doc.fontSize(8);
    for (const l of sec.lines) doc.text(`${l.date}  ${l.concept}  [${l.reference}]  ${pesos(l.amount)}  saldo ${pesos(l.balance)}`);
    doc.fontSize(9).text(`Saldo final ${pesos(sec.closing)}`);
  }
  doc.end();
  return done;
}
