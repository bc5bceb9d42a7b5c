import type { Generated } from 'kysely';

/** Own-food requests (DIS-18, Arts. 52, 136.5) as the council decided them. */
export interface OwnFoodTables {
  own_food_requests: {
    id: string;
    eron: string;
    nui: string;
    health_reasons: boolean;
    /** The written renunciation of the establishment's food (a document reference). */
    renunciation_document: string;
    security_council_opinion: string;
    doctor_opinion: string | null;
    council_decision_id: string;
    status: 'approved' | 'denied';
    recorded_by: string;
    recorded_at: Generated<Date>;
  };
}
