import type { Migrations } from '@eron/shared/platform';
import { migration as ledger } from './20261125T0900_ledger';

/** In order; names are frozen once released. */
export const migrations: Migrations = {
  '20261125T0900_ledger': ledger,
};
