import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ControlBody, OfficialVisitKind, PressAuthority, PressRequest } from '@eron/shared';

/** VIS-15: official visits by kind, and the places a night inspection could not enter (Art. 75 §). */
export interface OfficialTables {
  official_visits: {
    id: string;
    eron: string;
    kind: OfficialVisitKind;
    entity: string;
    control_body: ControlBody | null;
    nui: string | null;
    officials: ColumnType<{ names: string; document: { type: string; number: string }; position: string }[], string, string>;
    purpose: string;
    arrives_at: Date;
    status: Generated<'scheduled' | 'attended'>;
    attended_at: Date | null;
    press: ColumnType<PressRequest | null, string | null, string | null>;
    press_authority: PressAuthority | null;
    created_by: string;
    created_at: Generated<Date>;
  };
  official_blocked_places: {
    id: string;
    visit_id: string;
    place: string;
    reason: string;
    notified: string[];
    recorded_by: string;
    recorded_at: Generated<Date>;
  };
}

export type OfficialVisitRow = Selectable<OfficialTables['official_visits']>;
export type BlockedPlaceRow = Selectable<OfficialTables['official_blocked_places']>;
