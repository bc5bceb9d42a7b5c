import type { Selectable } from 'kysely';
import type { Severity } from '../sanctions/sanction.tables';

/** DIS-01: the catalogue of offences, one set of rows per version of the law, each in force from `valid_from`. */
export interface OffenceTables {
  offence_versions: { version: string; valid_from: string; source: string };
  offences: { version: string; code: string; severity: Severity; text: string };
}

export type OffenceRow = Selectable<OffenceTables['offences']>;
export type OffenceVersionRow = Selectable<OffenceTables['offence_versions']>;
