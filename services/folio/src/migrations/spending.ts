import type { Migrations } from '@eron/shared/platform';

/** Spending: caps, uses of Art. 41, the shop, phone credit (FOL-07 … FOL-10). Names: 2026…T…_spending_…, frozen once released. */
export const spendingMigrations: Migrations = {};
