import type { Statement } from '@eron/shared';
import { formatDateEs, formatPesos, renderPdf, toCsv } from '@eron/shared/documents';

const ACCOUNT_ES = { available: 'Disponible', savings: 'Ahorro', seized: 'Incautado' } as const;

/** The statement as CSV (RFC 4180; formulas neutralised, either separator quoted: the document kit). */
export function statementCsv(s: Statement): string {
  const rows: (string | number)[][] = [['cuenta', 'fecha', 'instante', 'tipo', 'concepto', 'referencia', 'importe', 'saldo']];
  for (const sec of s.sections) {
    rows.push([sec.account, s.from, '', 'saldo_inicial', 'Saldo inicial', '', 0, sec.opening]);
    for (const l of sec.lines) rows.push([sec.account, l.date, l.at, l.kind, l.concept, l.reference, l.amount, l.balance]);
    rows.push([sec.account, s.to, '', 'saldo_final', 'Saldo final', '', 0, sec.closing]);
  }
  return toCsv(rows);
}

/**
 * The statement a paymaster prints and the PPL signs (FOL-16): the kit's letterhead, the caps left
 * today and this month, one table per account with date, concept, reference, debit, credit and
 * running balance, the period's totals, signature lines, and who issued it when.
 */
export function statementPdf(s: Statement, issuedBy: string): Promise<Buffer> {
  return renderPdf({
    title: 'Extracto del Folio',
    subtitle: `Período del ${formatDateEs(s.from)} al ${formatDateEs(s.to)} (hora de Bogotá)`,
    establishment: s.eronName ? { code: s.eron, name: s.eronName } : { code: s.eron },
    facts: [
      ['Nombre', s.pplName ?? 'No registrado en el Folio'],
      ['NUI', s.nui],
      [`Disponible al ${formatDateEs(s.now.date)}`, formatPesos(s.now.available)],
      ['Ahorro · Incautado', `${formatPesos(s.now.savings)} · ${formatPesos(s.now.seized)}`],
      ['Queda hoy (tope diario)', `${formatPesos(s.now.day.remaining)} de ${formatPesos(s.now.day.cap)}`],
      ['Queda en el mes (tope mensual)', `${formatPesos(s.now.month.remaining)} de ${formatPesos(s.now.month.cap)}`],
    ],
    sections: s.sections.map((sec) => {
      const debits = sec.lines.reduce((sum, l) => sum + Math.min(l.amount, 0), 0);
      const credits = sec.lines.reduce((sum, l) => sum + Math.max(l.amount, 0), 0);
      return {
        heading: `Cuenta ${ACCOUNT_ES[sec.account]}`,
        tables: [
          {
            caption: `Saldo inicial ${formatPesos(sec.opening)}`,
            columns: [
              { header: 'Fecha', width: 11 },
              { header: 'Concepto', width: 35 },
              { header: 'Referencia', width: 15 },
              { header: 'Débito', width: 13, align: 'right' as const },
              { header: 'Crédito', width: 13, align: 'right' as const },
              { header: 'Saldo', width: 13, align: 'right' as const },
            ],
            rows: sec.lines.map((l) => [
              formatDateEs(l.date),
              l.concept,
              l.reference,
              l.amount < 0 ? formatPesos(l.amount) : '',
              l.amount > 0 ? formatPesos(l.amount) : '',
              formatPesos(l.balance),
            ]),
            totals: ['', 'Totales del período · saldo final', '', formatPesos(debits), formatPesos(credits), formatPesos(sec.closing)],
            empty: 'Sin movimientos en el período',
          },
        ],
      };
    }),
    signatures: [{ position: 'Pagador(a) del establecimiento' }, { position: 'Persona privada de la libertad (recibido)' }],
    issued: { at: new Date(), by: issuedBy },
  });
}
