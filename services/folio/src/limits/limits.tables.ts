import type { Generated } from 'kysely';

import type { CapKind } from './limits.rules';

export type { CapKind } from './limits.rules';

export interface LimitsTables {
  dg_overrides: {
    id: Generated<string>;
    kind: CapKind;
    amount: number;
    effective_from: string;
    resolution: string;
    set_by: string;
    set_at: Generated<Date>;
  };
  /** FOL-08 (7), Art. 41.7: the fee per month of use of each allowed appliance, set by the DG from a date. */
  appliance_tariffs: {
    id: Generated<string>;
    appliance: string;
    name: string;
    monthly_fee: number;
    effective_from: string;
    resolution: string;
    set_by: string;
    set_at: Generated<Date>;
  };
}
