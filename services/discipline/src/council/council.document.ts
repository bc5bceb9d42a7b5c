import type { CouncilGroup, CouncilSession } from '@eron/shared';
import { formatDateEs, renderPdf, type DocumentSpec } from '@eron/shared/documents';

const POSTS: Record<string, string> = {
  director: 'Director(a) del establecimiento, quien preside',
  deputy_director: 'Subdirector(a)',
  legal_head: 'Responsable del área jurídica',
  guard_commander: 'Comandante de vigilancia',
  workshops_head: 'Responsable de talleres',
  education_head: 'Responsable de educación',
  psychologist: 'Psicólogo(a)',
  social_worker: 'Trabajador(a) social',
  doctor: 'Médico(a)',
  personero: 'Personero(a) municipal o delegado',
  ppl_representative: 'Representante de la PPL (voz sin voto)',
  ppl_alternate: 'Suplente del representante de la PPL (voz sin voto)',
};
const GROUPS = { plenary: 'Pleno', one: 'Grupo uno', two: 'Grupo dos' } as const;
const VOTES = { for: 'A favor', against: 'En contra', abstain: 'Se abstiene' } as const;
const OUTCOMES = { approved: 'Aprobada', rejected: 'Negada' } as const;
export const postName = (post: string): string => POSTS[post] ?? post;

/** The post as the acta names it: the personero's delegate before group two says so (Art. 135 §1). */
const seatName = (post: string, groups: readonly string[] | undefined): string =>
  post === 'personero' && groups?.includes('two') ? 'Delegado(a) del personero municipal ante el grupo dos' : postName(post);

/** "2 a favor, 1 en contra y ninguna abstención": the tally an acta states next to the outcome. */
function tally(votes: { vote: keyof typeof VOTES }[]): string {
  const n = (v: string) => votes.filter((x) => x.vote === v).length;
  const abstain = n('abstain');
  return `${n('for')} a favor, ${n('against')} en contra y ${abstain === 0 ? 'ninguna abstención' : `${abstain} abstención(es)`}`;
}

/**
 * DIS-11, DIS-12 (Art. 135): the session's acta as the council secretary signs it — the
 * establishment, number and date, attendance, agenda, every decision with each member's vote and
 * its outcome, and signature lines for the president and the secretary.
 */
export function councilActaPdf(
  s: CouncilSession,
  o: {
    establishmentName: string;
    secretary: { name: string; position: string };
    /** The groups each member present sits in (the quorum of a group's decision is counted among them). */
    groupsOf: Record<string, readonly CouncilGroup[]>;
    issuedBy: string;
    issuedAt: Date;
  },
): Promise<Buffer> {
  const president = s.present.find((p) => p.post === 'director');
  const quorum = (group: CouncilGroup) => s.present.filter((p) => p.votes && o.groupsOf[p.memberId]?.includes(group)).length;
  const spec: DocumentSpec = {
    title: 'Acta de sesión del Consejo de Disciplina',
    subtitle: `Acta N.º ${s.acta}`,
    establishment: { code: s.eron, name: o.establishmentName },
    facts: [
      ['Establecimiento', `${o.establishmentName} (${s.eron})`],
      ['Acta', s.acta],
      ['Fecha de la sesión', formatDateEs(s.date)],
      ['Sesión', s.kind === 'ordinary' ? 'Ordinaria' : `Extraordinaria${s.convenedBy ? ` — convocada por ${convener(s.convenedBy)}` : ''}`],
      ['Fundamento', 'Resolución 6349 de 2016, artículos 134 a 136'],
    ],
    sections: [
      {
        heading: '1. Asistencia',
        paragraphs: [
          `Asistieron ${s.present.length} integrantes, ${s.present.filter((p) => p.votes).length} con voz y voto.` +
            (s.justification ? ` Justificación de la convocatoria: ${s.justification}` : ''),
        ],
        tables: [
          {
            columns: [
              { header: 'Nombre', width: 45 },
              { header: 'Calidad en el Consejo', width: 45 },
              { header: 'Voto', width: 10, align: 'center' },
            ],
            rows: s.present.map((p) => [p.name, seatName(p.post, o.groupsOf[p.memberId]), p.votes ? 'Sí' : 'No']),
          },
        ],
      },
      { heading: '2. Orden del día', paragraphs: s.agenda.map((a, i) => `${i + 1}. ${a}`) },
      {
        heading: '3. Decisiones',
        paragraphs: [
          s.decisions.length === 0
            ? 'El Consejo no adoptó decisiones en esta sesión.'
            : 'Cada decisión la adopta el pleno o el grupo que indica, con quórum de tres integrantes con voto presentes; ' +
              'el representante de la PPL y su suplente intervienen con voz y sin voto (Art. 135).',
        ],
      },
      ...s.decisions.map((d) => ({
        heading: `3.${d.number}. Decisión ${d.number} — ${GROUPS[d.group]}: ${d.subject}`,
        facts: [
          ...(d.nui ? ([['PPL (NUI)', d.nui]] as [string, string][]) : []),
          ['Quórum', `${quorum(d.group)} integrantes con voto del ${GROUPS[d.group].toLowerCase()} presentes (mínimo 3)`] as [
            string,
            string,
          ],
          ['Votación', tally(d.votes)] as [string, string],
          ['Resultado', OUTCOMES[d.outcome]] as [string, string],
        ],
        paragraphs: [`Motivación: ${d.reasons}`],
        tables: [
          {
            columns: [
              { header: 'Integrante', width: 40 },
              { header: 'Calidad', width: 40 },
              { header: 'Voto', width: 20 },
            ],
            rows: d.votes.map((v) => [v.name, seatName(v.post, o.groupsOf[v.memberId]), VOTES[v.vote]]),
          },
        ],
      })),
    ],
    closing: [`No siendo otro el objeto de la sesión, se da por terminada. Leída y aprobada, el acta ${s.acta} se firma.`],
    signatures: [
      { name: president?.name, position: 'Presidente del Consejo de Disciplina' },
      { name: o.secretary.name, position: `Secretario(a) del Consejo — ${o.secretary.position}` },
    ],
    issued: { at: o.issuedAt, by: o.issuedBy },
  };
  return renderPdf(spec);
}

const convener = (by: string): string =>
  by === 'director' ? 'el Director' : by === 'legal_head' ? 'el responsable del área jurídica' : 'petición justificada de un integrante';
