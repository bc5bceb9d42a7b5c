import type { Migrations } from '@eron/shared/platform';
import { migration as recaudo } from './20261125T1000_recaudo';
import { migration as review } from './20261125T1010_recaudo_review';
import { migration as statementChecks } from './20261125T1020_recaudo_statement_checks';
import { migration as listNames } from './20261130T1000_recaudo_list_names';
import { migration as fileSource } from './20261130T1010_recaudo_file_source';
import { migration as uploads } from './20261130T1020_recaudo_uploads';
import { migration as fileLines } from './20261201T0900_recaudo_file_lines';
import { migration as bulkCheckProbes } from './20261201T1000_recaudo_bulk_check_probes';

/** Bank deposits: depositors, real-time notices, Asobancaria 2001 files (FOL-04 … FOL-06). Names: 2026…T…_recaudo_…, frozen once released. */
export const recaudoMigrations: Migrations = {
  '20261125T1000_recaudo': recaudo,
  '20261125T1010_recaudo_review': review,
  '20261125T1020_recaudo_statement_checks': statementChecks,
  '20261130T1000_recaudo_list_names': listNames,
  '20261130T1010_recaudo_file_source': fileSource,
  '20261130T1020_recaudo_uploads': uploads,
  '20261201T0900_recaudo_file_lines': fileLines,
  '20261201T1000_recaudo_bulk_check_probes': bulkCheckProbes,
};
