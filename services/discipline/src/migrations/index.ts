import type { Migrations } from '@eron/shared/platform';
import { migration as pplDirectory } from './20261201T0800_ppl_directory';
import { migration as sanctions } from './20261201T0810_sanctions';
import { migration as cases } from './20261201T0900_cases';

/** Kysely runs them in name order; names are frozen once released. */
export const migrations: Migrations = {
  '20261201T0800_ppl_directory': pplDirectory,
  '20261201T0810_sanctions': sanctions,
  '20261201T0900_cases': cases,
};
