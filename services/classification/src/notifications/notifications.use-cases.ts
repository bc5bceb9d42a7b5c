import {
  assertActorActsFor,
  pageLimit,
  forbidden,
  notFound,
  type EventEnvelope,
  type Notification,
  type NotificationQuery,
  type Recipient,
  type RecipientRequest,
} from '@eron/shared';
import type { Runtime } from '@eron/shared/platform';
import type { ClassificationConfig } from '../config';
import type { ClassificationTables } from '../db';
import type { Ctx, Reader } from '../runtime';
import { keyOf, pageOf } from '../paging.rules';
import { sendEmail, sendWebhook } from './notification.channels';
import type { Letter } from './notification.letter';
import { Undeliverable, VISITOR_RECIPIENT_ID, visitorEmail, visitorOf } from './notification.visitors';
import * as repo from './notifications.repository';
import { assertListRange, assertRecipient, nextAttempt, overallStatus, titleOf } from './notifications.rules';
import type { NotificationRow, RecipientRow } from './notifications.tables';

const toRecipient = (r: RecipientRow): Recipient => ({
  id: r.id,
  kind: r.kind,
  eron: r.eron,
  name: r.name,
  email: r.email,
  webhookUrl: r.webhook_url,
  active: r.active,
});

/** A national recipient is the national office's to name; an establishment's, its own officers'. */
function assertKeepsDirectory(ctx: { actor: Ctx['actor'] }, eron: string | null): void {
  if (eron === null) {
    if (!ctx.actor.national)
      throw forbidden({ es: 'Solo el nivel nacional nombra destinatarios nacionales', en: 'Only national staff name national recipients' });
  } else assertActorActsFor(ctx.actor, eron);
}

export async function addRecipient(ctx: Ctx, body: RecipientRequest): Promise<Recipient> {
  assertKeepsDirectory(ctx, body.eron);
  assertRecipient(body);
  const row = await repo.insertRecipient(ctx.trx, body, ctx.actor.sub);
  await ctx.audit({
    action: 'add-notification-recipient',
    entity: 'notification_recipient',
    entityId: row.id,
    details: { kind: row.kind, eron: row.eron },
  });
  return toRecipient(row);
}

export async function removeRecipient(ctx: Ctx, id: string): Promise<Recipient> {
  const row = await repo.findRecipient(ctx.trx, id);
  if (!row) throw notFound({ es: `No existe el destinatario ${id}`, en: `No recipient ${id}` });
  assertKeepsDirectory(ctx, row.eron);
  await repo.deactivateRecipient(ctx.trx, id);
  await ctx.audit({ action: 'remove-notification-recipient', entity: 'notification_recipient', entityId: id });
  return toRecipient({ ...row, active: false });
}

export async function listRecipients(reader: Reader, eron: string | null): Promise<Recipient[]> {
  if (eron !== null) assertActorActsFor(reader.actor, eron);
  return (await repo.listRecipients(reader.db, eron)).map(toRecipient);
}

/**
 * `notification.requested` (from any service): recorded once, with a delivery per channel of each
 * recipient the directory has for the kind — the establishment's own, else the national ones. With
 * none, the notification is failed at once, saying so, for the establishment to complete its directory.
 */
export async function recordRequest(ctx: Ctx, event: EventEnvelope<'notification.requested'>): Promise<void> {
  const p = event.payload;
  // A visitor (VIS-10) is reached by the e-mail visits keeps for them, asked for when the notice is sent (PLT-06).
  if (visitorOf(p.recipient)) return recordVisitorRequest(ctx, event);
  const recipients = await repo.recipientsFor(ctx.trx, p.recipient, p.eron);
  const deliveries = recipients.flatMap((r) => [
    ...(r.email ? [{ recipientId: r.id, channel: 'email' as const, address: r.email }] : []),
    ...(r.webhook_url ? [{ recipientId: r.id, channel: 'webhook' as const, address: r.webhook_url }] : []),
  ]);
  const fresh = await repo.insertNotification(ctx.trx, {
    id: p.notificationId,
    event_id: event.id,
    source: event.source,
    kind: p.recipient,
    subject: p.subject,
    eron: p.eron,
    nui: p.nui ?? null,
    status: deliveries.length > 0 ? 'queued' : 'failed',
    reason: deliveries.length > 0 ? null : `no recipient of kind ${p.recipient} in the directory for ${p.eron} or national`,
    requested_at: new Date(event.occurredAt),
  });
  if (fresh) await repo.insertDeliveries(ctx.trx, p.notificationId, deliveries);
}

/** A notice to a visitor: one e-mail delivery addressed `visitor:<id>`, resolved through visits when it is sent. */
async function recordVisitorRequest(ctx: Ctx, event: EventEnvelope<'notification.requested'>): Promise<void> {
  const p = event.payload;
  const fresh = await repo.insertNotification(ctx.trx, {
    id: p.notificationId,
    event_id: event.id,
    source: event.source,
    kind: p.recipient,
    subject: p.subject,
    eron: p.eron,
    nui: p.nui ?? null,
    status: 'queued',
    reason: null,
    requested_at: new Date(event.occurredAt),
  });
  if (fresh)
    await repo.insertDeliveries(ctx.trx, p.notificationId, [{ recipientId: VISITOR_RECIPIENT_ID, channel: 'email', address: p.recipient }]);
}

