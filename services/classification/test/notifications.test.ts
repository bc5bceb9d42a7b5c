import { bearer, eventually } from '@eron/shared/testing';
import { admissionRequest } from './admission.factory';
import { fakeMailServer, fakeWebhook } from './support/fake-authorities';
import { startClassification, type ClassificationWorld } from './support/classification.world';

const director = bearer(['director'], ['113']);
const gate = bearer(['gate_officer'], ['113', '114', '115']);
const dg = bearer(['dg']);
const SECRET = 'migracion-webhook-secret-0001';

let w: ClassificationWorld;
let mail: Awaited<ReturnType<typeof fakeMailServer>>;

beforeAll(async () => {
  mail = await fakeMailServer();
  w = await startClassification({
    config: { SMTP_URL: mail.url, NOTIFY_POLL_MS: 100, NOTIFY_RETRY_BASE_MS: 100, NOTIFY_MAX_ATTEMPTS: 3 },
    establishments: ['113', '114', '115'],
  });
});
afterAll(async () => {
  await w.close();
  await mail.close();
});

const admitForeign = async (eron: string): Promise<string> => {
  const body = admissionRequest({ eron });
  const res = await w.call('POST', '/admissions', gate, { ...body, person: { ...body.person, nationality: 'VE' } });
  expect(res.statusCode).toBe(201);
  return res.json().nui as string;
};

const notificationsOf = async (eron: string, nui: string, token = director) => {
  const res = await w.call('GET', `/notifications?eron=${eron}`, token);
  expect(res.statusCode).toBe(200);
  return (
    res.json().items as {
      nui: string;
      kind: string;
      status: string;
      reason: string | null;
      deliveries: { status: string; attempts: number; channel: string }[];
    }[]
  ).filter((n) => n.nui === nui);
};

