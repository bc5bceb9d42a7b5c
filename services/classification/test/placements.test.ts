import type { FastifyInstance } from 'fastify';
import type { AdmissionRequest } from '@eron/shared';
import { bearer, pdfPages } from '@eron/shared/testing';
import { FULL_BOARD, startClassification, type ClassificationWorld } from './support/classification.world';
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
let sessionId = '';
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
    const opened = await call('POST', '/establishments/113/board-sessions', board, { date: '2026-11-24', attendees: FULL_BOARD });
    expect(opened.statusCode).toBe(201);
    sessionId = opened.json().id;
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
  sessionId,
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
    expect(first.json()).toMatchObject({ nui, cellId: a, acta: 'JAPC-113-2026-0001', decidedBy: 'board', overCapacity: false });
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

  /*
   * Spec decision (CLS-16, Art. 30): cutting a cell's places below the people already in it is an
   * over-capacity decision like placing into a full cell — allowed only with the decision's explicit
   * over-capacity reasons, else 422 naming the rule and nothing changes. Every change is kept with
   * the occupants the cell had.
   */
  it('CLS-16 when a cell’s places are cut below its occupants then 422 naming the rule unless the over-capacity reasons are given; each change is kept', async () => {
    const cell = await cellIn(MEN_PRETRIAL, 3);
    for (const nui of [await admitted(), await admitted()]) {
      expect((await call('POST', `/ppl/${nui}/placements`, board, placement(cell))).statusCode).toBe(201);
    }
    const cut = (body: object) => call('PATCH', `/cells/${cell}`, board, body);
    const refused = await cut({ capacity: 1, reason: 'Obra en el muro norte' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ rule: 'CLS-16', article: 'Art. 30', errors: [{ field: '/overCapacityReason' }] });
    const history = () => app.db.selectFrom('cell_capacity_changes').selectAll().where('cell_id', '=', cell).orderBy('id').execute();
    expect(await history()).toEqual([]);
    expect((await app.db.selectFrom('cells').select('capacity').where('id', '=', cell).executeTakeFirstOrThrow()).capacity).toBe(3);

    expect((await cut({ capacity: 2, reason: 'Obra en el muro norte' })).json()).toMatchObject({ capacity: 2 });
    const over = await cut({
      capacity: 1,
      reason: 'Obra en el muro norte',
      overCapacityReason: 'Traslado pedido a la regional; sin otro cupo',
    });
    expect(over.statusCode).toBe(200);
    expect(over.json()).toMatchObject({ capacity: 1 });
    expect((await history()).map((h) => [h.from_capacity, h.to_capacity, h.occupants, h.over_capacity_reason])).toEqual([
      [3, 2, 2, null],
      [2, 1, 2, 'Traslado pedido a la regional; sin otro cupo'],
    ]);
    const { unit_id: unitId } = await app.db.selectFrom('cells').select('unit_id').where('id', '=', cell).executeTakeFirstOrThrow();
    const report = (await call('GET', '/establishments/113/occupancy', board)).json();
    expect(report.units.find((u: { unitId: string }) => u.unitId === unitId)).toMatchObject({ places: 1, occupants: 2, overcrowding: 1 });
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

describe('CLS-11 the board sits in sessions', () => {
  it('CLS-11 when the board sits with every seat then its acta is numbered per establishment and year and lists each decision with its reasons', async () => {
    const cell = await cellIn(MEN_PRETRIAL);
    const nui = await admitted();
    expect(
      (await call('POST', `/ppl/${nui}/placements`, board, placement(cell, { reasons: 'Perfil compatible con el patio' }))).statusCode,
    ).toBe(201);
    const acta = (await call('GET', `/board-sessions/${sessionId}`, bearer(['legal'], ['113']))).json();
    expect(acta).toMatchObject({ eron: '113', date: '2026-11-24', acta: 'JAPC-113-2026-0001' });
    expect(acta.attendees).toHaveLength(5);
    expect(acta.decisions).toContainEqual(
      expect.objectContaining({ kind: 'placement', nui, cellId: cell, reasons: 'Perfil compatible con el patio' }),
    );
    const next = await call('POST', '/establishments/113/board-sessions', board, { date: '2026-11-25', attendees: FULL_BOARD });
    expect(next.json().acta).toBe('JAPC-113-2026-0002');
    const again = await call('POST', '/establishments/113/board-sessions', board, { date: '2026-11-25', attendees: FULL_BOARD });
    expect(again.json()).toMatchObject({ status: 409, rule: 'CLS-11' });
  });

  it('CLS-11 when a seat is empty or a decision cites no session then 422 naming the rule, and nothing is recorded', async () => {
    await cellIn(MEN_PRETRIAL);
    const res = await call('POST', '/establishments/113/board-sessions', board, { date: '2026-11-20', attendees: FULL_BOARD.slice(0, 3) });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'CLS-11', article: 'Art. 141' });
    expect(res.json().errors).toHaveLength(2);
    expect(await app.db.selectFrom('board_sessions').select('id').where('date', '=', '2026-11-20').execute()).toHaveLength(0);
    const nui = await admitted();
    const cell = await cellIn(MEN_PRETRIAL);
    const orphan = await call('POST', `/ppl/${nui}/placements`, board, placement(cell, { sessionId: undefined }));
    expect(orphan.json()).toMatchObject({ status: 422, rule: 'CLS-11' });
    const noAct = await call('POST', `/ppl/${nui}/placements`, dg, placement(cell, { sessionId: undefined }));
    expect(noAct.json()).toMatchObject({ status: 422, rule: 'CLS-11' });
    expect(await placements(nui)).toHaveLength(0);
    expect(
      (await call('POST', '/establishments/113/board-sessions', bearer(['legal'], ['113']), { date: '2026-11-21', attendees: FULL_BOARD }))
        .statusCode,
    ).toBe(403);
  });
});

