import type { FastifyInstance } from 'fastify';
import type { AdmissionRequest } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { startClassification, type ClassificationWorld } from './support/classification.world';
import { admissionRequest } from './admission.factory';

let app: FastifyInstance;
let call: ClassificationWorld['call'];
let close: () => Promise<void>;
beforeAll(async () => {
  ({ app, call, close } = await startClassification());
});
afterAll(async () => close());

const dg = bearer(['dg']);
const board = bearer(['director'], ['113']);

let established = false;
/** Establishment 113 with a unit of the given eligibility and one cell of the given places. */
async function cellIn(eligibility: object, capacity = 2): Promise<string> {
  if (!established) {
    await call('POST', '/establishments', dg, {
      code: '113',
      name: 'COMEB La Picota',
      regional: 'central',
      order: 'nacional',
      type: 'penitenciaria',
      securityCategory: 'media',
      resolution: 'Resolución DG 1',
    });
    established = true;
  }
  const unit = await call('POST', '/establishments/113/units', dg, {
    kind: 'patio',
    name: `Patio ${Math.random().toString(36).slice(2, 8)}`,
    eligibility,
    dgAuthorisation: 'Oficio DG 7',
  });
  expect(unit.statusCode).toBe(201);
  const cell = await call('POST', `/units/${unit.json().id}/cells`, board, { code: 'C1', capacity });
  return cell.json().id as string;
}
const MEN_SENTENCED = { sexes: ['M'], legal: 'sentenced', specialRegime: null };
const MEN_PRETRIAL = { sexes: ['M'], legal: 'pre_trial', specialRegime: null };

async function admitted(over: Partial<AdmissionRequest> = {}, inducted = true): Promise<string> {
  const res = await call('POST', '/admissions', bearer(['gate_officer'], ['113']), admissionRequest(over));
  expect(res.statusCode).toBe(201);
  const nui = res.json().nui as string;
  if (inducted) {
    const ind = await call('PUT', `/ppl/${nui}/induction`, bearer(['social_worker'], ['113']), {
      date: '2026-11-24',
      givenBy: 'Trabajadora social de turno',
      topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'],
    });
    expect(ind.statusCode).toBe(200);
  }
  return nui;
}
const placement = (cellId: string, over: object = {}) => ({
  cellId,
  acta: 'JAPC 113-2026-0042',
  reasons: 'Evaluación integral de la Junta',
  ...over,
});
const placements = async (nui: string) => app.db.selectFrom('placements').selectAll().where('nui', '=', nui).orderBy('placed_at').execute();

