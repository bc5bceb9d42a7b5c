import { formatDateEs, formatDateTimeEs, formatPesos, renderPdf, toCsv, type DocumentSpec } from '../src/document-kit';
import { pdfText } from '../src/testing/pdf';

const statementLike = (lines: number): DocumentSpec => ({
  title: 'Extracto del Folio',
  subtitle: 'Período del 01/11/2026 al 30/11/2026',
  establishment: { code: '113', name: 'COMEB Bogotá' },
  facts: [
    ['PPL', 'Juan Carlos Pérez Gómez'],
    ['NUI', '1000001'],
  ],
  sections: [
    {
      heading: 'Cuenta disponible',
      tables: [
        {
          columns: [
            { header: 'Fecha', width: 11 },
            { header: 'Concepto', width: 36 },
            { header: 'Referencia', width: 14 },
            { header: 'Débito', width: 13, align: 'right' },
            { header: 'Crédito', width: 13, align: 'right' },
            { header: 'Saldo', width: 13, align: 'right' },
          ],
          rows: Array.from({ length: lines }, (_, i) => [
            '24/11/2026',
            `Compra ${i}`,
            `R-${i}`,
            formatPesos(-6600),
            '',
            formatPesos(100_000 - 6600 * i),
          ]),
          totals: ['', 'Totales del período', '', formatPesos(-6600 * lines), formatPesos(0), ''],
        },
      ],
    },
  ],
  signatures: [{ name: 'Ana Ruiz', position: 'Pagadora' }],
  issued: { at: new Date('2026-11-30T15:04:00Z'), by: 'paymaster-113' },
  verification: { code: 'FOL-7K3M-9QX2', where: 'GET /api/v1/folio/documents/FOL-7K3M-9QX2' },
});

describe('the document kit every service prints with', () => {
  test('amounts read as a Colombian officer writes them, debits with a minus before the sign', () => {
    expect([formatPesos(185_000), formatPesos(-6_600), formatPesos(0), formatPesos(1_234_567)]).toEqual([
      '$185.000',
      '-$6.600',
      '$0',
      '$1.234.567',
    ]);
    expect(formatDateEs('2026-11-24')).toBe('24/11/2026');
    expect(formatDateTimeEs(new Date('2026-11-30T15:04:00Z'))).toBe('30/11/2026 10:04 (hora de Bogotá)');
  });

  test('when a document runs over pages then every page has the letterhead, the table headings again, and "Página i de N"', async () => {
    const text = pdfText(await renderPdf(statementLike(90)));
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain('INSTITUTO NACIONAL PENITENCIARIO Y CARCELARIO — INPEC');
      expect(page).toContain('COMEB Bogotá (113)');
      expect(page).toMatch(/Fecha\s+Concepto\s+Referencia\s+Débito\s+Crédito\s+Saldo/);
      expect(page).toContain(`Página ${i + 1} de ${pages.length}`);
      expect(page).toContain('Expedido el 30/11/2026 10:04 (hora de Bogotá) por paymaster-113');
      expect(page).toContain('Código de verificación FOL-7K3M-9QX2');
    });
    const last = pages.at(-1)!;
    expect(last).toMatch(/Totales del período\s+-\$594\.000/);
    expect(last).toContain('Ana Ruiz');
    expect(last).toContain('Pagadora');
    expect(pages[0]).toContain('Juan Carlos Pérez Gómez');
  });

  test('when the closing and the signature lines do not fit under the last table then they move together: no page holds signatures alone', async () => {
    const people = ['Ana Ruiz', 'Luis Mora', 'Marta Gil', 'Pedro Sosa', 'Sofía Paz'].map((name) => ({ name, position: 'Miembro' }));
    for (const lines of [30, 31, 32, 33, 34, 35, 36]) {
      const spec = { ...statementLike(lines), closing: ['Leída y aprobada, se firma por quienes asistieron.'], signatures: people };
      const pages = pdfText(await renderPdf(spec))
        .split('\f')
        .filter((p) => p.trim());
      const last = pages.at(-1)!;
      expect([lines, last.includes('Leída y aprobada')]).toEqual([lines, true]);
      for (const p of people) expect([lines, p.name, last.includes(p.name)]).toEqual([lines, p.name, true]);
      expect([lines, pages.slice(0, -1).some((page) => page.includes('Leída y aprobada') || page.includes('Pedro Sosa'))]).toEqual([
        lines,
        false,
      ]);
    }
  });

  test('CSV: a field holding either separator is quoted, formulas are neutralised in any field, numbers stay numbers', () => {
    const rows = [
      ['concepto', 'importe'],
      ['Jabón; de baño', -6600],
      ['=HYPERLINK("http://x")', 1],
      ['+57 300', 2],
      ['-5', 3],
      ['@SUM(A1)', 4],
      ['\tcmd', 5],
      ['\rcmd', 6],
      ['a,b', 7],
    ];
    expect(toCsv(rows, ';').split('\r\n')).toEqual([
      'concepto;importe',
      '"Jabón; de baño";-6600',
      `"'=HYPERLINK(""http://x"")";1`,
      "'+57 300;2",
      "'-5;3",
      "'@SUM(A1);4",
      "'\tcmd;5",
      `"'\rcmd";6`,
      '"a,b";7',
      '',
    ]);
    expect(toCsv([['a;b', 'c']], ',')).toBe('"a;b",c\r\n');
  });
});
