import type { Migrations } from '@eron/shared/platform';
import { migration as ppl } from './20261130T0900_ppl';
import { migration as intimateLawyersOfficials } from './20261202T0900_intimate_lawyers_officials';

/** In order; names are frozen once released. */
export const migrations: Migrations = {
  '20261130T0900_ppl': ppl,
  '20261202T0900_intimate_lawyers_officials': intimateLawyersOfficials,
};
