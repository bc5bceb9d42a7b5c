// Contract of the persons a PPL authorises to receive the settled balance (FOL-15, Art. 123).
import { Type, type Static } from '@sinclair/typebox';
import { IdentityDocument } from '../documents';
import { LocalDate, Nui, Text, Uuid } from '../primitives';
import { WrittenRequest } from './folio-spending';

export const BeneficiaryListRequest = Type.Object(
  {
    writtenRequest: WrittenRequest,
    persons: Type.Array(
      Type.Object(
        {
          document: IdentityDocument,
          names: Text(120, 'Nombres y apellidos'),
          relationship: Text(60, 'Parentesco o relación con la PPL'),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10 },
    ),
  },
  {
    additionalProperties: false,
    description: 'Escrito firmado y con huella en que la PPL autoriza a quienes recibirán su saldo (Art. 123)',
  },
);
export type BeneficiaryListRequest = Static<typeof BeneficiaryListRequest>;

export const BeneficiaryList = Type.Object({
  nui: Nui,
  authorisation: Type.Union([Type.Object({ documentRef: Type.String(), date: LocalDate }), Type.Null()]),
  persons: Type.Array(
    Type.Object({
      id: Uuid,
      document: Type.String({ description: 'Documento enmascarado (confidencial, PLT-06)' }),
      names: Type.String(),
      relationship: Type.String(),
    }),
  ),
});
export type BeneficiaryList = Static<typeof BeneficiaryList>;
