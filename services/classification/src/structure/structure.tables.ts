import type { Generated, Selectable } from 'kysely';

/** Establishments with their security category history (CLS-01), units and their names, cells (CLS-02). */
export interface StructureTables {
  establishments: {
    code: string;
    name: string;
    regional: string;
    order: string;
    type: string;
    security_category: string;
    category_since: Generated<Date>;
    created_by: string;
    created_at: Generated<Date>;
  };
  category_changes: {
    id: Generated<string>;
    eron: string;
    security_category: string;
    resolution: string;
    changed_by: string;
    changed_at: Generated<Date>;
  };
  units: {
    id: string;
    eron: string;
    kind: string;
    name: string;
    sexes: string[];
    legal: string;
    special_regime: string | null;
    dg_authorisation: string;
    created_by: string;
    created_at: Generated<Date>;
  };
  unit_names: {
    id: Generated<string>;
    unit_id: string;
    name: string;
    dg_authorisation: string;
    named_by: string;
    named_at: Generated<Date>;
  };
  cells: { id: string; unit_id: string; code: string; capacity: number; created_by: string; created_at: Generated<Date> };
  cell_capacity_changes: {
    id: Generated<string>;
    cell_id: string;
    from_capacity: number;
    to_capacity: number;
    occupants: number;
    reason: string;
    over_capacity_reason: string | null;
    changed_by: string;
    changed_at: Generated<Date>;
  };
}

export type EstablishmentRow = Selectable<StructureTables['establishments']>;
export type UnitRow = Selectable<StructureTables['units']>;
export type CellRow = Selectable<StructureTables['cells']>;
