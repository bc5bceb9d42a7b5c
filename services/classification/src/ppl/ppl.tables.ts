import type { Generated, Insertable, Selectable } from 'kysely';

/** The register of persons deprived of liberty (CLS-05): one row per NUI, never reused. */
export interface PplTable {
  nui: string;
  eron: string;
  names: string;
  surnames: string;
  document_type: string;
  document_number: string;
  sex: string;
  birth_date: string;
  nationality: string;
  legal_status: string;
  security_level: number | null;
  status: Generated<string>;
  admitted_at: Generated<Date>;
}

export interface PplTables {
  ppl: PplTable;
}

export type PplRow = Selectable<PplTable>;
export type NewPpl = Insertable<PplTable>;
