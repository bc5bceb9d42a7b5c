import type { Generated, Selectable } from 'kysely';

export type DeliveryStatus = 'queued' | 'sent' | 'failed';
export type Channel = 'email' | 'webhook';

/** The notifier: its directory, the notifications requested, and each one's deliveries. */
export interface NotificationTables {
  notification_recipients: {
    id: string;
    kind: string;
    eron: string | null;
    name: string;
    email: string | null;
    webhook_url: string | null;
    webhook_secret: string | null;
    active: Generated<boolean>;
    created_by: string;
    created_at: Generated<Date>;
  };
  notifications: {
    id: string;
    event_id: string;
    source: string;
    kind: string;
    subject: string;
    eron: string;
    nui: string | null;
    status: DeliveryStatus;
    reason: string | null;
    requested_at: Date;
    recorded_at: Generated<Date>;
  };
  notification_deliveries: {
    id: string;
    notification_id: string;
    recipient_id: string;
    channel: Channel;
    address: string;
    status: DeliveryStatus;
    attempts: Generated<number>;
    next_attempt_at: Generated<Date>;
    last_error: string | null;
    sent_at: Date | null;
  };
}

export type RecipientRow = Selectable<NotificationTables['notification_recipients']>;
export type NotificationRow = Selectable<NotificationTables['notifications']>;
export type DeliveryRow = Selectable<NotificationTables['notification_deliveries']>;