describe('CLS-12 … CLS-16 the patio/cell board places PPL', () => {
  it('CLS-12 when the induction is not recorded then no unit or cell is assigned', async () => {
    const cell = await cellIn(MEN_PRETRIAL);
    const nui = await admitted({}, false);
    const res = await call('POST', `/ppl/${nui}/placements`, board, placement(cell));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'CLS-12', article: 'Art. 32' });
    expect(await placements(nui)).toHaveLength(0);
  });

  it('CLS-12 when the board places an inducted PPL then the placement carries acta and reasons, ppl.placed is published, and a later one ends it', async () => {
    const [a, b] = [await cellIn(MEN_PRETRIAL), await cellIn(MEN_PRETRIAL)];
    const nui = await admitted();
    const first = await call('POST', `/ppl/${nui}/placements`, board, placement(a));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ nui, cellId: a, acta: 'JAPC 113-2026-0042', decidedBy: 'board', overCapacity: false });
    const event = await app.db
      .selectFrom('outbox')
      .selectAll()
      .where('type', '=', 'ppl.placed')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.envelope.payload).toEqual({ nui, eron: '113', unitId: first.json().unitId, cellId: a });
    expect((await call('POST', `/ppl/${nui}/placements`, board, placement(b))).statusCode).toBe(201);
    const rows = await placements(nui);
    expect(rows.map((r) => [r.cell_id, r.ended_at === null])).toEqual([
      [a, false],
      [b, true],
    ]);
  });

  it('CLS-13 when the unit is for the other sex or for sentenced PPL then 422 naming every breach, and nothing is placed', async () => {
    const cell = await cellIn({ sexes: ['F'], legal: 'sentenced', specialRegime: null });
    const nui = await admitted();
    const res = await call('POST', `/ppl/${nui}/placements`, board, placement(cell));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'CLS-13' });
    expect(res.json().errors).toHaveLength(2);
    expect(await placements(nui)).toHaveLength(0);
    const sentenced = await admitted({ legalStatus: 'condenado' });
    const pretrialCell = await cellIn(MEN_PRETRIAL);
    expect((await call('POST', `/ppl/${sentenced}/placements`, board, placement(pretrialCell))).json()).toMatchObject({ rule: 'CLS-13' });
    expect((await call('POST', `/ppl/${sentenced}/placements`, board, placement(await cellIn(MEN_SENTENCED)))).statusCode).toBe(201);
  });

  it('CLS-14 when a placement carries orientation or gender identity then 400; a protection space needs the person’s consent', async () => {
    const cell = await cellIn({ sexes: ['M', 'F'], legal: 'both', specialRegime: 'protection_space' });
    const nui = await admitted();
    expect((await call('POST', `/ppl/${nui}/placements`, board, placement(cell, { sexualOrientation: 'x' }))).statusCode).toBe(400);
    expect((await call('POST', `/ppl/${nui}/placements`, board, placement(cell, { genderIdentity: 'x' }))).statusCode).toBe(400);
    const refused = await call('POST', `/ppl/${nui}/placements`, board, placement(cell));
    expect(refused.json()).toMatchObject({ status: 422, rule: 'CLS-14', article: 'Art. 36 §4' });
    expect(await placements(nui)).toHaveLength(0);
    const agreed = await call(
      'POST',
      `/ppl/${nui}/placements`,
      board,
      placement(cell, { protectionConsent: 'Acta de consentimiento firmada 2026-11-24' }),
    );
    expect(agreed.statusCode).toBe(201);
  });

  it('CLS-15 when the board places a PPL held for extradition or into a special-regime unit then 403 naming the rule; the DG may', async () => {
    const cell = await cellIn({ sexes: ['M'], legal: 'pre_trial', specialRegime: 'extradition' });
    const nui = await admitted({ legalStatus: 'extradicion' });
    const res = await call('POST', `/ppl/${nui}/placements`, board, placement(cell));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ rule: 'CLS-15', article: 'Art. 141 §' });
    const high = await cellIn({ sexes: ['M'], legal: 'both', specialRegime: 'high_security' });
    const other = await admitted();
    expect((await call('POST', `/ppl/${other}/placements`, board, placement(high))).json()).toMatchObject({ rule: 'CLS-15' });
    const byDg = await call('POST', `/ppl/${nui}/placements`, dg, placement(cell, { acta: 'Resolución DG 55' }));
    expect(byDg.statusCode).toBe(201);
    expect(byDg.json().decidedBy).toBe('dg');
  });

  it('CLS-16 when the cell is full then the placement needs over-capacity reasons; the occupancy report shows places, occupants and overcrowding', async () => {
    const cell = await cellIn(MEN_PRETRIAL, 1);
    const [x, y] = [await admitted(), await admitted()];
    expect((await call('POST', `/ppl/${x}/placements`, board, placement(cell))).statusCode).toBe(201);
    const full = await call('POST', `/ppl/${y}/placements`, board, placement(cell));
    expect(full.json()).toMatchObject({ status: 422, rule: 'CLS-16' });
    const over = await call(
      'POST',
      `/ppl/${y}/placements`,
      board,
      placement(cell, { overCapacityReason: 'Ingreso masivo; traslado pedido a la regional' }),
    );
    expect(over.json()).toMatchObject({ overCapacity: true });
    const report = (await call('GET', '/establishments/113/occupancy', bearer(['guard_commander'], ['113']))).json();
    const unit = report.units.find((u: { occupants: number; places: number }) => u.places === 1 && u.occupants === 2);
    expect(unit).toMatchObject({ places: 1, occupants: 2, overcrowding: 1 });
    expect(report.occupants).toBeGreaterThanOrEqual(2);
    expect(report.overcrowding).toBeCloseTo(report.occupants / report.places - 1, 4);
  });

  it('CLS-16 when two placements race for the last place then one is placed and the other must give reasons', async () => {
    const cell = await cellIn(MEN_PRETRIAL, 1);
    const [x, y] = [await admitted(), await admitted()];
    const both = await Promise.all([x, y].map((nui) => call('POST', `/ppl/${nui}/placements`, board, placement(cell))));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 422]);
  });

  it('PLT-03 when the caller is not on the board, acts for another establishment or sends bad input then refused and nothing is placed', async () => {
    const cell = await cellIn(MEN_PRETRIAL);
    const nui = await admitted();
    expect((await call('POST', `/ppl/${nui}/placements`, bearer(['paymaster'], ['113']), placement(cell))).statusCode).toBe(403);
    expect((await call('POST', `/ppl/${nui}/placements`, bearer(['director'], ['114']), placement(cell))).statusCode).toBe(403);
    expect((await call('POST', `/ppl/${nui}/placements`, {}, placement(cell))).statusCode).toBe(401);
    expect((await call('POST', `/ppl/${nui}/placements`, board, { cellId: cell })).statusCode).toBe(400);
    expect((await call('POST', `/ppl/${nui}/placements`, board, placement('not-a-uuid'))).statusCode).toBe(400);
    expect((await call('POST', '/ppl/9999999/placements', board, placement(cell))).statusCode).toBe(404);
    expect((await call('GET', '/establishments/113/occupancy', bearer(['director'], ['114']))).statusCode).toBe(403);
    expect(
      (
        await call('PUT', `/ppl/${nui}/induction`, bearer(['social_worker'], ['113']), {
          date: '2026-11-24',
          givenBy: 'x',
          topics: ['rules'],
        })
      ).statusCode,
    ).toBe(400);
    expect(await placements(nui)).toHaveLength(0);
  });
});