describe('CLS-08 the notifier delivers what classification must report', () => {
  it('CLS-08 when a foreign PPL is admitted then the consulate gets an e-mail with the oficio attached and migration a signed webhook, each shown as sent', async () => {
    const hook = await fakeWebhook(SECRET);
    try {
      const consulate = await w.call('POST', '/notification-recipients', director, {
        kind: 'consulate',
        eron: '113',
        name: 'Consulado de Venezuela en Bogotá',
        email: 'consulado@ve.example',
      });
      expect(consulate.statusCode).toBe(201);
      expect(
        (
          await w.call('POST', '/notification-recipients', director, {
            kind: 'migration',
            eron: '113',
            name: 'Migración Colombia',
            webhookUrl: hook.url,
            webhookSecret: SECRET,
          })
        ).statusCode,
      ).toBe(201);
      const nui = await admitForeign('113');

      const sent = await eventually(
        async () => {
          const list = await notificationsOf('113', nui);
          return list.length === 2 && list.every((n) => n.status === 'sent') ? list : undefined;
        },
        15_000,
        'both notices sent',
      );
      expect(sent.map((n) => [n.kind, n.deliveries.map((d) => [d.channel, d.status, d.attempts])]).sort()).toEqual([
        ['consulate', [['email', 'sent', 1]]],
        ['migration', [['webhook', 'sent', 1]]],
      ]);

      const email = mail.messages.find((m) => m.raw.includes(nui));
      expect(email?.to).toEqual(['consulado@ve.example']);
      expect(email?.raw).toMatch(/Content-Type: application\/pdf/i);
      expect(email?.raw).toMatch(/oficio-[0-9a-f-]{36}\.pdf/);
      expect(hook.received).toEqual([expect.objectContaining({ kind: 'migration', subject: 'foreign-ppl', eron: '113', nui })]);

      const one = await w.call('GET', `/notifications/${hook.received[0]!.notificationId as string}`, director);
      expect(one.json()).toMatchObject({
        status: 'sent',
        kind: 'migration',
        deliveries: [{ recipient: 'Migración Colombia', status: 'sent' }],
      });
    } finally {
      await hook.close();
    }
  });

  it('CLS-08 when a webhook is down then it is retried with backoff and sent; when it stays down then the notice is failed with the reason', async () => {
    const flaky = await fakeWebhook(SECRET, 2);
    const dead = await fakeWebhook(SECRET, 1_000);
    try {
      await w.call('POST', '/notification-recipients', dg, {
        kind: 'migration',
        eron: '114',
        name: 'Migración (regional)',
        webhookUrl: flaky.url,
        webhookSecret: SECRET,
      });
      await w.call('POST', '/notification-recipients', dg, {
        kind: 'consulate',
        eron: '114',
        name: 'Consulado caído',
        webhookUrl: dead.url,
        webhookSecret: SECRET,
      });
      const nui = await admitForeign('114');
      const done = await eventually(
        async () => {
          const list = await notificationsOf('114', nui, dg);
          return list.length === 2 && list.every((n) => n.status !== 'queued') ? list : undefined;
        },
        20_000,
        'retries settled',
      );
      const byKind = Object.fromEntries(done.map((n) => [n.kind, n]));
      expect(byKind.migration).toMatchObject({ status: 'sent', deliveries: [{ status: 'sent', attempts: 3 }] });
      expect(byKind.consulate).toMatchObject({ status: 'failed', deliveries: [{ status: 'failed', attempts: 3 }] });
      expect(byKind.consulate!.reason).toContain('webhook answered 500');
      expect([flaky.calls(), dead.calls()]).toEqual([3, 3]);
    } finally {
      await flaky.close();
      await dead.close();
    }
  });

  it('CLS-08 when the establishment has no recipient of the kind then the national one is used, and with none at all the notice is failed saying so', async () => {
    const hook = await fakeWebhook(SECRET);
    try {
      const national = await w.call('POST', '/notification-recipients', dg, {
        kind: 'migration',
        eron: null,
        name: 'Migración Colombia (nacional)',
        webhookUrl: hook.url,
        webhookSecret: SECRET,
      });
      expect(national.statusCode).toBe(201);
      const nui = await admitForeign('115');
      const done = await eventually(
        async () => {
          const list = await notificationsOf('115', nui, dg);
          return list.length === 2 && list.every((n) => n.status !== 'queued') ? list : undefined;
        },
        15_000,
        'notices settled',
      );
      const byKind = Object.fromEntries(done.map((n) => [n.kind, n]));
      expect(byKind.migration).toMatchObject({ status: 'sent' });
      expect(byKind.consulate).toMatchObject({
        status: 'failed',
        reason: 'no recipient of kind consulate in the directory for 115 or national',
        deliveries: [],
      });
    } finally {
      await w.call(
        'DELETE',
        `/notification-recipients/${(await w.call('GET', '/notification-recipients', dg)).json().find((r: { eron: string | null }) => r.eron === null).id}`,
        dg,
      );
      await hook.close();
    }
  });

  it('CLS-08 the directory: national recipients are the national office’s, webhooks are https and signed, secrets are never shown', async () => {
    const national = await w.call('POST', '/notification-recipients', director, {
      kind: 'dg',
      eron: null,
      name: 'DG',
      email: 'dg@inpec.example',
    });
    expect(national.statusCode).toBe(403);
    const other = await w.call('POST', '/notification-recipients', director, {
      kind: 'judge',
      eron: '114',
      name: 'Juez',
      email: 'j@rama.example',
    });
    expect(other.statusCode).toBe(403);
    const plain = await w.call('POST', '/notification-recipients', director, {
      kind: 'judge',
      eron: '113',
      name: 'Juez',
      webhookUrl: 'http://rama.example/hook',
    });
    expect(plain.statusCode).toBe(422);
    expect(plain.json()).toMatchObject({ rule: 'CLS-08' });
    expect(plain.json().errors.map((e: { field: string }) => e.field)).toEqual(['/webhookUrl', '/webhookSecret']);
    const none = await w.call('POST', '/notification-recipients', director, { kind: 'judge', eron: '113', name: 'Juez' });
    expect(none.json()).toMatchObject({ status: 422, rule: 'CLS-08', errors: [{ field: '/email' }] });
    const list = await w.call('GET', '/notification-recipients?eron=113', director);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(SECRET);
    const range = await w.call('GET', '/notifications?eron=113&from=2026-01-01&to=2026-11-30', director);
    expect(range.json()).toMatchObject({ status: 400, type: expect.stringContaining('date-range-invalid') });
  });
});
