import type { Generated } from 'kysely';

export type CapKind = 'deposit_month' | 'spend_day' | 'spend_month';

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
