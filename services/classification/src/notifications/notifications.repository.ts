import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { RecipientRequest } from '@eron/shared';
import type { ClassificationTables } from '../db';
import type { Channel, DeliveryRow, DeliveryStatus, NotificationRow, RecipientRow } from './notifications.tables';

type Db = Kysely<ClassificationTables>;
type Trx = Transaction<ClassificationTables>;

export async function insertRecipient(trx: Trx, r: RecipientRequest, by: string): Promise<RecipientRow> {
  return trx
    .insertInto('notification_recipients')
    .values({
      id: randomUUID(),
      kind: r.kind,
      eron: r.eron,
      name: r.name,
      email: r.email ?? null,
      webhook_url: r.webhookUrl ?? null,
      webhook_secret: r.webhookSecret ?? null,
      created_by: by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findRecipient = (db: Db | Trx, id: string) =>
  db.selectFrom('notification_recipients').selectAll().where('id', '=', id).executeTakeFirst();

export async function deactivateRecipient(trx: Trx, id: string): Promise<void> {
  await trx.updateTable('notification_recipients').set({ active: false }).where('id', '=', id).execute();
}

export function listRecipients(db: Db, eron: string | null): Promise<RecipientRow[]> {
  return db
    .selectFrom('notification_recipients')
    .selectAll()
    .where((w) => (eron === null ? w('eron', 'is', null) : w.or([w('eron', '=', eron), w('eron', 'is', null)])))
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

/** The establishment's own active recipients of a kind; the national ones where it has none. */
export async function recipientsFor(trx: Trx, kind: string, eron: string): Promise<RecipientRow[]> {
  const rows = await trx
    .selectFrom('notification_recipients')
    .selectAll()
    .where('kind', '=', kind)
    .where('active', '=', true)
    .where((w) => w.or([w('eron', '=', eron), w('eron', 'is', null)]))
    .execute();
  const own = rows.filter((r) => r.eron === eron);
  return own.length > 0 ? own : rows;
}

/** Records a requested notification once (the event may arrive again); false when it was already known. */
export async function insertNotification(trx: Trx, n: Omit<NotificationRow, 'recorded_at'>): Promise<boolean> {
  const row = await trx
    .insertInto('notifications')
    .values(n)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertDeliveries(
  trx: Trx,
  notificationId: string,
  deliveries: { recipientId: string; channel: Channel; address: string }[],
): Promise<void> {
  if (deliveries.length === 0) return;
  await trx
    .insertInto('notification_deliveries')
    .values(
      deliveries.map((d) => ({
        id: randomUUID(),
        notification_id: notificationId,
        recipient_id: d.recipientId,
        channel: d.channel,
        address: d.address,
        status: 'queued' as const,
      })),
    )
    .execute();
}

/** The next delivery that is due, locked so that no other instance sends it at the same time. */
export function lockDueDelivery(trx: Trx) {
  return trx
    .selectFrom('notification_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .innerJoin('notification_recipients as r', 'r.id', 'd.recipient_id')
    .select([
      'd.id',
      'd.channel',
      'd.address',
      'd.attempts',
      'd.notification_id',
      'r.name as recipient_name',
      'r.webhook_secret',
      'n.kind',
      'n.subject',
      'n.eron',
      'n.nui',
      'n.requested_at',
    ])
    .where('d.status', '=', 'queued')
    .where('d.next_attempt_at', '<=', sql<Date>`now()`)
    .orderBy('d.next_attempt_at')
    .limit(1)
    .forUpdate('d')
    .skipLocked()
    .executeTakeFirst();
}

export async function markDelivery(
  trx: Trx,
  id: string,
  change: { status: DeliveryStatus; attempts: number; lastError: string | null; nextAttemptAt?: Date },
): Promise<void> {
  await trx
    .updateTable('notification_deliveries')
    .set({
      status: change.status,
      attempts: change.attempts,
      last_error: change.lastError,
      ...(change.nextAttemptAt ? { next_attempt_at: change.nextAttemptAt } : {}),
      ...(change.status === 'sent' ? { sent_at: new Date() } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export const deliveriesOf = (db: Db | Trx, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([] as (DeliveryRow & { recipient: string })[])
    : db
        .selectFrom('notification_deliveries as d')
        .innerJoin('notification_recipients as r', 'r.id', 'd.recipient_id')
        .selectAll('d')
        .select('r.name as recipient')
        .where('d.notification_id', 'in', ids)
        .orderBy('r.name')
        .orderBy('d.channel')
        .execute();

export async function setNotificationStatus(trx: Trx, id: string, status: DeliveryStatus, reason: string | null): Promise<void> {
  await trx.updateTable('notifications').set({ status, reason }).where('id', '=', id).execute();
}

export const findNotification = (db: Db, id: string) => db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();

export function listNotifications(
  db: Db,
  q: {
    eron: string;
    from: Date;
    to: Date;
    status?: DeliveryStatus;
    before?: { requestedAt: string; id: string };
    limit: number;
    nui?: string;
  },
): Promise<NotificationRow[]> {
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('eron', '=', q.eron)
    .where('requested_at', '>=', q.from)
    .where('requested_at', '<', q.to);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.before) query = query.where(sql<boolean>`(requested_at, id) < (${q.before.requestedAt}::timestamptz, ${q.before.id}::uuid)`);
  if (q.nui) query = query.where('nui', '=', q.nui);
  return query.orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
}

/** What the notifier says of one PPL, for the record (CLS-06): newest first. */
export const notificationsOfPpl = (db: Db, nui: string) =>
  db.selectFrom('notifications').selectAll().where('nui', '=', nui).orderBy('requested_at', 'desc').limit(200).execute();

export const pplNames = (db: Db | Trx, nui: string) =>
  db.selectFrom('ppl').select(['names', 'surnames', 'document_type', 'document_number']).where('nui', '=', nui).executeTakeFirst();

export const establishmentName = (db: Db | Trx, eron: string) =>
  db.selectFrom('establishments').select('name').where('code', '=', eron).executeTakeFirst();
