import type { Migrations } from '@eron/shared/platform';
import { migration as caps } from './20261125T1100_spending_caps';
import { migration as uses } from './20261125T1110_spending_uses';
import { migration as shop } from './20261125T1120_spending_shop';
import { migration as phone } from './20261125T1130_spending_phone';
import { migration as audit } from './20261130T1300_spending_audit';

/** Spending: caps, uses of Art. 41, the shop, phone credit (FOL-07 … FOL-10). Names: 2026…T11xx_spending_…, frozen once released. */
export const spendingMigrations: Migrations = {
  '20261125T1100_spending_caps': caps,
  '20261125T1110_spending_uses': uses,
  '20261125T1120_spending_shop': shop,
  '20261125T1130_spending_phone': phone,
  '20261130T1300_spending_audit': audit,
};
