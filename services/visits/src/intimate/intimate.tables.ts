import type { ColumnType, Generated, Selectable } from 'kysely';
import type { IntimateGround, IntimateVisitor, MovePermission } from '@eron/shared';

/** VIS-11 … VIS-13: the request (status and dates), its confidential details kept apart (Art. 72 §), the visits given. */
export interface IntimateTables {
  intimate_requests: {
    id: string;
    nui: string;
    eron: string;
    filed_on: string;
    due_on: string;
    status: Generated<'pending' | 'granted' | 'limited' | 'denied'>;
    visits_per_month: number | null;
    overdue_flagged_at: Date | null;
    answered_by: string | null;
    answered_at: Date | null;
    created_by: string;
    created_at: Generated<Date>;
  };
  intimate_request_details: {
    request_id: string;
    visitor: ColumnType<IntimateVisitor, string, string>;
    written_request_ref: string;
    partner_nui: string | null;
    partner_eron: string | null;
    partner_moves: 'requester' | 'partner' | null;
    grounds: Generated<IntimateGround[]>;
    reasons: string | null;
    move_permission: ColumnType<MovePermission | null, string | null, string | null>;
  };
  intimate_visits: {
    id: string;
    request_id: string;
    nui: string;
    eron: string;
    date: string;
    created_by: string;
    created_at: Generated<Date>;
  };
}

export type IntimateRequestRow = Selectable<IntimateTables['intimate_requests']>;
export type IntimateDetailsRow = Selectable<IntimateTables['intimate_request_details']>;
