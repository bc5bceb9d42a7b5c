import type { LightMyRequestResponse } from 'fastify';
import { addDays, bogotaToday, isRuleId, type Problem } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { asobancariaFile } from './support/asobancaria';
import { FakeTelephony } from './support/fake-telephony';
import { startFolio, type FolioWorld } from './support/folio.world';

const provider = new FakeTelephony();
let w: FolioWorld;
beforeAll(async () => {
  w = await startFolio({
    config: {
      TELEPHONY_URL: await provider.start(),
      TELEPHONY_KEY_ID: 'eron-folio',
      TELEPHONY_SECRET: 'telephony-test-secret',
      TELEPHONY_TIMEOUT_MS: 10_000,
      PHONE_HOLD_TIMEOUT_MS: 60_000,
      PHONE_SWEEP_INTERVAL_MS: 0,
    },
  });
});
afterAll(async () => {
  await w?.close();
  await provider.stop();
});

const paymaster = bearer(['paymaster'], ['113']);
const director = bearer(['director'], ['113']);
const clerk = bearer(['shop_clerk'], ['113']);
const post = (url: string, headers: Record<string, string>, payload?: object) =>
  w.app.inject({ method: 'POST', url: `/api/v1/folio${url}`, headers, ...(payload ? { payload } : {}) });

/** Sends the same request twice: the first is accepted, the second is the conflict. */
async function twice(send: () => Promise<LightMyRequestResponse>): Promise<Problem> {
  const first = await send();
  expect([first.statusCode < 300, first.body]).toEqual([true, first.body]);
  return conflictOf(await send());
}

function conflictOf(res: LightMyRequestResponse): Problem {
  expect([res.statusCode, res.body]).toEqual([409, res.body]);
  expect(res.headers['content-type']).toContain('application/problem+json');
  return res.json<Problem>();
}

/** A bank-file deposit for the PPL that is held for review: the default reference layout names no depositor. */
async function heldDeposit(nui: string): Promise<string> {
  const payload = asobancariaFile({ collectionDate: addDays(bogotaToday(), -1), lots: [[{ nui, pesos: 20_000 }]] });
  const up = await w.app.inject({
    method: 'POST',
    url: '/api/v1/folio/recaudo/files',
    headers: { ...paymaster, 'content-type': 'text/plain' },
    payload,
  });
  expect(up.statusCode).toBe(202);
  const held = () =>
    w.db.selectFrom('recaudo_deposits').select('id').where('file_id', '=', up.json().id).where('status', '=', 'held').executeTakeFirst();
  await eventually(async () => (await held()) !== undefined, 15_000, 'held deposit');
  return (await held())!.id;
}

/*
 * Spec decision (PLT-04): every folio 409 is a broken rule like any other — it names the FOL rule
 * (`rule`) and the article of Resolución 6349 de 2016 it comes from (`article`); `article` never holds
 * a rule ID. (The platform's own 409 for an Idempotency-Key still in flight names PLT-05.)
 */
describe('PLT-04 every folio conflict names its rule and article', () => {
  it('FOL-02 FOL-06 FOL-09 FOL-10 FOL-11 FOL-12 FOL-14 FOL-17 when a request clashes with what is recorded then the 409 carries the rule and the article of Resolución 6349, never a rule ID in it', async () => {
    const conflicts: Record<string, Problem> = {};
    const nui = await w.admit({ cash: 500_000 });

    // FOL-02: a use is reversed once.
    const use = (
      await post('/withdrawals', paymaster, { nui, use: 'productive_project', amount: 1_000, receiptNumber: 'PP-1', project: 'Taller' })
    ).json().transactionId as string;
    conflicts.reversal = await twice(() => post(`/uses/${use}/reversal`, paymaster, { reason: 'Error de digitación' }));

    // FOL-06: a held deposit is decided once.
    const deposit = await heldDeposit(nui);
    conflicts.review = await twice(() =>
      post(`/recaudo/deposits/${deposit}/review`, paymaster, { decision: 'refund', reason: 'Consignación errada' }),
    );

    // FOL-09: a shop month is closed once.
    conflicts.shopMonth = await twice(() => post('/shops/113/months/2020-01/close', director));

    // FOL-11: one month's work pay is booked once.
    const work = { nui, month: '2020-01', amount: 100_000, workFront: 'Aseo', payrollReference: 'P-1' };
    conflicts.workPay = await twice(() => post('/work-payments', paymaster, work));

    // FOL-12: a seizure acta is recorded once.
    conflicts.seizure = await twice(() => post('/seizures', paymaster, { eron: '113', nui, amount: 7_000, actaNumber: 'OP-CONFLICT-1' }));

    // FOL-17: a month's shop accounts are submitted once.
    const submission = { submittedTo: 'regional_finance', reference: 'Of. 1' };
    conflicts.shopAccounts = await twice(() => post('/establishments/113/shop-accounts/2020-01/submission', director, submission));

    // FOL-10: a phone credit still waiting on the provider is not bought again under the same key.
    provider.mode = 'timeout';
    provider.delayMs = 1_500;
    const phone = { ...clerk, 'idempotency-key': 'phone-conflict-1' };
    const credit = { nui, line: '3001234567', amount: 1_000 };
    const pending = post('/phone-credits', phone, credit);
    await eventually(
      async () =>
        (await w.db.selectFrom('phone_credits').select('id').where('nui', '=', nui).where('status', '=', 'held').executeTakeFirst()) !==
        undefined,
      5_000,
      'the hold',
    );
    conflicts.phone = conflictOf(await post('/phone-credits', phone, credit));
    expect((await pending).statusCode).toBe(201);
    // The same key with another body: refused with the rule and its article (never a 500).
    const reused = await post('/phone-credits', phone, { ...credit, amount: 2_000 });
    expect([reused.statusCode, reused.json()]).toEqual([422, expect.objectContaining({ rule: 'FOL-10', article: 'Art. 41.3' })]);
    provider.mode = 'ok';

    // FOL-14: a payout is handed over once.
    const released = await w.admit({ cash: 50_000 });
    await w.applied((await w.exit(released, '113', 'release')).id);
    const payout = (await w.db.selectFrom('payouts').select('id').where('nui', '=', released).executeTakeFirstOrThrow()).id;
    conflicts.payout = await twice(() => post(`/payouts/${payout}/payment`, paymaster, { method: 'cash', reference: 'CE-1' }));

    expect(Object.fromEntries(Object.entries(conflicts).map(([what, p]) => [what, [p.status, p.rule, p.article]]))).toEqual({
      reversal: [409, 'FOL-02', 'Art. 41'],
      review: [409, 'FOL-06', 'Art. 40'],
      shopMonth: [409, 'FOL-09', 'Art. 128'],
      workPay: [409, 'FOL-11', 'Art. 43'],
      seizure: [409, 'FOL-12', 'Art. 44'],
      shopAccounts: [409, 'FOL-17', 'Art. 128'],
      phone: [409, 'FOL-10', 'Art. 41.3'],
      payout: [409, 'FOL-14', 'Art. 41 §'],
    });
    for (const p of Object.values(conflicts)) {
      expect(isRuleId(p.article!)).toBe(false);
      expect(p.article).toMatch(/^Arts?\. \d/);
    }
  });
});
