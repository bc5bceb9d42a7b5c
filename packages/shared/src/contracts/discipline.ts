import { Type, type Static } from '@sinclair/typebox';
import { LegalStatus } from '../events';
import { EronCode, Nui, Timestamp } from '../primitives';

/** Discipline's directory entry of a PPL, kept from classification's events (no confidential data). */
export const DisciplinePpl = Type.Object(
  {
    nui: Nui,
    eron: EronCode,
    state: Type.Union([Type.Literal('held'), Type.Literal('exited')]),
    legalStatus: Type.Union([LegalStatus, Type.Null()]),
    sentencedAt: Type.Union([Timestamp, Type.Null()], {
      description:
        'Cuándo quedó en firme la condena (ppl.status-changed a condenado); las horas anteriores se computan desde entonces (DIS-24)',
    }),
    updatedAt: Timestamp,
  },
  { description: 'PPL según el servicio de disciplina' },
);
export type DisciplinePpl = Static<typeof DisciplinePpl>;
