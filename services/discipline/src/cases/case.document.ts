import { bogotaToday } from '@eron/shared';
import { formatDateEs, renderPdf, type DocumentSpec } from '@eron/shared/documents';
import type { CaseRow } from './case.tables';

const SEVERITY = { leve: 'Leve', grave: 'Grave' } as const;
const AUTHORITY = {
  director: 'el Director del establecimiento',
  council_group_one: 'el grupo uno del Consejo de Disciplina',
  council_group_two: 'el grupo dos del Consejo de Disciplina',
} as const;
const INSTRUCTOR: Record<string, string> = {
  investigator: 'Funcionario responsable de las investigaciones a internos',
  deputy_director: 'Subdirector(a) del establecimiento',
};
const KINDS: Record<string, (n: number | null) => string> = {
  reprimand: () => 'Amonestación con anotación en la cartilla biográfica',
  no_recreation: (n) => `Privación de recreación por ${n} día(s)`,
  visit_suppression: (n) => `Supresión de ${n} visita(s) sucesiva(s) (nunca la visita íntima, Art. 71)`,
  incentive_suspension: (n) => `Suspensión de estímulos por ${n} día(s)`,
  redemption_loss: (n) => `Pérdida de ${n} día(s) de redención de pena`,
};

export interface CaseDocumentContext {
  establishmentName: string;
  ppl: { names: string | null; surnames: string | null };
  offenceText: string;
  issuedBy: string;
  issuedAt: Date;
  appealDays?: number;
}

const who = (c: CaseRow, o: CaseDocumentContext) => [o.ppl.names, o.ppl.surnames].filter(Boolean).join(' ') || `NUI ${c.nui}`;

function head(c: CaseRow, o: CaseDocumentContext): DocumentSpec['facts'] {
  return [
    ['Establecimiento', `${o.establishmentName} (${c.eron})`],
    ['Persona privada de la libertad', `${who(c, o)} — NUI ${c.nui}`],
    ['Actuación', c.id],
    ['Falta', `${c.offence_code} (${SEVERITY[c.severity]}) — catálogo ${c.offence_version}`],
    ['Fecha y lugar de los hechos', `${formatDateEs(c.fact_date)}, ${c.place}`],
  ];
}

/** DIS-04 (Art. 149): the notice of charges the PPL signs on receipt, with the right to be heard. */
export function noticePdf(c: CaseRow, o: CaseDocumentContext): Promise<Buffer> {
  const n = c.notice!;
  return renderPdf({
    title: 'Notificación de cargos',
    subtitle: 'Proceso disciplinario — Resolución 6349 de 2016, artículos 134 a 151',
    establishment: { code: c.eron, name: o.establishmentName },
    facts: head(c, o),
    sections: [
      { heading: '1. La conducta', paragraphs: [o.offenceText] },
      { heading: '2. Los hechos informados', paragraphs: [c.facts, `Informa: ${c.reporter}.`] },
      ...(c.evidence.length ? [{ heading: '3. Pruebas', paragraphs: c.evidence.map((e, i) => `${i + 1}. ${e}`) }] : []),
      { heading: `${c.evidence.length ? 4 : 3}. Cargos formulados`, paragraphs: [n.charges] },
      {
        heading: 'Derechos de la persona',
        paragraphs: [
          'Usted tiene derecho a conocer las pruebas, a presentar sus descargos de forma verbal o escrita, a pedir y aportar pruebas, y a ser asistido. ' +
            'Ninguna decisión se tomará sin antes oírlo (debido proceso). La decisión deberá ser motivada y podrá recurrirse en reposición y, en subsidio, en apelación.',
        ],
      },
    ],
    closing: [`Notificado el ${formatDateEs(n.on)} (${n.how}). Instruye: ${INSTRUCTOR[c.opening?.role ?? ''] ?? c.opening?.role ?? ''}.`],
    signatures: [
      { position: INSTRUCTOR[c.opening?.role ?? ''] ?? 'Funcionario instructor' },
      { name: who(c, o), position: `Notificado(a) — NUI ${c.nui}` },
    ],
    issued: { at: o.issuedAt, by: o.issuedBy },
  });
}

