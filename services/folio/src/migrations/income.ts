import type { Migrations } from '@eron/shared/platform';
import { migration as income } from './20261125T1200_income_tables';
import { migration as lateReturns } from './20261125T1210_income_late_returns';

/** Work pay, seized cash, transfers and payouts (FOL-11 … FOL-15). Names: 2026…T12xx_income_…, frozen once released. */
export const incomeMigrations: Migrations = {
  '20261125T1200_income_tables': income,
  '20261125T1210_income_late_returns': lateReturns,
};
