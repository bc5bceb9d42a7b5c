import type { BoardDecision, BoardSession } from '@eron/shared';
import { formatDateEs, renderPdf, type DocumentSpec } from '@eron/shared/documents';

/** How each seat of the board is named in its acta (Art. 141). */
const SEATS: Record<string, string> = {
  presiding: 'Preside (Director o Subdirector)',
  legal: 'Responsable del área jurídica',
  health: 'Responsable de sanidad',
  guard_commander: 'Comandante de vigilancia',
  social_work: 'Trabajo social o psicología',
};
const seatOf = (seat: string): string => SEATS[seat] ?? seat;

const decisionName = (d: BoardDecision): string =>
  d.kind === 'placement' ? 'Ubicación' : `${d.decision === 'approved' ? 'Cambio aprobado' : 'Cambio negado'}\nPidió: ${d.wanted}`;

const placeOf = (d: BoardDecision): string => (d.unit && d.cell ? `${d.unit}, celda ${d.cell}` : '—');

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the board decided, in words, for the acta's opening of its decisions. */
function summary(decisions: BoardDecision[]): string {
  if (decisions.length === 0) return 'La Junta no adoptó decisiones en esta sesión.';
  const placements = decisions.filter((d) => d.kind === 'placement').length;
  const approved = decisions.filter((d) => d.kind === 'cell_change' && d.decision === 'approved').length;
  const denied = decisions.length - placements - approved;
  return (
    `La Junta adoptó ${plural(decisions.length, 'decisión', 'decisiones')}: ${plural(placements, 'asignación', 'asignaciones')} de patio y celda, ` +
    `${plural(approved, 'solicitud', 'solicitudes')} de cambio ${approved === 1 ? 'aprobada' : 'aprobadas'} y ` +
    `${plural(denied, 'solicitud', 'solicitudes')} de cambio ${denied === 1 ? 'negada' : 'negadas'}, cada una con la motivación que sigue ` +
    '(Art. 141 numerales 5 y 6).'
  );
}

/**
 * The session's acta as the council secretary prints it for signature (CLS-11, Arts. 30 and 141):
 * the kit's letterhead, the numbered acta, who sat in which seat, every decision with its reasons,
 * the closing, a signature line for each member present, and the date and officer of issue.
 */
export function actaPdf(
  s: BoardSession,
  o: { establishmentName?: string; issuedBy: string; issuedAt: Date; verifyAt: string },
): Promise<Buffer> {
  const spec: DocumentSpec = {
    title: 'Acta de la Junta de Asignación de Patios y Celdas',
    subtitle: `Acta N.º ${s.acta}`,
    establishment: { code: s.eron, name: o.establishmentName },
    facts: [
      ['Establecimiento', o.establishmentName ? `${o.establishmentName} (${s.eron})` : s.eron],
      ['Fecha de la sesión', formatDateEs(s.date)],
      ['Fundamento', 'Resolución 6349 de 2016, artículos 30 y 141'],
    ],
    sections: [
      {
        heading: '1. Asistentes',
        paragraphs: [
          `El ${formatDateEs(s.date)} sesionó la Junta de Asignación de Patios y Celdas del establecimiento, con la asistencia de ` +
            `${plural(s.attendees.length, 'miembro', 'miembros')}:`,
        ],
        tables: [
          {
            columns: [
              { header: 'Calidad en la Junta', width: 34 },
              { header: 'Nombre', width: 33 },
              { header: 'Cargo', width: 33 },
            ],
            rows: s.attendees.map((a) => [seatOf(a.seat), a.name, a.position]),
          },
        ],
      },
      {
        heading: '2. Decisiones',
        paragraphs: [summary(s.decisions)],
        tables: [
          {
            columns: [
              { header: 'N.º', width: 5, align: 'center' },
              { header: 'Persona privada de la libertad', width: 21 },
              { header: 'Decisión', width: 21 },
              { header: 'Patio y celda', width: 17 },
              { header: 'Motivación', width: 36 },
            ],
            rows: s.decisions.map((d, i) => [String(i + 1), `${d.person}\nNUI ${d.nui}`, decisionName(d), placeOf(d), d.reasons]),
            empty: 'Sin decisiones.',
          },
        ],
      },
    ],
    closing: [
      `No siendo otro el objeto de la sesión, se da por terminada. Leída y aprobada, el acta ${s.acta} se firma por quienes asistieron.`,
    ],
    signatures: s.attendees.map((a) => ({ name: a.name, position: a.seat === 'presiding' ? `${a.position}, quien preside` : a.position })),
    issued: { at: o.issuedAt, by: o.issuedBy },
    verification: { code: s.acta, where: o.verifyAt },
  };
  return renderPdf(spec);
}
