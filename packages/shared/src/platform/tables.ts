import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { EventEnvelope, EventTrace } from '../events';

/** Platform tables present in every service schema (see platform.migration.ts). */
export interface PlatformTables {
  outbox: {
    seq: Generated<string>;
    id: string;
    type: string;
    envelope: JSONColumnType<EventEnvelope>;
    created_at: Generated<Date>;
    published_at: Date | null;
  };
  inbox: { event_id: string; type: string; applied_at: Generated<Date> };
  /** Who receives this service's events, and how far each new one was caught up (PLT-08). */
  event_subscriptions: {
    subscriber: string;
    type: string;
    subscribed_at: Generated<Date>;
    replay_generation: Generated<number>;
    /** The last outbox `seq` sent to the subscriber by its catch-up. */
    replayed_to: Generated<number>;
    /** Where the catch-up stops: the outbox's end once the subscription was visible to the relay. */
    replay_until: number | null;
    replayed_at: Date | null;
    /** The W3C trace context of the replay that asked for this catch-up (tracing on), else null. */
    replay_trace: ColumnType<EventTrace | null, string | null | undefined, string | null>;
  };
  idempotency_keys: {
    key: string;
    scope: string;
    request_hash: string;
    status: number | null;
    response: ColumnType<unknown, string | null, string | null>;
    /** The establishments the caller acted for (`*` = national); see idempotency.ts. */
    actor_scope: string | null;
    created_at: Generated<Date>;
  };
  audit_log: {
    id: Generated<string>;
    at: Generated<Date>;
    actor: string;
    roles: string[];
    action: string;
    entity: string;
    entity_id: string;
    request_id: string | null;
    details: ColumnType<unknown, string | null, never>;
  };
}