/** Where an e-mail goes: the address itself, or a visitor's e-mail asked of visits (kept in memory only). */
async function emailAddress(rt: ClassificationRuntime, address: string, notificationId: string): Promise<string> {
  const visitorId = visitorOf(address);
  return visitorId ? visitorEmail({ url: rt.config.VISITS_URL, key: rt.config.NOTIFIER_HMAC_KEY }, visitorId, notificationId) : address;
}

type ClassificationRuntime = Runtime<ClassificationTables, ClassificationConfig>;

/**
 * Sends what is due, one delivery per transaction, locked so two instances never send the same one.
 * A failure is retried with backoff, then failed with its reason. A crash between sending and
 * committing sends that one again: authorities may receive a notice twice, never miss one.
 */
export async function deliverDue(rt: ClassificationRuntime, max = 50): Promise<number> {
  let sent = 0;
  for (; sent < max; sent += 1) {
    const done = await rt.db.transaction().execute(async (trx) => {
      const d = await repo.lockDueDelivery(trx);
      if (!d) return false;
      const [person, place] = await Promise.all([d.nui ? repo.pplNames(trx, d.nui) : undefined, repo.establishmentName(trx, d.eron)]);
      const letter: Letter = {
        id: d.notification_id,
        kind: d.kind,
        recipientName: d.recipient_name,
        subject: d.subject,
        eron: d.eron,
        eronName: place?.name,
        nui: d.nui,
        person,
        requestedAt: d.requested_at,
      };
      const attempts = d.attempts + 1;
      let to: string | undefined;
      try {
        if (d.channel === 'email') {
          to = await emailAddress(rt, d.address, d.notification_id);
          await sendEmail({ url: rt.config.SMTP_URL, from: rt.config.SMTP_FROM }, to, letter);
        } else await sendWebhook(d.address, d.webhook_secret ?? '', letter);
        await repo.markDelivery(trx, d.id, { status: 'sent', attempts, lastError: null });
      } catch (err) {
        // What no retry can mend (a visitor without a contact) fails at once: no retry storm (VIS-10).
        const next =
          err instanceof Undeliverable
            ? 'give-up'
            : nextAttempt(attempts, new Date(), { baseMs: rt.config.NOTIFY_RETRY_BASE_MS, maxAttempts: rt.config.NOTIFY_MAX_ATTEMPTS });
        // A mail server's refusal may quote the address: a visitor's is confidential (PLT-06), never kept here.
        const message = (err as Error).message;
        const lastError = (to && to !== d.address ? message.split(to).join('<visitor e-mail>') : message).slice(0, 500);
        if (next === 'give-up') await repo.markDelivery(trx, d.id, { status: 'failed', attempts, lastError });
        else await repo.markDelivery(trx, d.id, { status: 'queued', attempts, lastError, nextAttemptAt: next });
      }
      const all = await repo.deliveriesOf(trx, [d.notification_id]);
      const status = overallStatus(all);
      const failed = all.filter((x) => x.status === 'failed');
      await repo.setNotificationStatus(
        trx,
        d.notification_id,
        status,
        status === 'failed' ? failed.map((x) => `${x.recipient} (${x.channel}): ${x.last_error}`).join('; ') : null,
      );
      return true;
    });
    if (!done) break;
  }
  return sent;
}

async function withDeliveries(db: Reader['db'], rows: NotificationRow[]): Promise<Notification[]> {
  const deliveries = await repo.deliveriesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    subject: n.subject,
    title: titleOf(n.subject),
    eron: n.eron,
    nui: n.nui,
    status: n.status,
    reason: n.reason,
    requestedAt: n.requested_at.toISOString(),
    deliveries: deliveries
      .filter((d) => d.notification_id === n.id)
      .map((d) => ({
        recipient: d.recipient,
        channel: d.channel,
        address: d.address,
        status: d.status,
        attempts: d.attempts,
        lastError: d.last_error,
        sentAt: d.sent_at?.toISOString() ?? null,
      })),
  }));
}

export async function readNotification(reader: Reader, id: string): Promise<Notification> {
  const row = await repo.findNotification(reader.db, id);
  if (!row) throw notFound({ es: `No existe la notificación ${id}`, en: `No notification ${id}` });
  assertActorActsFor(reader.actor, row.eron);
  return (await withDeliveries(reader.db, [row]))[0]!;
}

const DAY_MS = 86_400_000;

/** A page of an establishment's notifications, newest first, over at most 31 days. */
export async function listNotifications(reader: Reader, q: NotificationQuery): Promise<{ items: Notification[]; next: string | null }> {
  assertActorActsFor(reader.actor, q.eron);
  const to = q.to ? new Date(Date.parse(`${q.to}T05:00:00Z`) + DAY_MS) : new Date();
  const from = q.from ? new Date(`${q.from}T05:00:00Z`) : new Date(to.getTime() - 31 * DAY_MS);
  assertListRange(from, to);
  const limit = pageLimit(q.limit, 50);
  const before = q.before ? keyOf(q.before, ['instant', 'uuid'], 'before') : undefined;
  const rows = await repo.listNotifications(reader.db, {
    eron: q.eron,
    from,
    to,
    status: q.status,
    before: before && { requestedAt: before[0]!, id: before[1]! },
    limit: limit + 1,
  });
  const page = pageOf(rows, limit, (n) => [n.requested_at.toISOString(), n.id]);
  return { items: await withDeliveries(reader.db, page.items), next: page.next };
}

/** What the notifier says of one PPL, for the record (CLS-06). */
export async function notificationsOfPpl(reader: Reader, nui: string): Promise<Notification[]> {
  return withDeliveries(reader.db, await repo.notificationsOfPpl(reader.db, nui));
}
