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
}
