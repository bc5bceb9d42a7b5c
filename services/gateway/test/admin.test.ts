import { Queue, Worker } from 'bullmq';
import { eventQueueName } from '@eron/shared';
import { bearerOf, startGateway, tokenOf, type TestGateway } from './helper';

const FOLIO_QUEUE = eventQueueName('folio');

describe('PLT-10 queue dashboard behind the gateway, admin roles only', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => gw.close());

  it('PLT-10 when a caller has no token then 401 problem, and a browser is sent to the login page', async () => {
    const api = await gw.app.inject({ url: '/admin/queues/api/queues' });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    const browser = await gw.app.inject({ url: '/admin/queues', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(browser.statusCode).toBe(303);
    expect(browser.headers.location).toBe('/admin/login');
  });

  it('PLT-10 when the token has no admin role then 403 problem', async () => {
    const res = await gw.app.inject({ url: '/admin/queues/api/queues', headers: bearerOf(gw.config, ['director']) });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ status: 403, rule: 'PLT-03' });
  });

  it('PLT-10 when an info_systems token is sent then the board lists the four event queues', async () => {
    const page = await gw.app.inject({ url: '/admin/queues', headers: bearerOf(gw.config, ['info_systems']) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const res = await gw.app.inject({ url: '/admin/queues/api/queues', headers: bearerOf(gw.config, ['dg']) });
    expect(res.statusCode).toBe(200);
    const names = (res.json().queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual(['events-classification', 'events-discipline', 'events-folio', 'events-visits']);
  });

  it('PLT-10 when an operator logs in with an admin token then the HttpOnly, SameSite=Strict cookie opens the board', async () => {
    const login = await gw.app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: tokenOf(gw.config, ['info_systems']) }).toString(),
    });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/admin/queues');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^eron_token=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const board = await gw.app.inject({ url: '/admin/queues/api/queues', headers: { cookie: cookie.split(';')[0]! } });
    expect(board.statusCode).toBe(200);
  });

  it('PLT-10 when the login token is not an admin one then the page says so and sets no cookie', async () => {
    const form = await gw.app.inject({ url: '/admin/login' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<form');
    const res = await gw.app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${tokenOf(gw.config, ['gate_officer'])}`,
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('PLT-08 when an event failed then an admin can replay it from the dashboard', async () => {
    const connection = { url: gw.config.REDIS_URL, maxRetriesPerRequest: null };
    const queue = new Queue(FOLIO_QUEUE, { connection, prefix: gw.config.QUEUE_PREFIX });
    let runs = 0;
    const worker = new Worker(
      FOLIO_QUEUE,
      async () => {
        runs += 1;
        if (runs === 1) throw new Error('consumer down');
      },
      { connection, prefix: gw.config.QUEUE_PREFIX },
    );
    try {
      const job = await queue.add('ppl.admitted', { nui: '1' }, { attempts: 1 });
      await waitFor(async () => (await queue.getJobState(job.id!)) === 'failed');
      const retry = await gw.app.inject({
        method: 'PUT',
        url: `/admin/queues/api/queues/${FOLIO_QUEUE}/retry/failed`,
        headers: bearerOf(gw.config, ['info_systems']),
      });
      expect(retry.statusCode).toBe(200);
      await waitFor(async () => (await queue.getJobState(job.id!)) === 'completed');
      expect(runs).toBe(2);
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});

describe('PLT-10 the queue dashboard is read-only but for retrying failed jobs', () => {
  let gw: TestGateway;
  let queue: Queue;
  beforeAll(async () => {
    gw = await startGateway();
    queue = new Queue(FOLIO_QUEUE, { connection: { url: gw.config.REDIS_URL }, prefix: gw.config.QUEUE_PREFIX });
  });
  afterAll(async () => {
    await queue.close();
    await gw.close();
  });

  const admin = () => ({ ...bearerOf(gw.config, ['info_systems']), 'content-type': 'application/json' });
  const call = (method: 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    gw.app.inject({
      method,
      url: `/admin/queues/api/queues/${FOLIO_QUEUE}${url}`,
      headers: admin(),
      payload: JSON.stringify(payload ?? {}),
    });

  it('PLT-10 when an admin tries to add, edit, promote, clean, empty, pause or obliterate then 405 and the queue is unchanged', async () => {
    const waiting = await queue.add('ppl.admitted', { nui: '1' }, { delay: 60_000 });
    const before = { counts: await queue.getJobCounts(), data: (await queue.getJob(waiting.id!))!.data };
    const attempts: [string, Awaited<ReturnType<typeof call>>][] = [
      ['add a job', await call('POST', '/add', { name: 'ppl.admitted', data: { nui: 'forged' }, options: {} })],
      ['edit its data', await call('PATCH', `/${waiting.id}/update-data`, { data: { nui: 'forged' } })],
      ['change its delay', await call('PATCH', `/${waiting.id}/delay`, { delay: 0 })],
      ['promote it', await call('PUT', `/${waiting.id}/promote`)],
      ['remove it', await call('PUT', `/${waiting.id}/clean`)],
      ['promote all', await call('PUT', '/promote')],
      ['clean the delayed', await call('PUT', '/clean/delayed')],
      ['empty the queue', await call('PUT', '/empty')],
      ['pause the queue', await call('PUT', '/pause')],
      ['obliterate the queue', await call('PUT', '/obliterate', { force: true })],
      ['retry completed jobs', await call('PUT', '/retry/completed')],
    ];
    for (const [what, res] of attempts) expect([what, res.statusCode]).toEqual([what, 405]);
    expect(await queue.getJobCounts()).toEqual(before.counts);
    expect((await queue.getJob(waiting.id!))!.data).toEqual(before.data);
    expect(await queue.isPaused()).toBe(false);
    // Reading still works.
    expect((await gw.app.inject({ url: `/admin/queues/api/queues/${FOLIO_QUEUE}/${waiting.id}`, headers: admin() })).statusCode).toBe(200);
  });

  it('PLT-10 PLT-08 when a job failed then an admin can retry that one job from the dashboard', async () => {
    const connection = { url: gw.config.REDIS_URL, maxRetriesPerRequest: null };
    const name = `${FOLIO_QUEUE}-retry-one`;
    let runs = 0;
    const own = new Queue(FOLIO_QUEUE, { connection, prefix: gw.config.QUEUE_PREFIX });
    const worker = new Worker(
      FOLIO_QUEUE,
      async (job) => {
        if (job.name !== name) return;
        runs += 1;
        if (runs === 1) throw new Error('consumer down');
      },
      { connection, prefix: gw.config.QUEUE_PREFIX },
    );
    try {
      const job = await own.add(name, { nui: '2' }, { attempts: 1 });
      await waitFor(async () => (await own.getJobState(job.id!)) === 'failed');
      const retry = await call('PUT', `/${job.id}/retry`);
      expect(retry.statusCode).toBe(204);
      await waitFor(async () => (await own.getJobState(job.id!)) === 'completed');
      expect(runs).toBe(2);
      // A completed job is not run again from the dashboard.
      expect((await call('PUT', `/${job.id}/retry`)).statusCode).toBe(405);
      expect(runs).toBe(2);
    } finally {
      await worker.close();
      await own.close();
    }
  });
});

describe('PLT-10 the admin cookie is Secure unless the request came over plain HTTP on loopback', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => gw.close());

  const login = (over: { host?: string; remoteAddress?: string }) =>
    gw.app.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress: over.remoteAddress ?? '127.0.0.1',
      headers: {
        host: over.host ?? 'localhost:3000',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ token: tokenOf(gw.config, ['info_systems']) }).toString(),
    });

  it('PLT-10 when an operator logs in over plain HTTP from this machine then the cookie works without Secure', async () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000']) {
      const res = await login({ host });
      expect(res.statusCode).toBe(303);
      expect([host, String(res.headers['set-cookie'])]).toEqual([host, expect.not.stringContaining('Secure')]);
    }
  });

  it('PLT-10 when the login comes from another address or names a public host then the cookie is Secure', async () => {
    for (const over of [
      { remoteAddress: '10.20.30.40' },
      { host: 'eron.inpec.gov.co' },
      { remoteAddress: '10.20.30.40', host: 'eron.inpec.gov.co' },
    ]) {
      const res = await login(over);
      expect(res.statusCode).toBe(303);
      expect([over, String(res.headers['set-cookie'])]).toEqual([over, expect.stringContaining('; Secure')]);
    }
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('Timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
