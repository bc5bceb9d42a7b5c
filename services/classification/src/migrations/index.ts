import type { Migrations } from '@eron/shared/platform';
import { migration as ppl } from './20261125T0900_ppl';
import { migration as structure } from './20261125T1000_structure';
import { migration as board } from './20261125T1100_board';

/** In order; names are frozen once released. */
export const migrations: Migrations = {
  '20261125T0900_ppl': ppl,
  '20261125T1000_structure': structure,
  '20261125T1100_board': board,
};
