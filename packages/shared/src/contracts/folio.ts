import { Type, type Static } from '@sinclair/typebox';
import { Amount, EronCode, Nui, Timestamp } from '../primitives';

export const Account = Type.Object(
  {
    nui: Nui,
    eron: EronCode,
    status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
    available: Amount,
    savings: Amount,
    seized: Amount,
    openedAt: Timestamp,
  },
  { description: 'Folio de la PPL (Art. 40): saldo disponible, ahorro y dinero retenido' },
);
export type Account = Static<typeof Account>;
