import type { Generated, Insertable, JSONColumnType, Kysely, Selectable, Transaction } from 'kysely';
import type { PlatformTables } from '@eron/shared/platform';
import type { DetentionOrder } from '@eron/shared';

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

export interface AdmissionTable {
  id: string;
  nui: string;
  eron: string;
  entry_number: number;
  detention_order: JSONColumnType<DetentionOrder>;
  identification: JSONColumnType<Record<string, string>>;
  cash_amount: number | null;
  cash_acta: string | null;
  cash_search_date: string | null;
  admitted_by: string;
  admitted_at: Generated<Date>;
}

export interface ClassificationTables extends PlatformTables {
  ppl: PplTable;
  intake_books: { eron: string; last_entry: number };
  admissions: AdmissionTable;
}

export type Db = Kysely<ClassificationTables>;
export type Trx = Transaction<ClassificationTables>;
export type PplRow = Selectable<PplTable>;
export type NewPpl = Insertable<PplTable>;
