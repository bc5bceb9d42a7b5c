import { bogotaToday } from '@eron/shared';
import { formatDateEs, renderPdf, type DocumentSpec } from '@eron/shared/documents';

const RATING_ES: Record<string, string> = { ejemplar: 'Ejemplar', buena: 'Buena', regular: 'Regular', mala: 'Mala' };
const KIND_ES: Record<string, string> = {
  reprimand: 'Amonestación con anotación en la cartilla',
  no_recreation: 'Privación de recreación (días)',
  visit_suppression: 'Supresión de visitas (número)',
  incentive_suspension: 'Suspensión de incentivo (días)',
  redemption_loss: 'Pérdida de redención (días)',
};

export interface CertificateData {
  kind: 'certificate' | 'opinion';
  code: string;
  verifyAt: string;
  eron: string;
  establishment: string;
  ppl: { nui: string; names: string | null; surnames: string | null; legalStatus: string | null };
  purpose: string | null;
  ratings: { quarter: string; rating: string; decided: boolean; session: string | null }[];
  sanctions: { severity: string; kind: string; amount: number | null; factDate: string }[];
  favourable: boolean;
  issuedAt: Date;
  issuedBy: string;
}

/** DIS-17 (Arts. 136.6, 136.8): the conduct certificate, or the opinion for the judge on a benefit, with its verification code. */
export function certificatePdf(d: CertificateData): Promise<Buffer> {
  const certificate = d.kind === 'certificate';
  const name = [d.ppl.names, d.ppl.surnames].filter(Boolean).join(' ') || '(sin nombre registrado)';
  const spec: DocumentSpec = {
    title: certificate ? 'Certificado de conducta' : 'Concepto de conducta para el juez',
    subtitle: certificate ? 'Resolución 6349 de 2016, art. 136.6' : `Sobre beneficio judicial — Resolución 6349 de 2016, art. 136.8`,
    establishment: { code: d.eron, name: d.establishment },
    facts: [
      ['PPL', name],
      ['NUI', d.ppl.nui],
      ['Situación jurídica', d.ppl.legalStatus ?? 'sin registro'],
      ...(d.purpose ? ([['Para', d.purpose]] as [string, string][]) : []),
      ['Fecha de expedición', formatDateEs(bogotaToday(d.issuedAt))],
    ],
    sections: [
      {
        heading: 'Calificaciones de conducta (art. 137)',
        paragraphs: ['Calificaciones trimestrales más recientes, según el registro del Consejo de Disciplina:'],
        tables: [
          {
            columns: [
              { header: 'Trimestre', width: 20 },
              { header: 'Calificación', width: 25 },
              { header: 'Estado', width: 25 },
              { header: 'Sesión (acta)', width: 30 },
            ],
            rows: d.ratings.map((r) => [
              r.quarter,
              RATING_ES[r.rating] ?? r.rating,
              r.decided ? 'Decidida por el Consejo' : 'Propuesta',
              r.session ?? '—',
            ]),
            empty: 'Sin calificaciones registradas.',
          },
        ],
      },
      {
        heading: 'Sanciones en firme de los últimos doce meses',
        tables: [
          {
            columns: [
              { header: 'Fecha de los hechos', width: 22 },
              { header: 'Falta', width: 14 },
              { header: 'Sanción', width: 50 },
              { header: 'Cantidad', width: 14, align: 'center' },
            ],
            rows: d.sanctions.map((s) => [
              formatDateEs(s.factDate),
              s.severity,
              KIND_ES[s.kind] ?? s.kind,
              s.amount === null ? '—' : String(s.amount),
            ]),
            empty: 'Sin sanciones en firme.',
          },
        ],
      },
      certificate
        ? {
            heading: 'Certificación',
            paragraphs: [`Se expide a solicitud, con base en el registro disciplinario de la PPL en el establecimiento.`],
          }
        : {
            heading: 'Concepto',
            paragraphs: [
              d.favourable
                ? 'FAVORABLE: la última calificación es buena o ejemplar y no hay sanciones en firme en los últimos seis meses.'
                : 'DESFAVORABLE: la última calificación no es buena ni ejemplar, o hay sanciones en firme en los últimos seis meses.',
              'El juez de ejecución de penas decide sobre el beneficio; este concepto resume el registro de conducta.',
            ],
          },
    ],
    signatures: [{ position: 'Director(a) del establecimiento' }],
    issued: { at: d.issuedAt, by: d.issuedBy },
    verification: { code: d.code, where: d.verifyAt },
  };
  return renderPdf(spec);
}