/** DIS-04 (Art. 150): the decision with its reasons, the circumstances weighed, the sanction and the appeals open. */
export function decisionPdf(c: CaseRow, o: CaseDocumentContext): Promise<Buffer> {
  const d = c.decision!;
  const circ = d.circumstances;
  const sanctionLine = d.sanction ? (KINDS[d.sanction.kind]?.(d.sanction.amount) ?? d.sanction.kind) : null;
  const reposicion = d.authority === 'director' ? 'el Director' : 'el grupo uno del Consejo de Disciplina';
  const apelacion = c.severity === 'leve' ? 'el grupo uno del Consejo de Disciplina' : 'el grupo dos del Consejo de Disciplina';
  return renderPdf({
    title: d.outcome === 'sanction' ? 'Decisión disciplinaria — sanción' : 'Decisión disciplinaria — absolución',
    subtitle: `Decide ${AUTHORITY[d.authority]}${d.council ? ` — Acta ${d.council.acta}` : ''}`,
    establishment: { code: c.eron, name: o.establishmentName },
    facts: head(c, o),
    sections: [
      {
        heading: '1. Actuación',
        tables: [
          {
            columns: [
              { header: 'Etapa', width: 40 },
              { header: 'Fecha', width: 25 },
              { header: 'Detalle', width: 35 },
            ],
            rows: [
              ['Informe', formatDateEs(bogotaToday(c.reported_at)), c.reporter],
              ['Apertura', formatDateEs(c.opening!.on), INSTRUCTOR[c.opening!.role] ?? c.opening!.role],
              ['Notificación de cargos', formatDateEs(c.notice!.on), c.notice!.how],
              ['Descargos', formatDateEs(c.hearing!.on), `${c.hearing!.evidence.length} prueba(s) aportada(s)`],
              ['Notificación de la decisión', formatDateEs(c.notified_decision_on!), ''],
            ],
          },
        ],
      },
      { heading: '2. La conducta y los hechos', paragraphs: [o.offenceText, c.facts] },
      { heading: '3. Descargos de la persona', paragraphs: [c.hearing!.statement] },
      {
        heading: '4. Circunstancias ponderadas (Art. 150)',
        facts: [
          ['Modo', circ.how],
          ['Daño causado', circ.harm],
          ['Estado anímico', circ.stateOfMind],
          ['Conducta anterior', circ.previousConduct],
          ['Agravantes', circ.aggravating.join('; ') || 'Ninguna'],
          ['Atenuantes', circ.mitigating.join('; ') || 'Ninguna'],
        ],
      },
      { heading: '5. Motivación', paragraphs: [d.reasons] },
      {
        heading: '6. Decisión',
        paragraphs: [
          sanctionLine
            ? `Se impone la sanción: ${sanctionLine}. La sanción solo se cumple cuando quede en firme (no haya recurso pendiente ni posible).`
            : 'Se absuelve a la persona de los cargos formulados.',
        ],
      },
      ...(sanctionLine
        ? [
            {
              heading: '7. Recursos',
              paragraphs: [
                `Contra esta decisión procede el recurso de reposición ante ${reposicion} y, en subsidio, el de apelación ante ${apelacion}, ` +
                  `dentro de ${o.appealDays ?? 3} día(s) hábil(es) siguientes a su notificación, es decir hasta el ${formatDateEs(c.appeal_due_on!)}.`,
              ],
            },
          ]
        : []),
    ],
    closing: [`Notifíquese y cúmplase.${d.council ? ` Delegado del Ministerio Público: ${d.council.ministerioPublicoDelegate}.` : ''}`],
    signatures: [
      { position: d.authority === 'director' ? 'Director(a) del establecimiento' : 'Presidente del Consejo de Disciplina' },
      ...(d.authority === 'director' ? [] : [{ position: 'Secretario(a) del Consejo de Disciplina' }]),
      { name: who(c, o), position: `Notificado(a) — NUI ${c.nui}` },
    ],
    issued: { at: o.issuedAt, by: o.issuedBy },
  });
}
