import type { Migrations } from '@eron/shared/platform';
import { migration as pplDirectory } from './20261201T0800_ppl_directory';
import { migration as sanctions } from './20261201T0810_sanctions';
import { migration as conduct } from './20261201T1100_conduct';
import { migration as jetee } from './20261201T1200_jetee';
import { migration as complaints } from './20261201T1300_complaints';
import { migration as council } from './20261201T1000_council';
import { migration as cases } from './20261201T0900_cases';
import { migration as pplLocationAsOf } from './20261204T0900_ppl_location_as_of';

/** Kysely runs them in name order; names are frozen once released. */
export const migrations: Migrations = {
  '20261201T0800_ppl_directory': pplDirectory,
  '20261201T0810_sanctions': sanctions,
  '20261201T1100_conduct': conduct,
  '20261201T1200_jetee': jetee,
  '20261201T1300_complaints': complaints,
  '20261201T1000_council': council,
  '20261201T0900_cases': cases,
  '20261204T0900_ppl_location_as_of': pplLocationAsOf,
};
