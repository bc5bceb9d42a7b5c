import type { Migrations } from '@eron/shared/platform';

/** Work pay, seized cash, transfers and payouts (FOL-11 … FOL-15). Names: 2026…T…_income_…, frozen once released. */
export const incomeMigrations: Migrations = {};
