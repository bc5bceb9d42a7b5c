import type { Migrations } from '@eron/shared/platform';

/** In order; names are frozen once released. */
export const migrations: Migrations = {};
