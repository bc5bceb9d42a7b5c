import { formatDateEs, renderPdf, type DocumentSpec } from '@eron/shared/documents';

const KINDS: Record<string, string> = {
  refusal: 'Ingreso negado (bajo efecto de alcohol o sustancias)',
  suspension: 'Visita suspendida (Art. 85)',
  lost_token: 'Ficha perdida (3 SMLDV)',
  damaged_token: 'Ficha dañada (3 SMLDV)',
};

const hour = (d: Date) => d.toLocaleTimeString('es-CO', { timeZone: 'America/Bogota', hour: '2-digit', minute: '2-digit', hour12: false });

/** VIS-20 (Art. 68 §1): the visit day's incident report for the regional director. IDs only, no visitor identity. */
export function incidentReportPdf(o: {
  eron: string;
  date: string;
  incidents: { kind: string; nui: string; booking_id: string; reason: string; at: Date }[];
  issuedBy: string;
  issuedAt: Date;
}): Promise<Buffer> {
  const spec: DocumentSpec = {
    title: 'Informe de novedades de la jornada de visitas',
    subtitle: `Para la Dirección Regional — ${formatDateEs(o.date)}`,
    establishment: { code: o.eron },
    facts: [
      ['Establecimiento', o.eron],
      ['Jornada', formatDateEs(o.date)],
      ['Novedades', String(o.incidents.length)],
      ['Fundamento', 'Resolución 6349 de 2016, artículos 68 §1 y 85'],
    ],
    sections: [
      {
        heading: 'Novedades',
        paragraphs: [
          o.incidents.length === 0
            ? 'La jornada de visitas transcurrió sin novedades.'
            : 'Las novedades registradas en la guardia de ingreso durante la jornada fueron las siguientes:',
        ],
        tables: [
          {
            columns: [
              { header: 'N.º', width: 6, align: 'center' },
              { header: 'Hora', width: 10 },
              { header: 'Novedad', width: 28 },
              { header: 'PPL (NUI)', width: 14 },
              { header: 'Motivo', width: 42 },
            ],
            rows: o.incidents.map((x, n) => [String(n + 1), hour(x.at), KINDS[x.kind] ?? x.kind, x.nui, x.reason]),
            empty: 'Sin novedades.',
          },
        ],
      },
    ],
    signatures: [{ position: 'Director(a) del establecimiento' }, { position: 'Comandante de vigilancia' }],
    issued: { at: o.issuedAt, by: o.issuedBy },
  };
  return renderPdf(spec);
}
