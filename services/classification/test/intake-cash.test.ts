import { addDays, bogotaToday } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { admissionRequest } from './admission.factory';
import { startClassification, type ClassificationWorld } from './support/classification.world';

let w: ClassificationWorld;
beforeAll(async () => {
  w = await startClassification({ establishments: ['113', '114'] });
});
afterAll(async () => w.close());

const paymaster = bearer(['paymaster'], ['113']);
const signatures = { guardCommander: 'Pedro Sosa', custodyOfficer: 'Dragoneante Ruiz', paymaster: 'Luz Pérez' };
async function admittedWithCash(searchDate: string): Promise<string> {
  const res = await w.call(
    'POST',
    '/admissions',
    bearer(['gate_officer'], ['113']),
    admissionRequest({ cashAtIntake: { amount: 90_000, actaNumber: `ACTA-${searchDate}-${Math.random()}`.slice(0, 40), searchDate } }),
  );
  expect(res.statusCode).toBe(201);
  return res.json().nui as string;
}
const receive = (nui: string, receivedOn: string, over: object = {}) =>
  w.call('POST', `/ppl/${nui}/intake-cash/receipt`, paymaster, { receivedOn, signatures, copyGivenToPpl: true, ...over });
type Line = { nui: string; overdue: boolean; receivedOn: string | null; dueBy: string };
const list = async (from: string, to: string) =>
  (await w.call('GET', `/establishments/113/intake-cash?from=${from}&to=${to}`, bearer(['director'], ['113']))).json<{ items: Line[] }>()
    .items;

describe('CLS-10 intake cash reaches the paymaster', () => {
  it('CLS-10 when the paymaster receives the cash with the act signed by the three and a copy to the PPL then it is recorded; later than the day after the search it is overdue', async () => {
    const today = bogotaToday();
    const search = addDays(today, -5);
    const [onTime, late, missing] = [await admittedWithCash(search), await admittedWithCash(search), await admittedWithCash(search)];
    const first = await receive(onTime, addDays(search, 1));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ nui: onTime, amount: 90_000, searchDate: search, dueBy: addDays(search, 1), overdue: false });
    expect((await receive(late, addDays(search, 3))).json()).toMatchObject({ overdue: true });
    expect((await receive(onTime, today)).json()).toMatchObject({ status: 409, rule: 'CLS-10' });
    const lines = await list(search, search);
    const byNui = new Map(lines.map((l) => [l.nui, l]));
    expect(byNui.get(onTime)).toMatchObject({ overdue: false, receivedOn: addDays(search, 1) });
    expect(byNui.get(late)).toMatchObject({ overdue: true });
    expect(byNui.get(missing)).toMatchObject({ overdue: true, receivedOn: null });
  });

  it('CLS-10 when a signature or the PPL’s copy is missing, the date is before the search, or there was no cash then refused and nothing is recorded', async () => {
    const search = bogotaToday();
    const nui = await admittedWithCash(search);
    expect((await receive(nui, search, { signatures: { guardCommander: 'A', paymaster: 'B' } })).statusCode).toBe(400);
    expect((await receive(nui, search, { copyGivenToPpl: false })).statusCode).toBe(400);
    expect((await receive(nui, addDays(search, -1))).json()).toMatchObject({ status: 422, rule: 'CLS-10' });
    const noCash = (await w.call('POST', '/admissions', bearer(['gate_officer'], ['113']), admissionRequest())).json().nui as string;
    expect((await receive(noCash, search)).json()).toMatchObject({ status: 422, rule: 'CLS-10' });
    expect(
      (
        await w.call('POST', `/ppl/${nui}/intake-cash/receipt`, bearer(['paymaster'], ['114']), {
          receivedOn: search,
          signatures,
          copyGivenToPpl: true,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await w.call('POST', `/ppl/${nui}/intake-cash/receipt`, bearer(['director'], ['113']), {
          receivedOn: search,
          signatures,
          copyGivenToPpl: true,
        })
      ).statusCode,
    ).toBe(403);
    const rows = await w.app.db.selectFrom('intake_cash_receipts').select('nui').where('nui', 'in', [nui, noCash]).execute();
    expect(rows).toHaveLength(0);
    expect((await list(search, search)).find((l) => l.nui === nui)).toMatchObject({ receivedOn: null, overdue: false });
  });

  it('CLS-10 when the person was transferred before the cash reached the paymaster then the current establishment’s paymaster records the receipt, not the admitting one’s; in transit neither; intake-cash.received carries it', async () => {
    const search = bogotaToday();
    const nui = await admittedWithCash(search);
    const dg = bearer(['dg']);
    const t = (
      await w.call('POST', '/transfers', dg, {
        nui,
        toEron: '114',
        reasons: 'Acercamiento familiar',
        authority: 'Juzgado 3 de Ejecución de Penas de Bogotá',
      })
    ).json();
    expect((await w.call('POST', `/transfers/${t.id}/dispatch`, bearer(['director'], ['113']))).statusCode).toBe(200);
    const body = { receivedOn: search, signatures, copyGivenToPpl: true };
    const inTransit = await w.call('POST', `/ppl/${nui}/intake-cash/receipt`, bearer(['paymaster'], ['114']), body);
    expect(inTransit.json()).toMatchObject({ status: 409, rule: 'CLS-20' });
    expect((await w.call('POST', `/transfers/${t.id}/reception`, bearer(['gate_officer'], ['114']))).statusCode).toBe(200);

    expect((await receive(nui, search)).statusCode).toBe(403);
    const res = await w.call('POST', `/ppl/${nui}/intake-cash/receipt`, bearer(['paymaster'], ['114']), body);
    expect(res.statusCode).toBe(201);
    const row = await w.app.db.selectFrom('intake_cash_receipts').select(['eron']).where('nui', '=', nui).executeTakeFirstOrThrow();
    expect(row.eron).toBe('114');
    const published = (await w.app.db.selectFrom('outbox').selectAll().where('type', '=', 'intake-cash.received').execute())
      .map((r) => r.envelope.payload as Record<string, unknown>)
      .filter((p) => p.nui === nui);
    expect(published).toEqual([{ nui, eron: '114', amount: 90_000, actaNumber: expect.stringMatching(/^ACTA-/), receivedOn: search }]);
  });
});
