import { formatDateEs, renderPdf, type DocumentSpec } from '@eron/shared/documents';
import type { SessionRow } from './jetee.tables';

const SEAT: Record<string, string> = {
  director: 'Director(a), quien preside',
  deputy_director: 'Subdirector(a)',
  director_designee: 'Designado(a) por el Director',
  treatment_head: 'Responsable de atención y tratamiento',
  guard_commander: 'Comandante de vigilancia',
  designated_officer: 'Funcionario designado por el comandante',
};
const DECISION: Record<string, string> = { active: 'Ingresa', refused: 'Negado', removed: 'Retirado' };

/** DIS-20: the numbered, dated acta of a JETEE session — attendance, orders, evaluations (DIS-21, DIS-23). */
export function actaPdf(o: {
  session: SessionRow;
  establishment: string;
  orders: { nui: string; programme: string; status: string; reasons: string | null }[];
  evaluations: { nui: string; programme: string; month: string; rating: string; remarks: string }[];
  issuedBy: string;
}): Promise<Buffer> {
  const s = o.session;
  const spec: DocumentSpec = {
    title: `Acta ${s.acta}`,
    subtitle: 'Junta de Evaluación de Trabajo, Estudio y Enseñanza (JETEE) — Res. 6349 de 2016, Art. 140',
    establishment: { code: s.eron, name: o.establishment },
    facts: [
      ['Acta', s.acta],
      ['Fecha de la sesión', formatDateEs(s.held_on)],
      ['Asistentes', String(s.attendees.length)],
    ],
    sections: [
      {
        heading: '1. Asistencia',
        tables: [
          {
            columns: [
              { header: 'Calidad en la Junta', width: 45 },
              { header: 'Nombre', width: 55 },
            ],
            rows: s.attendees.map((a) => [SEAT[a.seat] ?? a.seat, a.name]),
          },
        ],
        paragraphs: s.notes ? [s.notes] : [],
      },
      {
        heading: '2. Órdenes de ingreso, negativas y retiros',
        tables: [
          {
            columns: [
              { header: 'NUI', width: 14 },
              { header: 'Programa', width: 26 },
              { header: 'Decisión', width: 14 },
              { header: 'Motivación', width: 46 },
            ],
            rows: o.orders.map((d) => [d.nui, d.programme, DECISION[d.status] ?? d.status, d.reasons ?? '—']),
            empty: 'Sin órdenes en esta sesión.',
          },
        ],
      },
      {
        heading: '3. Evaluación mensual',
        tables: [
          {
            columns: [
              { header: 'NUI', width: 14 },
              { header: 'Programa', width: 24 },
              { header: 'Mes', width: 10 },
              { header: 'Calificación', width: 15 },
              { header: 'Evaluación escrita', width: 37 },
            ],
            rows: o.evaluations.map((e) => [e.nui, e.programme, e.month, e.rating, e.remarks]),
            empty: 'Sin evaluaciones en esta sesión.',
          },
        ],
      },
    ],
    closing: [
      `No siendo otro el objeto de la sesión, se da por terminada. Leída y aprobada, el acta ${s.acta} se firma por quienes asistieron.`,
    ],
    signatures: s.attendees.map((a) => ({ name: a.name, position: SEAT[a.seat] ?? a.seat })),
    issued: { at: s.created_at, by: o.issuedBy },
  };
  return renderPdf(spec);
}
