import { bogotaToday, type RedemptionMonth } from '@eron/shared';
import { formatDateEs, renderPdf, type DocumentSpec } from '@eron/shared/documents';
import type { CertificateRow } from '../jetee/jetee.tables';
import type { HeldPpl } from '../ppl/ppl.lookup';
import { verificationPath } from '../verification/verification.rules';

const KIND: Record<string, string> = { work: 'Trabajo', study: 'Estudio', teaching: 'Enseñanza' };
const days = (n: number) => n.toFixed(2).replace('.', ',');
const RATING: Record<string, string> = { sobresaliente: 'Sobresaliente', buena: 'Buena', deficiente: 'Deficiente' };
/** 2026-12 → 12/2026, as the dates of the document read. */
const monthEs = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/** DIS-24: the Director's certificate of computed time (certificado de cómputos) for the supervising judge. */
export function certificatePdf(o: {
  certificate: CertificateRow;
  ppl: HeldPpl;
  months: RedemptionMonth[];
  establishment: string;
  /** The JETEE session that evaluated each month (by evaluation ID): its acta number and date. */
  actas: Map<string, { acta: string; heldOn: string }>;
  /** The Director on the JETEE, who signs. */
  director?: string;
}): Promise<Buffer> {
  const c = o.certificate;
  const favourable = o.months.filter((m) => m.favourable);
  const spec: DocumentSpec = {
    title: 'Certificado de cómputos para redención de pena',
    subtitle: 'Junta de Evaluación de Trabajo, Estudio y Enseñanza — para el Juez de Ejecución de Penas',
    establishment: { code: c.eron, name: o.establishment },
    facts: [
      ['PPL', `${o.ppl.names ?? ''} ${o.ppl.surnames ?? ''}`.trim() || '—'],
      ['NUI', c.nui],
      [
        'Situación jurídica',
        o.ppl.sentencedAt ? `Condenado (en firme desde ${formatDateEs(bogotaToday(o.ppl.sentencedAt))})` : 'Sindicado',
      ],
      ['Días certificados', days(c.days)],
      ['Fecha de expedición', formatDateEs(bogotaToday(c.issued_at))],
      ['Código de verificación', c.code],
      ...(c.judge_request ? ([['Solicitud del juez (Art. 112)', c.judge_request]] as [string, string][]) : []),
      [
        'Fundamento',
        'Ley 65 de 1993 Arts. 82, 97, 98, 101 (Ley 1709 de 2014); Ley 2466 de 2025 Art. 19; Res. 6349 de 2016 Arts. 111–113, 140',
      ],
    ],
    sections: [
      {
        heading: 'Meses evaluados por la JETEE',
        paragraphs: ['Cómputo con la regla vigente en cada día del mes. Un mes calificado deficiente no redime.'],
        tables: [
          {
            columns: [
              { header: 'Mes', width: 9 },
              { header: 'Actividad', width: 10 },
              { header: 'Horas', width: 7, align: 'right' },
              { header: 'Evaluación', width: 12 },
              { header: 'Conducta', width: 10 },
              { header: 'Acta de la JETEE', width: 19 },
              { header: 'Regla aplicada', width: 23 },
              { header: 'Días', width: 10, align: 'right' },
            ],
            rows: o.months.map((m) => [
              monthEs(m.month),
              KIND[m.kind] ?? m.kind,
              String(m.countedHours),
              RATING[m.rating] ?? m.rating,
              m.conductRating ?? '—',
              ((a) => (a ? `${a.acta}\n${formatDateEs(a.heldOn)}` : '—'))(o.actas.get(m.evaluationId)),
              m.inForce.map((x) => `${x.rate}: ${days(x.days)}`).join('\n') || '—',
              m.note ? `0,00 (${m.note.split(':')[0]})` : days(m.days),
            ]),
          },
        ],
      },
      {
        heading: 'Favorabilidad',
        paragraphs: [
          favourable.length === 0
            ? 'Ninguna regla posterior resulta más favorable para los meses certificados.'
            : 'Una regla posterior resulta más favorable en los meses siguientes; el juez decide cuál aplica:',
        ],
        tables: favourable.length
          ? [
              {
                columns: [
                  { header: 'Mes', width: 14 },
                  { header: 'Regla vigente (días)', width: 28, align: 'right' },
                  { header: 'Regla favorable', width: 40 },
                  { header: 'Días', width: 18, align: 'right' },
                ],
                rows: favourable.map((m) => [
                  monthEs(m.month),
                  days(m.inForce.reduce((s, x) => s + x.days, 0)),
                  m.favourable!.rate,
                  days(m.favourable!.days),
                ]),
              },
            ]
          : [],
      },
    ],
    closing: [
      `Se expide para el Juez de Ejecución de Penas y Medidas de Seguridad, con base en las evaluaciones de la JETEE citadas, ` +
        `por ${days(c.days)} días de redención.`,
    ],
    signatures: [{ name: o.director, position: 'Director(a) del establecimiento' }, { position: 'Secretario(a) de la JETEE' }],
    issued: { at: c.issued_at, by: c.issued_by },
    verification: { code: c.code, where: verificationPath(c.code) },
  };
  return renderPdf(spec);
}
