import type { Selectable } from 'kysely';
import type { VisitSession } from '@eron/shared';

/** The units (patios) of each establishment as visits knows them: learnt from placements (ppl.placed). */
export interface EstablishmentTables {
  units: { id: string; eron: string; session: VisitSession | null };
}

export type UnitRow = Selectable<EstablishmentTables['units']>;
