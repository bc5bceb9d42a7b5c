import { conflict, notFound, ruleBroken } from '@eron/shared';

export const noCellChange = () => notFound({ es: 'No existe esa solicitud', en: 'No such request' });

/** CLS-18: a request is answered once. */
export function assertPending(status: string): void {
  if (status === 'pending') return;
  throw conflict(
    'cell-change-decided',
    { es: 'La solicitud ya fue resuelta', en: 'The request was already decided' },
    'CLS-18',
    'Art. 141.6',
  );
}

/**
 * CLS-18 (Art. 141.6): the board answers in a session of the request's establishment, and an
 * approval assigns the cell.
 */
export function assertBoardAnswer(sessionEron: string | undefined, eron: string, d: { decision: string; cellId?: string }): void {
  if (sessionEron !== eron) {
    throw ruleBroken('CLS-18', 'Art. 141.6', {
      es: 'La Junta decide en una sesión de este establecimiento',
      en: 'The board decides in a session of this establishment',
    });
  }
  if (d.decision === 'approved' && !d.cellId) {
    throw ruleBroken(
      'CLS-18',
      'Art. 141.6',
      { es: 'Aprobar el cambio es asignar una celda', en: 'Approving the change means assigning a cell' },
      { errors: [{ field: '/cellId', message: { es: 'requerido al aprobar', en: 'required to approve' } }] },
    );
  }
}
