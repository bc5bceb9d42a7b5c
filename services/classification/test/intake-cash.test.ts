import { addDays, bogotaToday } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { admissionRequest } from './admission.factory';
import { startClassification, type ClassificationWorld } from './support/classification.world';

let w: ClassificationWorld;
beforeAll(async () => {
  w = await startClassification({ establishments: ['113'] });
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
});
