import type { Generated, JSONColumnType, Selectable } from 'kysely';
import type { ChildIdentity, HealthSection, IdentitySection, RecordParts } from '@eron/shared';

/** The record (CLS-06), its confidential part kept apart (CLS-07), its history and the foreign-PPL notices (CLS-08). */
export interface RecordTables {
  ppl_records: {
    nui: string;
    parts: JSONColumnType<RecordParts>;
    version: Generated<number>;
    updated_by: string;
    updated_at: Generated<Date>;
  };
  ppl_confidential: {
    nui: string;
    identity: JSONColumnType<IdentitySection | null, string | null, string | null>;
    health: JSONColumnType<HealthSection | null, string | null, string | null>;
    children: JSONColumnType<ChildIdentity[] | null, string | null, string | null>;
    updated_by: string;
    updated_at: Generated<Date>;
  };
  record_history: {
    seq: Generated<string>;
    nui: string;
    part: 'general' | 'confidential';
    fields: string[];
    before: JSONColumnType<Partial<RecordParts> | null, string | null, never>;
    after: JSONColumnType<Partial<RecordParts> | null, string | null, never>;
    changed_by: string;
    roles: string[];
    request_id: string | null;
    changed_at: Generated<Date>;
  };
  foreign_notices: {
    nui: string;
    recipient: string;
    notification_id: string;
    nationality: string;
    requested_at: Generated<Date>;
  };
}

export type RecordRow = Selectable<RecordTables['ppl_records']>;
export type ConfidentialRow = Selectable<RecordTables['ppl_confidential']>;
export type HistoryRow = Selectable<RecordTables['record_history']>;
