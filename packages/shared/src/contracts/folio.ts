import { Type, type Static } from '@sinclair/typebox';
import { Amount, EronCode, LocalDate, Money, Nui, Timestamp } from '../primitives';

export const Account = Type.Object(
  {
    nui: Nui,
    eron: EronCode,
    status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
    available: Amount,
    savings: Amount,
    seized: Amount,
    openedAt: Timestamp,
    pending: { ...Amount, description: 'Dinero de la requisa de ingreso aún no recibido por el pagador: no se puede gastar (CLS-10)' },
    intakeCash: Type.Union([
      Type.Object({
        amount: Money,
        actaNumber: Type.String(),
        searchDate: LocalDate,
        receivedOn: Type.Union([LocalDate, Type.Null()], { description: 'Recibo del pagador con las tres firmas del acta (Art. 28)' }),
        status: Type.Union([Type.Literal('pending'), Type.Literal('available'), Type.Literal('owed_on_exit')], {
          description:
            'pending: sin recibo del pagador; available: en el Folio; owed_on_exit: recibido después de la salida, se entrega con el pago de salida o la liquidación (FOL-14, FOL-15)',
        }),
        flaggedForReview: Type.Boolean({ description: 'Monto por encima del tope configurado (INTAKE_CASH_REVIEW_CEILING): a revisión' }),
      }),
      Type.Null(),
    ]),
  },
  { description: 'Folio de la PPL (Art. 40): saldo disponible, ahorro, dinero retenido y dinero de ingreso pendiente' },
);
export type Account = Static<typeof Account>;
