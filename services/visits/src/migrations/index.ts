import type { Migrations } from '@eron/shared/platform';
import { migration as pplDirectory } from './20261130T1800_ppl_directory';
import { migration as vivif } from './20261130T1900_vivif';

/** Kysely runs them in name order; names are frozen once released. */
export const migrations: Migrations = {
  '20261130T1800_ppl_directory': pplDirectory,
  '20261130T1900_vivif': vivif,
};
