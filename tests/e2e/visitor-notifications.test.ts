import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Notification } from '@eron/shared';
import { buildApp, type BaseEnv } from '@eron/shared/platform';
import { bearer, eventually, nextSaturday, testConfig } from '@eron/shared/testing';
import { SERVICE_APPS, SERVICE_CONFIGS } from '../../scripts/suite';
import { runtime as classificationRuntime } from '../../services/classification/src/runtime';
import { runtime as visitsRuntime } from '../../services/visits/src/runtime';
import { fakeMailServer } from '../../services/classification/test/support/fake-authorities';

const NOTIFIER = { keyId: 'eron-notifier', secret: 'notifier-secret-of-this-test' };
const ANA = 'ana.ruiz@familia.example';

/**
 * VIS-10, PLT-06: a cancelled visit reaches each visitor at the contact visits keeps for them. The
 * event says only `visitor:<id>`; the notifier asks visits for the e-mail when it sends, with a
 * signed request (PLT-03) that visits audits, and keeps nothing of it. Visits and the notifier run
 * as in production, on one database, with a real SMTP server in this process as the mailbox.
 */
describe('VIS-10 PLT-06 visitors are told of a cancelled visit', () => {
  let config: BaseEnv;
  let cleanup: () => Promise<void>;
  let mail: Awaited<ReturnType<typeof fakeMailServer>>;
  let visits: FastifyInstance;
  let classification: FastifyInstance;

  beforeAll(async () => {
    ({ config, cleanup } = await testConfig());
    mail = await fakeMailServer();
    visits = await buildApp(
      'visits',
      SERVICE_APPS.visits,
      SERVICE_CONFIGS.visits({ ...config, HMAC_KEYS: `${NOTIFIER.keyId}:notifier:${NOTIFIER.secret}` }),
    );
    const visitsUrl = await visits.listen({ host: '127.0.0.1', port: 0 });
    classification = await buildApp(
      'classification',
      SERVICE_APPS.classification,
      SERVICE_CONFIGS.classification({
        ...config,
        SMTP_URL: mail.url,
        VISITS_URL: visitsUrl,
        NOTIFIER_HMAC_KEY: `${NOTIFIER.keyId}:${NOTIFIER.secret}`,
        NOTIFY_POLL_MS: 200,
        NOTIFY_RETRY_BASE_MS: 200,
      }),
    );
  });
  afterAll(async () => {
    await classification?.close();
    await visits?.close();
    await mail?.close();
    await cleanup?.();
  });

  const officer = bearer(['visits_officer'], ['113']);

  async function registerVisitor(contact?: { email?: string; phone?: string }): Promise<string> {
    const res = await visits.inject({
      method: 'POST',
      url: '/api/v1/visits/visitors',
      headers: officer,
      payload: {
        document: { type: 'CC', number: String(10_000_000 + Math.floor(Math.random() * 80_000_000)) },
        givenNames: 'Visitante',
        surnames: 'De Prueba',
        gender: 'M',
        birthDate: '1985-03-04',
        ...(contact ? { contact } : {}),
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  }

  it('VIS-10 PLT-06 when a booking is cancelled, then the visitor with an e-mail gets the notice there, the one without is failed "no contact" once, and the e-mail is in no event, log row or notifier table', async () => {
    // The directory as admission and placement leave it (their events have their own tests).
    const db = visitsRuntime(visits).db;
    const nui = String(60_000_000 + Math.floor(Math.random() * 9_000_000));
    const unitId = randomUUID();
    const areaId = randomUUID();
    await db.insertInto('units').values({ id: unitId, eron: '113', session: 'morning' }).execute();
    await db.insertInto('areas').values({ id: areaId, eron: '113', name: 'Patio', capacity: 50, for_children: false }).execute();
    await db
      .insertInto('ppl')
      .values({ nui, eron: '113', unit_id: unitId, legal_status: 'condenado', sex: 'M', security_level: null })
      .execute();

    const withEmail = await registerVisitor({ email: ANA, phone: '+573001234567' });
    const without = await registerVisitor();
    for (const id of [withEmail, without]) {
      const res = await visits.inject({
        method: 'PUT',
        url: `/api/v1/visits/ppl/${nui}/visitors/${id}`,
        headers: officer,
        payload: { relationship: 'first_degree' },
      });
      expect(res.statusCode).toBe(200);
    }
    const booked = await visits.inject({
      method: 'POST',
      url: '/api/v1/visits/bookings',
      headers: officer,
      payload: { nui, date: nextSaturday(), areaId, visitorIds: [withEmail, without] },
    });
    expect(booked.statusCode).toBe(201);
    const cancelled = await visits.inject({
      method: 'POST',
      url: `/api/v1/visits/bookings/${booked.json<{ id: string }>().id}/cancellation`,
      headers: officer,
      payload: { reason: 'Cierre del patio por mantenimiento' },
    });
    expect(cancelled.statusCode).toBe(200);

    // The mailbox: one e-mail, to the visitor's address, stating what happened.
    const message = await eventually(async () => mail.messages.find((m) => m.to.includes(ANA)), 15_000, 'the visitor’s e-mail');
    expect(message.raw).toContain(nui);
    expect(mail.messages).toHaveLength(1);

    // The notifier's record: sent to visitor:<id>, failed "no contact" for the other, without the address.
    const listed = async () => {
      const res = await classification.inject({
        method: 'GET',
        url: '/api/v1/classification/notifications?eron=113',
        headers: bearer(['director'], ['113']),
      });
      return res.json<{ items: Notification[] }>().items.filter((n) => n.kind.startsWith('visitor:'));
    };
    const notes = await eventually(async () => {
      const n = await listed();
      return n.length === 2 && n.every((x) => x.status !== 'queued') ? n : undefined;
    }, 15_000);
    const sent = notes.find((n) => n.kind === `visitor:${withEmail}`)!;
    const failed = notes.find((n) => n.kind === `visitor:${without}`)!;
    expect(sent).toMatchObject({ status: 'sent', subject: 'visit-cancelled', nui });
    expect(sent.deliveries).toEqual([expect.objectContaining({ channel: 'email', address: `visitor:${withEmail}`, status: 'sent' })]);
    expect(failed.status).toBe('failed');
    expect(failed.reason).toContain('no contact');
    expect(failed.deliveries).toEqual([expect.objectContaining({ status: 'failed', attempts: 1, lastError: 'no contact' })]);
    // No retry storm: a few polls later it was still asked once.
    await new Promise((r) => setTimeout(r, 800));
    expect((await listed()).find((n) => n.kind === `visitor:${without}`)!.deliveries[0]!.attempts).toBe(1);

    // Visits audited each read, by the notifier, with the notification it served.
    const reads = await db
      .selectFrom('audit_log')
      .select(['actor', 'entity_id', 'details'])
      .where('action', '=', 'read-visitor-contact')
      .execute();
    expect(reads).toEqual(
      expect.arrayContaining([
        { actor: NOTIFIER.keyId, entity_id: withEmail, details: { notificationId: sent.id, found: true } },
        { actor: NOTIFIER.keyId, entity_id: without, details: { notificationId: failed.id, found: false } },
      ]),
    );
    // The contact is in no event, no audit entry, nothing the notifier keeps (PLT-06).
    const events = await db.selectFrom('outbox').select('envelope').execute();
    const audit = await db.selectFrom('audit_log').select('details').execute();
    const cdb = classificationRuntime(classification).db;
    const kept = [
      await cdb.selectFrom('notifications').selectAll().execute(),
      await cdb.selectFrom('notification_deliveries').selectAll().execute(),
      await cdb.selectFrom('audit_log').selectAll().execute(),
      await cdb.selectFrom('outbox').selectAll().execute(),
    ];
    expect(JSON.stringify([events, audit, kept])).not.toContain(ANA);
    expect(JSON.stringify([events, audit, kept])).not.toContain('3001234567');
  });
});
