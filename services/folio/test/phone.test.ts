import type { FastifyInstance } from 'fastify';
import { bearer } from '@eron/shared/testing';
import { startFolio, type FolioWorld } from './support/folio.world';
import { FakeTelephony } from './support/fake-telephony';

const provider = new FakeTelephony();

let app: FastifyInstance;
let world: FolioWorld;
beforeAll(async () => {
  const url = await provider.start();
  world = await startFolio({
    firstNui: 8_300_000,
    config: { TELEPHONY_URL: url, TELEPHONY_KEY_ID: 'eron-folio', TELEPHONY_SECRET: 'telephony-test-secret', TELEPHONY_TIMEOUT_MS: 300 },
  });
  app = world.app;
});
afterAll(async () => {
  await world.close();
  await provider.stop();
});
const admit = (cash: number, eron = '113') => world.admit(cash, eron);
const available = (nui: string) => world.available(nui);

const clerk = (eron = '113') => bearer(['shop_clerk'], [eron]);
const credit = (body: object, headers: Record<string, string> = clerk()) =>
  app.inject({ method: 'POST', url: '/api/v1/folio/phone-credits', headers, payload: body });
const spentToday = async (nui: string) =>
  (await app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}/caps`, headers: bearer(['paymaster'], ['113']) })).json().day
    .spent;
const holdBalance = async () =>
  (
    await app.db
      .selectFrom('account_balances')
      .select('balance')
      .where('eron', '=', '113')
      .where('kind', '=', 'phone_hold')
      .executeTakeFirst()
  )?.balance ?? 0;

beforeEach(() => {
  provider.mode = 'ok';
});

describe('FOL-10 phone credit through the provider', () => {
  it('FOL-10 when the provider confirms then the PPL is charged, the money goes to providers, and it counts toward the caps', async () => {
    const nui = await admit(50_000);
    const res = await credit({ nui, line: '3001112233', amount: 10_000 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ nui, amount: 10_000, status: 'confirmed', after: { available: 40_000 } });
    expect(provider.loaded.get(res.json().id)).toMatchObject({ line: '3001112233', amount: 10_000 });
    expect(await available(nui)).toBe(40_000);
    expect(await spentToday(nui)).toBe(10_000);
    expect(await holdBalance()).toBe(0);
  });

  it('FOL-10 when the provider fails then nothing is charged and the caps are restored', async () => {
    const nui = await admit(50_000);
    provider.mode = 'fail';
    const res = await credit({ nui, line: '3001112233', amount: 10_000 });
    expect(res.statusCode).toBe(502);
    expect(res.json().rule).toBe('FOL-10');
    expect(await available(nui)).toBe(50_000);
    expect(await spentToday(nui)).toBe(0);
    expect(await holdBalance()).toBe(0);
  });

  it('FOL-10 when the provider times out then the reference is cancelled with it and the PPL is not charged', async () => {
    const nui = await admit(50_000);
    provider.mode = 'timeout';
    const res = await credit({ nui, line: '3001112233', amount: 7_000 });
    expect(res.statusCode).toBe(502);
    const row = await app.db.selectFrom('phone_credits').selectAll().where('nui', '=', nui).executeTakeFirstOrThrow();
    expect(row.status).toBe('released');
    expect(provider.cancelled.has(row.id)).toBe(true);
    await new Promise((r) => setTimeout(r, 1_200)); // the late answer arrives and changes nothing
    expect(provider.loaded.has(row.id)).toBe(false);
    expect(await available(nui)).toBe(50_000);
  });

  it('FOL-10 when the same request comes twice then the provider loads once and the PPL is charged once', async () => {
    const nui = await admit(50_000);
    const headers = { ...clerk(), 'idempotency-key': `phone-${nui}` };
    const body = { nui, line: '3001112233', amount: 5_000 };
    const first = await credit(body, headers);
    const again = await credit(body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(await available(nui)).toBe(45_000);
    expect((await credit({ ...body, amount: 6_000 }, headers)).statusCode).toBe(422);
  });

  it('FOL-07 when the credit would pass the balance or daily cap then 422 and the provider is never called', async () => {
    const nui = await admit(3_000);
    const before = provider.calls;
    const res = await credit({ nui, line: '3001112233', amount: 5_000 });
    expect(res.statusCode).toBe(422);
    expect(res.json().rule).toBe('FOL-02');
    expect(provider.calls).toBe(before);
  });

  it('PLT-03 when the caller lacks the role, token or establishment, or the body is bad, then refused and nothing moves', async () => {
    const nui = await admit(50_000);
    const body = { nui, line: '3001112233', amount: 5_000 };
    expect((await credit(body, {})).statusCode).toBe(401);
    expect((await credit(body, bearer(['gate_officer'], ['113']))).statusCode).toBe(403);
    expect((await credit(body, clerk('114'))).statusCode).toBe(403);
    const bad = await credit({ nui, line: 'abc', amount: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['/line', '/amount']);
    expect(await available(nui)).toBe(50_000);
    expect(provider.badSignatures).toBe(0);
  });
});
