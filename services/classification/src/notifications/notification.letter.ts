import { formatDateTimeEs, renderPdf } from '@eron/shared/documents';
import { kindLabel, titleOf } from './notifications.rules';

export interface Letter {
  id: string;
  kind: string;
  recipientName: string;
  subject: string;
  eron: string;
  eronName?: string;
  nui: string | null;
  person?: { names: string; surnames: string; document_type: string; document_number: string };
  requestedAt: Date;
}

/** The text of the notice: the same words in the e-mail and in the letter attached to it. */
export function letterText(l: Letter): string {
  const who = l.person
    ? `${l.person.names} ${l.person.surnames}, ${l.person.document_type} ${l.person.document_number}, NUI ${l.nui}`
    : l.nui
      ? `la persona privada de la libertad con NUI ${l.nui}`
      : undefined;
  return [
    `Señores ${l.recipientName} (${kindLabel(l.kind)}):`,
    `El establecimiento ${l.eronName ?? ''} (${l.eron}) del INPEC les comunica: ${titleOf(l.subject)}${who ? `, respecto de ${who}` : ''}, ` +
      `hecho registrado el ${formatDateTimeEs(l.requestedAt)}.`,
    'Esta comunicación se envía en cumplimiento de la Resolución 6349 de 2016 (Reglamento General de los ERON). ' +
      `Para cualquier consulta, cite la notificación ${l.id}.`,
  ].join('\n\n');
}

/** The notice as the letter (oficio) an authority files: the kit's letterhead, facts and signature line. */
export function letterPdf(l: Letter): Promise<Buffer> {
  return renderPdf({
    title: 'Oficio de notificación',
    subtitle: titleOf(l.subject),
    establishment: { code: l.eron, name: l.eronName },
    facts: [
      ['Destinatario', `${l.recipientName} — ${kindLabel(l.kind)}`],
      ['Asunto', titleOf(l.subject)],
      ...(l.nui ? [['NUI', l.nui] as [string, string]] : []),
      ...(l.person
        ? [
            ['Persona', `${l.person.names} ${l.person.surnames} (${l.person.document_type} ${l.person.document_number})`] as [
              string,
              string,
            ],
          ]
        : []),
      ['Fecha del hecho', formatDateTimeEs(l.requestedAt)],
      ['Notificación', l.id],
    ],
    sections: [{ heading: 'Comunicación', paragraphs: letterText(l).split('\n\n') }],
    signatures: [{ position: 'Director(a) del establecimiento' }],
    issued: { at: new Date(), by: 'el notificador de ERON' },
    verification: { code: l.id, where: `GET /api/v1/classification/notifications/${l.id}` },
  });
}