describe('CLS-11 the acta lists every decision and prints for signature', () => {
  /** A person admitted to 113 under these names (the order names them too) and inducted. */
  async function person(names: string, surnames: string): Promise<string> {
    const req = admissionRequest();
    const res = await call('POST', '/admissions', bearer(['gate_officer'], ['113']), {
      ...req,
      person: { ...req.person, names, surnames },
      order: { ...req.order, names, surnames },
    });
    expect(res.statusCode).toBe(201);
    const nui = res.json().nui as string;
    const ind = await call('PUT', `/ppl/${nui}/induction`, bearer(['social_worker'], ['113']), {
      date: '2026-11-26',
      givenBy: 'Trabajo social',
      topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'],
    });
    expect(ind.statusCode).toBe(200);
    return nui;
  }
  async function namedCell(unitName: string, code: string): Promise<string> {
    const unit = await call('POST', '/establishments/113/units', dg, {
      kind: 'patio',
      name: unitName,
      eligibility: MEN_PRETRIAL,
      dgAuthorisation: 'Oficio DG 7',
    });
    return (await call('POST', `/units/${unit.json().id}/cells`, board, { code, capacity: 4 })).json().id as string;
  }

  /*
   * Spec decision (CLS-11, Art. 141.5–6): the acta is the record of every decision the board took
   * in the session, in the order taken — placements, and cell-change requests approved (with the
   * cell assigned) or denied — each with its written reasons. A placement made by approving a
   * request is that request's decision and appears once. The PDF is what the members sign.
   */
  it('CLS-11 when the board places, approves a cell change and denies another then the acta lists every decision with its reasons, and its PDF carries them for each member to sign', async () => {
    const [patio3, patio5] = [
      await namedCell('Patio 3 — Mediana seguridad', 'P3-12'),
      await namedCell('Patio 5 — Adultos mayores', 'P5-02'),
    ];
    const opened = await call('POST', '/establishments/113/board-sessions', board, { date: '2026-11-26', attendees: FULL_BOARD });
    expect(opened.statusCode).toBe(201);
    const session = opened.json<{ id: string; acta: string }>();
    const [ana, bruno, carlos] = [
      await person('Andrés Felipe', 'Rojas Peña'),
      await person('Bruno', 'Cárdenas Mejía'),
      await person('Carlos Alberto', 'Gutiérrez Lozano'),
    ];
    const decided = (res: { statusCode: number }) => expect(res.statusCode).toBeLessThan(300);
    decided(
      await call('POST', `/ppl/${ana}/placements`, board, {
        cellId: patio3,
        sessionId: session.id,
        reasons: 'Perfil de mediana seguridad según la entrevista y la evaluación integral; sin riesgo de convivencia con el patio 3.',
      }),
    );
    const ask = async (nui: string, wanted: string) =>
      (
        await call('POST', `/ppl/${nui}/cell-change-requests`, bearer(['social_worker'], ['113']), { wanted, reason: 'Salud y familia' })
      ).json().id as string;
    const [brunoAsks, carlosAsks] = [await ask(bruno, 'Patio 5, con los adultos mayores'), await ask(carlos, 'Patio 1')];
    decided(
      await call('POST', `/cell-change-requests/${brunoAsks}/decision`, board, {
        sessionId: session.id,
        decision: 'approved',
        reasons: 'Tiene 67 años y movilidad reducida certificada por sanidad: procede el patio de adultos mayores.',
        cellId: patio5,
      }),
    );
    decided(
      await call('POST', `/cell-change-requests/${carlosAsks}/decision`, board, {
        sessionId: session.id,
        decision: 'denied',
        reasons: 'El patio 1 está a su máxima capacidad y la razón invocada no es urgente; podrá pedirlo de nuevo en 30 días.',
      }),
    );

    const acta = (await call('GET', `/board-sessions/${session.id}`, bearer(['legal'], ['113']))).json();
    expect(acta.decisions).toEqual([
      expect.objectContaining({ kind: 'placement', nui: ana, person: 'Andrés Felipe Rojas Peña', cellId: patio3, cell: 'P3-12' }),
      expect.objectContaining({
        kind: 'cell_change',
        nui: bruno,
        requestId: brunoAsks,
        decision: 'approved',
        cellId: patio5,
        cell: 'P5-02',
      }),
      expect.objectContaining({ kind: 'cell_change', nui: carlos, requestId: carlosAsks, decision: 'denied', cellId: null }),
    ]);
    expect(acta.decisions[2].reasons).toMatch(/^El patio 1 está a su máxima capacidad/);

    const pdf = await app.inject({
      method: 'GET',
      url: `/api/v1/classification/board-sessions/${session.id}/acta.pdf`,
      headers: bearer(['council_member'], ['113']),
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const pages = pdfPages(pdf.rawPayload, `${session.acta}.pdf`);
    const text = pages.join('\n').replace(/\s+/g, ' ');
    pages.forEach((page, i) => {
      expect(page).toContain('INSTITUTO NACIONAL PENITENCIARIO Y CARCELARIO — INPEC');
      expect(page).toContain('COMEB La Picota (113)');
      expect(page).toContain(`Página ${i + 1} de ${pages.length}`);
      expect(page).toMatch(/Expedido el \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(hora de Bogotá\) por test-council_member/);
    });
    expect(text).toContain(`Acta N.º ${session.acta}`);
    expect(text).toContain('Fecha de la sesión: 26/11/2026');
    for (const a of FULL_BOARD) expect(text.split(a.name).length - 1).toBe(2); // in the attendance and on a signature line
    expect(text).toContain(
      'La Junta adoptó 3 decisiones: 1 asignación de patio y celda, 1 solicitud de cambio aprobada y 1 solicitud de cambio negada',
    );
    for (const nui of [ana, bruno, carlos]) expect(text).toContain(`NUI ${nui}`);
    for (const who of ['Andrés Felipe Rojas Peña', 'Bruno Cárdenas Mejía', 'Carlos Alberto Gutiérrez']) expect(text).toContain(who);
    // The closing and every signature line share the last page: no page holds signatures alone.
    const last = pages.at(-1)!;
    expect(last).toContain('Leída y aprobada');
    for (const a of FULL_BOARD) expect(last).toContain(a.name);
    expect(text).toMatch(/Ubicación .*Cambio aprobado .*Cambio negado/);
    expect(text).toContain('Pidió: Patio 1');
    for (const reasons of ['movilidad reducida certificada por sanidad', 'podrá pedirlo de nuevo en 30 días', 'sin riesgo de convivencia'])
      expect(text).toContain(reasons);
    expect(text).toContain('Código de verificación ' + session.acta);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/classification/board-sessions/${session.id}/acta.pdf`,
          headers: bearer(['director'], ['114']),
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('CLS-18 cell-change requests', () => {
  it('CLS-18 when a PPL asks for another cell then the board answers in a session with reasons: a denial is kept, an approval places them', async () => {
    const [from, to] = [await cellIn(MEN_PRETRIAL), await cellIn(MEN_PRETRIAL)];
    const nui = await admitted();
    expect((await call('POST', `/ppl/${nui}/placements`, board, placement(from))).statusCode).toBe(201);
    const staff = bearer(['social_worker'], ['113']);
    const ask = async () => {
      const res = await call('POST', `/ppl/${nui}/cell-change-requests`, staff, {
        wanted: 'Patio con su hermano',
        reason: 'Cercanía familiar',
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    const first = await ask();
    const denied = await call('POST', `/cell-change-requests/${first}/decision`, board, {
      sessionId,
      decision: 'denied',
      reasons: 'No hay cupo en ese patio',
    });
    expect(denied.json()).toMatchObject({
      status: 'denied',
      answer: 'No hay cupo en ese patio',
      acta: 'JAPC-113-2026-0001',
      placementId: null,
    });
    const again = await call('POST', `/cell-change-requests/${first}/decision`, board, {
      sessionId,
      decision: 'approved',
      reasons: 'x',
      cellId: to,
    });
    expect(again.json()).toMatchObject({ status: 409, rule: 'CLS-18' });

    const second = await ask();
    const noCell = await call('POST', `/cell-change-requests/${second}/decision`, board, {
      sessionId,
      decision: 'approved',
      reasons: 'Procede',
    });
    expect(noCell.json()).toMatchObject({ status: 422, rule: 'CLS-18' });
    const approved = await call('POST', `/cell-change-requests/${second}/decision`, board, {
      sessionId,
      decision: 'approved',
      reasons: 'Procede',
      cellId: to,
    });
    expect(approved.json()).toMatchObject({ status: 'approved', answer: 'Procede' });
    const current = (await placements(nui)).find((p) => p.ended_at === null)!;
    expect(current).toMatchObject({ cell_id: to, session_id: sessionId, id: approved.json().placementId });

    const seen = (await call('GET', `/ppl/${nui}/cell-change-requests`, bearer(['gate_officer'], ['113']))).json();
    expect(seen.map((r: { status: string }) => r.status)).toEqual(['denied', 'approved']);
  });

  it('CLS-18 when an approval would break a placement rule then nothing is decided and the request stays pending', async () => {
    const women = await cellIn({ sexes: ['F'], legal: 'both', specialRegime: null });
    const nui = await admitted();
    const id = (
      await call('POST', `/ppl/${nui}/cell-change-requests`, bearer(['legal'], ['113']), { wanted: 'Otro patio', reason: 'Seguridad' })
    ).json().id;
    const res = await call('POST', `/cell-change-requests/${id}/decision`, board, {
      sessionId,
      decision: 'approved',
      reasons: 'Procede',
      cellId: women,
    });
    expect(res.json()).toMatchObject({ status: 422, rule: 'CLS-13' });
    expect((await call('GET', `/ppl/${nui}/cell-change-requests`, board)).json()[0]).toMatchObject({ status: 'pending', answer: null });
    expect(
      (
        await call('POST', `/cell-change-requests/${id}/decision`, bearer(['director'], ['114']), {
          sessionId,
          decision: 'denied',
          reasons: 'r',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', `/cell-change-requests/${id}/decision`, bearer(['paymaster'], ['113']), {
          sessionId,
          decision: 'denied',
          reasons: 'r',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('CLS-19 roll calls', () => {
  it('CLS-19 when a unit is counted then every name is checked against the cell book and absences, wrong cells and unknown persons are recorded and reported', async () => {
    const c1 = await cellIn(MEN_PRETRIAL, 4);
    const { unit_id: unitId } = await app.db.selectFrom('cells').select('unit_id').where('id', '=', c1).executeTakeFirstOrThrow();
    const c2 = (await call('POST', `/units/${unitId}/cells`, board, { code: 'C2', capacity: 4 })).json().id as string;
    const [x, y, z] = [await admitted(), await admitted(), await admitted()];
    for (const [nui, cell] of [
      [x, c1],
      [y, c1],
      [z, c2],
    ] as const) {
      expect((await call('POST', `/ppl/${nui}/placements`, board, placement(cell))).statusCode).toBe(201);
    }
    const guard = bearer(['guard_commander'], ['113']);
    const count = (seen: object[], takenAt: string) => call('POST', `/units/${unitId}/roll-calls`, guard, { takenAt, seen });
    const morning = await count(
      [
        { nui: x, cellId: c1 },
        { nui: y, cellId: c2 },
        { nui: '9999999', cellId: c1 },
      ],
      '2026-11-24T11:00:00Z',
    );
    expect(morning.statusCode).toBe(201);
    expect(morning.json()).toMatchObject({ day: '2026-11-24', expected: 3, present: 1 });
    expect(morning.json().discrepancies).toEqual(
      expect.arrayContaining([
        { kind: 'absent', nui: z, bookedCellId: c2, seenCellId: null },
        { kind: 'wrong_cell', nui: y, bookedCellId: c1, seenCellId: c2 },
        { kind: 'unknown', nui: '9999999', bookedCellId: null, seenCellId: c1 },
      ]),
    );
    const day = async () => (await call('GET', '/establishments/113/roll-calls?date=2026-11-24', bearer(['director'], ['113']))).json();
    expect((await day()).units.find((u: { unitId: string }) => u.unitId === unitId)).toMatchObject({
      rollCalls: 1,
      belowMinimum: true,
      discrepancies: 3,
    });
    const evening = await count(
      [
        { nui: x, cellId: c1 },
        { nui: y, cellId: c1 },
        { nui: z, cellId: c2 },
      ],
      '2026-11-24T23:00:00Z',
    );
    expect(evening.json()).toMatchObject({ expected: 3, present: 3, discrepancies: [] });
    const report = await day();
    expect(report.units.find((u: { unitId: string }) => u.unitId === unitId)).toMatchObject({
      rollCalls: 2,
      belowMinimum: false,
      discrepancies: 3,
    });
    expect(report.discrepancies.filter((d: { unitId: string }) => d.unitId === unitId)).toHaveLength(3);
  });

  it('CLS-19 PLT-18 when a roll call of 5 000 names lists a NUI twice then 422 naming CLS-19 and each repetition, and nothing is recorded', async () => {
    const c1 = await cellIn(MEN_PRETRIAL);
    const { unit_id: unitId } = await app.db.selectFrom('cells').select('unit_id').where('id', '=', c1).executeTakeFirstOrThrow();
    const guard = bearer(['guard_commander'], ['113']);
    const seen = Array.from({ length: 5_000 }, (_, i) => ({ nui: String(8_000_000 + i), cellId: c1 }));
    seen[4_321] = { ...seen[17]! };
    seen[4_999] = { nui: seen[17]!.nui, cellId: unitId };
    const res = await call('POST', `/units/${unitId}/roll-calls`, guard, { takenAt: '2026-11-24T11:00:00Z', seen });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 422, rule: 'CLS-19', type: expect.stringMatching(/roll-call-repeated-nui$/) });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['/seen/4321/nui', '/seen/4999/nui']);
    expect(await app.db.selectFrom('roll_calls').select('id').where('unit_id', '=', unitId).execute()).toHaveLength(0);
    // The same 5 000 names, each once, are counted.
    const distinct = Array.from({ length: 5_000 }, (_, i) => ({ nui: String(8_000_000 + i), cellId: c1 }));
    const counted = await call('POST', `/units/${unitId}/roll-calls`, guard, { takenAt: '2026-11-24T11:00:00Z', seen: distinct });
    expect(counted.statusCode).toBe(201);
    expect(counted.json().discrepancies).toHaveLength(5_000);
  });

  it('PLT-03 when a roll call comes from another establishment, a role that does not count, or malformed then refused and nothing is recorded', async () => {
    const c1 = await cellIn(MEN_PRETRIAL);
    const { unit_id: unitId } = await app.db.selectFrom('cells').select('unit_id').where('id', '=', c1).executeTakeFirstOrThrow();
    const body = { takenAt: '2026-11-24T11:00:00Z', seen: [] };
    expect((await call('POST', `/units/${unitId}/roll-calls`, bearer(['guard_commander'], ['114']), body)).statusCode).toBe(403);
    expect((await call('POST', `/units/${unitId}/roll-calls`, bearer(['paymaster'], ['113']), body)).statusCode).toBe(403);
    expect((await call('POST', `/units/${unitId}/roll-calls`, board, { ...body, takenAt: 'mañana' })).statusCode).toBe(400);
    expect((await call('GET', '/establishments/113/roll-calls?date=ayer', board)).statusCode).toBe(400);
    expect(await app.db.selectFrom('roll_calls').select('id').where('unit_id', '=', unitId).execute()).toHaveLength(0);
  });
});

describe('CLS-21 only a person held here is placed', () => {
  it('CLS-21 when the person has left (an escape) then the board cannot place them', async () => {
    const cell = await cellIn(MEN_PRETRIAL);
    const nui = await admitted();
    const exit = await call('POST', '/exits', board, { nui, reason: 'escape', occurredAt: '2026-11-24T03:00:00Z' });
    expect(exit.statusCode).toBe(201);
    const res = await call('POST', `/ppl/${nui}/placements`, board, placement(cell));
    expect(res.json()).toMatchObject({ status: 422, rule: 'CLS-21' });
    expect(await placements(nui)).toHaveLength(0);
  });
});
