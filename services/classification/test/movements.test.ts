import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AdmissionRequest, Problem } from '@eron/shared';
import { bearer, tokenFor } from '@eron/shared/testing';
import { admissionRequest } from './admission.factory';
import { FULL_BOARD, startClassification, type ClassificationWorld } from './support/classification.world';
import { establishmentBody } from './support/establishments';

let app: FastifyInstance;
let call: ClassificationWorld['call'];
let close: () => Promise<void>;

const dg = bearer(['dg']);
const director113 = bearer(['director'], ['113']);
const director114 = bearer(['director'], ['114']);
const gate114 = bearer(['gate_officer'], ['114']);
const cet113 = bearer(['treatment_officer'], ['113']);

beforeAll(async () => {
  ({ app, call, close } = await startClassification());
  for (const code of ['113', '114', '200']) {
    const res = await call('POST', '/establishments', dg, establishmentBody(code));
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => close());

async function admitted(over: Partial<AdmissionRequest> = {}): Promise<string> {
  const res = await call('POST', '/admissions', bearer(['gate_officer'], [over.eron ?? '113']), admissionRequest(over));
  expect(res.statusCode).toBe(201);
  return res.json().nui as string;
}

/** A current placement (decided by the DG, so no board session) written straight to the table: this file is about movements, not the board. */
async function placed(nui: string): Promise<void> {
  const unit = await call('POST', '/establishments/113/units', dg, {
    kind: 'patio',
    name: `Patio ${randomUUID().slice(0, 8)}`,
    eligibility: { sexes: ['M', 'F'], legal: 'both', specialRegime: null },
    dgAuthorisation: 'Oficio DG 7',
  });
  expect(unit.statusCode).toBe(201);
  const cell = await call('POST', `/units/${unit.json().id}/cells`, director113, { code: 'C1', capacity: 4 });
  expect(cell.statusCode).toBe(201);
  await app.db
    .insertInto('placements')
    .values({
      id: randomUUID(),
      nui,
      eron: '113',
      unit_id: unit.json().id,
      cell_id: cell.json().id,
      acta: 'JAPC 113-2026-0001',
      reasons: 'Evaluación integral',
      decided_by: 'dg',
      placed_by: 'test',
    })
    .execute();
}

const ppl = (nui: string) => app.db.selectFrom('ppl').selectAll().where('nui', '=', nui).executeTakeFirstOrThrow();
const events = async (type: string, nui: string) =>
  (await app.db.selectFrom('outbox').selectAll().where('type', '=', type).orderBy('seq').execute())
    .map((r) => r.envelope.payload as Record<string, unknown>)
    .filter((p) => p.nui === nui);
const currentPlacements = async (nui: string) =>
  (await app.db.selectFrom('placements').select('id').where('nui', '=', nui).where('ended_at', 'is', null).execute()).length;
const count = async (table: string) =>
  Number(
    (
      await app.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const order = (nui: string, over: object = {}) => ({
  nui,
  toEron: '114',
  reasons: 'Acercamiento familiar solicitado por la PPL',
  authority: 'Juzgado 3 de Ejecución de Penas de Bogotá',
  ...over,
});
const decision = { authority: 'Juzgado 3 de Ejecución de Penas', number: 'AI-2026-118', date: '2026-11-24' };

describe('CLS-20 transfers', () => {
  it('CLS-20 when the DG orders, the origin dispatches and the destination receives then the person is in transit, then belongs to the destination, and ppl.transferred is published on reception', async () => {
    const nui = await admitted({ legalStatus: 'condenado' });
    await placed(nui);
    const ordered = await call('POST', '/transfers', dg, order(nui));
    expect(ordered.statusCode).toBe(201);
    const t = ordered.json();
    expect(t).toMatchObject({ nui, fromEron: '113', toEron: '114', status: 'ordered', orderedAs: 'dg' });
    // Sentenced: the judge supervising the sentence is notified (Art. 171).
    expect(await events('notification.requested', nui)).toEqual([
      expect.objectContaining({ recipient: 'judge', subject: 'transfer-ordered', eron: '113' }),
    ]);

    const early = await call('POST', `/transfers/${t.id}/reception`, gate114);
    expect(early.statusCode).toBe(422);
    expect(early.json<Problem>().rule).toBe('CLS-20');

    const sent = await call('POST', `/transfers/${t.id}/dispatch`, director113);
    expect(sent.statusCode).toBe(200);
    expect(sent.json().status).toBe('in_transit');
    expect(await currentPlacements(nui)).toBe(0);
    expect((await ppl(nui)).status).toBe('in_transit');
    expect(await events('ppl.transferred', nui)).toHaveLength(0);
    // Folio stops every use of the money while in transit: it learns of the dispatch.
    expect(await events('ppl.dispatched', nui)).toEqual([{ nui, transferId: t.id, fromEron: '113', toEron: '114' }]);

    const got = await call('POST', `/transfers/${t.id}/reception`, gate114);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ status: 'received' });
    expect(await ppl(nui)).toMatchObject({ eron: '114', status: 'admitted' });
    expect(await events('ppl.transferred', nui)).toEqual([{ nui, transferId: t.id, fromEron: '113', toEron: '114' }]);
    // The origin no longer sees the person; the destination does.
    expect((await call('GET', `/ppl/${nui}`, director113)).statusCode).toBe(403);
    expect((await call('GET', `/ppl/${nui}`, director114)).statusCode).toBe(200);
    expect((await call('GET', `/transfers/${t.id}`, director113)).json().status).toBe('received');
  });

  /*
   * Spec decision (CLS-20, Art. 178): while in transit the person belongs to neither establishment,
   * so neither the origin's board, nor the destination's, nor the DG places them, and a cell change
   * asked for before the dispatch cannot be approved meanwhile: each gets 422 naming CLS-20 (the
   * destination too, rather than a bare 403: it is told why). Reception makes them the destination's.
   */
  it('CLS-20 when a PPL is in transit then neither the origin nor the destination (nor the DG) places them, naming the rule; after reception the destination does', async () => {
    const board = async (eron: string) => {
      const unit = await call('POST', `/establishments/${eron}/units`, dg, {
        kind: 'patio',
        name: `Patio ${randomUUID().slice(0, 8)}`,
        eligibility: { sexes: ['M', 'F'], legal: 'both', specialRegime: null },
        dgAuthorisation: 'Oficio DG 7',
      });
      const director = bearer(['director'], [eron]);
      const cell = (await call('POST', `/units/${unit.json().id}/cells`, director, { code: 'C1', capacity: 4 })).json().id as string;
      const existing = await app.db.selectFrom('board_sessions').select('id').where('eron', '=', eron).executeTakeFirst();
      const sessionId =
        existing?.id ??
        ((await call('POST', `/establishments/${eron}/board-sessions`, director, { date: '2026-11-24', attendees: FULL_BOARD })).json()
          .id as string);
      return { cell, sessionId, director };
    };
    const [origin, destination] = [await board('113'), await board('114')];
    const nui = await admitted({ legalStatus: 'condenado' });
    const inducted = await call('PUT', `/ppl/${nui}/induction`, bearer(['social_worker'], ['113']), {
      date: '2026-11-24',
      givenBy: 'Trabajo social',
      topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'],
    });
    expect(inducted.statusCode).toBe(200);
    const asked = await call('POST', `/ppl/${nui}/cell-change-requests`, bearer(['social_worker'], ['113']), {
      wanted: 'Otro patio',
      reason: 'Cercanía familiar',
    });
    const t = (await call('POST', '/transfers', dg, order(nui))).json();
    expect((await call('POST', `/transfers/${t.id}/dispatch`, director113)).statusCode).toBe(200);

    const place = (who: Record<string, string>, body: object) =>
      call('POST', `/ppl/${nui}/placements`, who, { reasons: 'Evaluación', ...body });
    for (const refused of [
      await place(origin.director, { cellId: origin.cell, sessionId: origin.sessionId }),
      await place(destination.director, { cellId: destination.cell, sessionId: destination.sessionId }),
      await place(dg, { cellId: destination.cell, acta: 'Resolución DG 88' }),
      await call('POST', `/cell-change-requests/${asked.json().id}/decision`, origin.director, {
        sessionId: origin.sessionId,
        decision: 'approved',
        reasons: 'Procede',
        cellId: origin.cell,
      }),
    ]) {
      expect(refused.statusCode).toBe(422);
      expect(refused.json<Problem>()).toMatchObject({ rule: 'CLS-20', article: 'Art. 178' });
    }
    expect(await app.db.selectFrom('placements').select('id').where('nui', '=', nui).execute()).toHaveLength(0);
    // Someone acting for neither end is still refused as any stranger is.
    expect((await place(bearer(['director'], ['200']), { cellId: destination.cell })).json<Problem>()).toMatchObject({
      status: 403,
      rule: 'PLT-03',
    });

    expect((await call('POST', `/transfers/${t.id}/reception`, gate114)).statusCode).toBe(200);
    const placed114 = await place(destination.director, { cellId: destination.cell, sessionId: destination.sessionId });
    expect(placed114.statusCode).toBe(201);
    expect(placed114.json()).toMatchObject({ nui, eron: '114', cellId: destination.cell });
  });

  it('CLS-20 when a pre-trial or extradition PPL is transferred then the authority at whose disposal they are is informed', async () => {
    for (const legalStatus of ['sindicado', 'extradicion'] as const) {
      const nui = await admitted({ legalStatus });
      expect((await call('POST', '/transfers', dg, order(nui, { authority: 'Juzgado 12 Penal Municipal' }))).statusCode).toBe(201);
      expect(await events('notification.requested', nui)).toEqual([expect.objectContaining({ recipient: 'judicial_authority' })]);
    }
  });

  it('CLS-20 when a regional director orders then only with a delegation and within their region; other roles are refused and nothing is created', async () => {
    const nui = await admitted({ legalStatus: 'condenado' });
    const before = [await count('transfers'), await count('outbox')];
    const regional = bearer(['regional_director'], ['113', '114']);
    const noDelegation = await call('POST', '/transfers', regional, order(nui));
    expect(noDelegation.statusCode).toBe(422);
    expect(noDelegation.json<Problem>()).toMatchObject({ rule: 'CLS-20', article: 'Art. 171' });
    const outside = await call('POST', '/transfers', regional, order(nui, { toEron: '200', delegation: 'Resolución DG 44' }));
    expect(outside.statusCode).toBe(403);
    expect(outside.json<Problem>().rule).toBe('CLS-20');
    const director = await call('POST', '/transfers', director113, order(nui));
    expect(director.statusCode).toBe(403);
    expect(director.headers['content-type']).toContain('application/problem+json');
    expect([await count('transfers'), await count('outbox')]).toEqual(before);

    const ok = await call('POST', '/transfers', regional, order(nui, { delegation: 'Resolución DG 44' }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ orderedAs: 'regional_director', delegation: 'Resolución DG 44' });
  });

  it('CLS-20 when the order has no reasons or a bad destination then 400/422 problem+json and nothing is created', async () => {
    const nui = await admitted();
    const before = [await count('transfers'), await count('outbox')];
    const { reasons: _r, ...noReasons } = order(nui);
    const bad = await call('POST', '/transfers', dg, noReasons);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await call('POST', '/transfers', dg, order(nui, { reasons: '   ' }))).statusCode).toBe(400);
    const same = await call('POST', '/transfers', dg, order(nui, { toEron: '113' }));
    expect(same.statusCode).toBe(422);
    expect(same.json<Problem>().rule).toBe('CLS-20');
    expect((await call('POST', '/transfers', dg, order(nui, { toEron: '999' }))).statusCode).toBe(422);
    expect([await count('transfers'), await count('outbox')]).toEqual(before);
  });

  it('CLS-20 when a transfer is under way then a second order is refused; a retry with the same Idempotency-Key returns the first', async () => {
    const nui = await admitted();
    const key = { ...dg, 'idempotency-key': `transfer-${randomUUID()}` };
    const first = await call('POST', '/transfers', key, order(nui));
    const retry = await call('POST', '/transfers', key, order(nui));
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    const second = await call('POST', '/transfers', dg, order(nui, { toEron: '200' }));
    expect(second.statusCode).toBe(422);
    expect(second.json<Problem>().rule).toBe('CLS-20');
  });

  it('CLS-20 when force majeure delays a transfer then the cause is recorded and reported to the DG; only the origin may dispatch or delay', async () => {
    const nui = await admitted();
    const t = (await call('POST', '/transfers', dg, order(nui))).json();
    expect((await call('POST', `/transfers/${t.id}/dispatch`, director114)).statusCode).toBe(403);
    expect((await call('POST', `/transfers/${t.id}/delay`, director114, { cause: 'Vía cerrada' })).statusCode).toBe(403);
    expect((await call('POST', `/transfers/${t.id}/delay`, director113, {})).statusCode).toBe(400);
    const delayed = await call('POST', `/transfers/${t.id}/delay`, director113, {
      cause: 'Derrumbe en la vía Bogotá–Villavicencio',
      expectedDate: '2026-11-28',
    });
    expect(delayed.statusCode).toBe(200);
    expect(delayed.json().delays).toEqual([
      expect.objectContaining({ cause: 'Derrumbe en la vía Bogotá–Villavicencio', expectedDate: '2026-11-28' }),
    ]);
    expect(delayed.json().status).toBe('ordered');
    expect(await events('notification.requested', nui)).toContainEqual(
      expect.objectContaining({ recipient: 'dg', subject: 'transfer-delayed' }),
    );
    expect((await ppl(nui)).status).toBe('admitted');
  });
});

describe('CLS-01 CLS-02 CLS-15 CLS-20 national acts', () => {
  it('CLS-01 CLS-02 CLS-15 CLS-20 when a DG token narrowed to one establishment does a national act then 403 naming the rule and nothing changes; the national DG may', async () => {
    const narrowed = { authorization: `Bearer ${tokenFor(['dg'], ['113'], 'dg-of-113', false)}` };
    const unit = await call('POST', '/establishments/113/units', dg, {
      kind: 'patio',
      name: `Extradición ${randomUUID().slice(0, 8)}`,
      eligibility: { sexes: ['M'], legal: 'pre_trial', specialRegime: 'extradition' },
      dgAuthorisation: 'Oficio DG 7',
    });
    const cell = (await call('POST', `/units/${unit.json().id}/cells`, director113, { code: 'X1', capacity: 2 })).json().id as string;
    const nui = await admitted({ legalStatus: 'extradicion' });
    expect(
      (
        await call('PUT', `/ppl/${nui}/induction`, bearer(['social_worker'], ['113']), {
          date: '2026-11-24',
          givenBy: 'Trabajo social',
          topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'],
        })
      ).statusCode,
    ).toBe(200);
    const fingerprint = async () =>
      JSON.stringify(
        await Promise.all(['establishments', 'category_changes', 'units', 'unit_names', 'transfers', 'placements'].map(count)),
      );
    const before = await fingerprint();
    const acts: [string, string, string, object][] = [
      [
        'CLS-01',
        'POST',
        '/establishments',
        {
          code: '399',
          name: 'X',
          regional: 'central',
          order: 'nacional',
          type: 'penitenciaria',
          securityCategory: 'media',
          resolution: 'R',
        },
      ],
      ['CLS-01', 'PUT', '/establishments/113/category', { securityCategory: 'alta', resolution: 'R' }],
      [
        'CLS-02',
        'POST',
        '/establishments/113/units',
        { kind: 'patio', name: 'Nuevo', eligibility: { sexes: ['M'], legal: 'both', specialRegime: null }, dgAuthorisation: 'O' },
      ],
      ['CLS-02', 'PATCH', `/units/${unit.json().id}`, { name: 'Renombrada', dgAuthorisation: 'O' }],
      ['CLS-20', 'POST', '/transfers', order(nui)],
      ['CLS-15', 'POST', `/ppl/${nui}/placements`, { cellId: cell, acta: 'Resolución DG 90', reasons: 'Extradición' }],
    ];
    for (const [rule, method, url, body] of acts) {
      const res = await call(method as 'POST', url, narrowed, body);
      expect([url, res.statusCode]).toEqual([url, 403]);
      expect([url, res.json<Problem>().rule]).toEqual([url, rule]);
    }
    expect(await fingerprint()).toBe(before);
    // The national DG's token does each of them.
    const placedByDg = await call('POST', `/ppl/${nui}/placements`, dg, { cellId: cell, acta: 'Resolución DG 90', reasons: 'Extradición' });
    expect(placedByDg.json()).toMatchObject({ decidedBy: 'dg' });
    expect((await call('POST', '/transfers', dg, order(nui))).statusCode).toBe(201);
  });
});

describe('CLS-21 exits', () => {
  const exit = (nui: string, reason: string, over: object = {}) => ({ nui, reason, occurredAt: '2026-11-25T10:00:00-05:00', ...over });

  it('CLS-21 when release has no judicial decision then 422 and nothing changes; with it the person is released, the NUI and record kept, ppl.exited published', async () => {
    const nui = await admitted({ legalStatus: 'condenado' });
    await placed(nui);
    const before = [await count('exits'), await count('outbox')];
    for (const reason of ['release', 'house_arrest']) {
      const res = await call('POST', '/exits', director113, exit(nui, reason));
      expect(res.statusCode).toBe(422);
      expect(res.json<Problem>().rule).toBe('CLS-21');
    }
    expect([await count('exits'), await count('outbox')]).toEqual(before);
    expect(await currentPlacements(nui)).toBe(1);

    const res = await call('POST', '/exits', director113, exit(nui, 'release', { judicialDecision: decision }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ nui, eron: '113', reason: 'release', notified: [] });
    expect(await currentPlacements(nui)).toBe(0);
    const record = await call('GET', `/ppl/${nui}`, director113);
    expect(record.json()).toMatchObject({ nui, status: 'released' });
    expect(await events('ppl.exited', nui)).toEqual([{ nui, eron: '113', exitId: res.json().id, reason: 'release' }]);
    const again = await call('POST', '/exits', director113, exit(nui, 'death'));
    expect(again.statusCode).toBe(422);
    expect(again.json<Problem>().rule).toBe('CLS-21');
  });

  it('CLS-21 when a PPL escapes then police and DG are notified at once, the escape and the recapture enter the register', async () => {
    const nui = await admitted();
    const res = await call('POST', '/exits', bearer(['guard_commander'], ['113']), exit(nui, 'escape', { details: 'Evasión del patio 3' }));
    expect(res.statusCode).toBe(201);
    expect(res.json().notified).toEqual(['police', 'dg']);
    const notes = await events('notification.requested', nui);
    expect(notes.map((n) => n.recipient)).toEqual(['police', 'dg']);
    expect(notes.every((n) => n.subject === 'escape')).toBe(true);
    expect(await events('ppl.exited', nui)).toEqual([expect.objectContaining({ reason: 'escape' })]);
    const back = await call('POST', `/ppl/${nui}/recaptures`, director113, {
      occurredAt: '2026-11-26T08:00:00-05:00',
      details: 'Policía, Soacha',
    });
    expect(back.statusCode).toBe(201);
    expect((await ppl(nui)).status).toBe('recaptured');
    const register = await call('GET', '/establishments/113/escape-register', director113);
    expect(
      register
        .json()
        .entries.filter((e: { nui: string }) => e.nui === nui)
        .map((e: { kind: string }) => e.kind),
    ).toEqual(['recapture', 'escape']);
  });

  it('CLS-21 when a PPL in house arrest escapes then it enters the register and notifies, without a second ppl.exited', async () => {
    const nui = await admitted({ legalStatus: 'condenado' });
    const home = await call('POST', '/exits', director113, exit(nui, 'house_arrest', { judicialDecision: decision }));
    expect(home.statusCode).toBe(201);
    expect((await ppl(nui)).status).toBe('house_arrest');
    // The person keeps their record under house arrest: discipline keeps rating conduct (DIS-13).
    expect(await events('ppl.exited', nui)).toEqual([expect.objectContaining({ reason: 'house_arrest' })]);
    const fled = await call('POST', '/exits', director113, exit(nui, 'escape'));
    expect(fled.statusCode).toBe(201);
    expect(fled.json()).toMatchObject({ fromHouseArrest: true, notified: ['police', 'dg'] });
    expect(await events('ppl.exited', nui)).toHaveLength(1);
    const entries = await app.db.selectFrom('escape_register').selectAll().where('nui', '=', nui).execute();
    expect(entries).toEqual([expect.objectContaining({ kind: 'escape', from_house_arrest: true, eron: '113' })]);
  });

  it('CLS-21 when a PPL dies then the regional director, the DG, the local authorities and the relatives are notified', async () => {
    const nui = await admitted();
    const res = await call('POST', '/exits', director113, exit(nui, 'death'));
    expect(res.statusCode).toBe(201);
    expect((await events('notification.requested', nui)).map((n) => n.recipient)).toEqual([
      'regional_director',
      'dg',
      'local_authorities',
      'relatives',
    ]);
    expect((await ppl(nui)).status).toBe('deceased');
  });

  it('CLS-21 when another establishment, a role that does not record exits, bad input or a person in transit then refused and nothing changes', async () => {
    const nui = await admitted();
    const before = [await count('exits'), await count('outbox')];
    expect((await call('POST', '/exits', director114, exit(nui, 'death'))).statusCode).toBe(403);
    expect((await call('POST', '/exits', bearer(['gate_officer'], ['113']), exit(nui, 'death'))).statusCode).toBe(403);
    const bad = await call('POST', '/exits', director113, exit(nui, 'vacation'));
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await call('POST', `/ppl/${nui}/recaptures`, director113, { occurredAt: '2026-11-26T08:00:00-05:00' })).statusCode).toBe(422);
    expect([await count('exits'), await count('outbox')]).toEqual(before);

    const t = (await call('POST', '/transfers', dg, order(nui))).json();
    await call('POST', `/transfers/${t.id}/dispatch`, director113);
    const inTransit = await call('POST', '/exits', director113, exit(nui, 'death'));
    expect(inTransit.statusCode).toBe(422);
    expect(inTransit.json<Problem>().rule).toBe('CLS-21');
  });
});

describe('CLS-22 security level and treatment phase', () => {
  const change = (over: object = {}) => ({
    phase: 'high',
    securityLevel: 2,
    cetActa: 'CET 113-2026-0010',
    reasons: 'Diagnóstico inicial',
    ...over,
  });

  it('CLS-22 when the CET sets a sentenced PPL’s level and phase then it is kept with history and ppl.status-changed is published', async () => {
    const nui = await admitted({ legalStatus: 'condenado' });
    const first = await call('POST', `/ppl/${nui}/treatment`, cet113, change({ phase: 'observation' }));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ securityLevel: 2, phase: 'observation' });
    const second = await call(
      'POST',
      `/ppl/${nui}/treatment`,
      cet113,
      change({ securityLevel: undefined, phase: 'medium', cetActa: 'CET 113-2026-0031' }),
    );
    expect(second.statusCode).toBe(200);
    const read = await call('GET', `/ppl/${nui}/treatment`, director113);
    expect(read.json()).toMatchObject({ securityLevel: 2, phase: 'medium' });
    expect(read.json().history.map((h: { phase: string; cetActa: string }) => [h.phase, h.cetActa])).toEqual([
      ['observation', 'CET 113-2026-0010'],
      ['medium', 'CET 113-2026-0031'],
    ]);
    expect((await ppl(nui)).security_level).toBe(2);
    expect(await events('ppl.status-changed', nui)).toEqual([
      { nui, eron: '113', securityLevel: 2, phase: 'observation' },
      { nui, eron: '113', phase: 'medium' },
    ]);
  });

  it('CLS-22 when the person is not sentenced, or nothing changes, then 422 and nothing is recorded', async () => {
    const nui = await admitted({ legalStatus: 'sindicado' });
    const sentenced = await admitted({ legalStatus: 'condenado' });
    const before = [await count('treatment_history'), await count('outbox')];
    const res = await call('POST', `/ppl/${nui}/treatment`, cet113, change());
    expect(res.statusCode).toBe(422);
    expect(res.json<Problem>()).toMatchObject({ rule: 'CLS-22', article: 'Art. 139' });
    expect((await call('POST', `/ppl/${sentenced}/treatment`, cet113, { cetActa: 'CET 1', reasons: 'x' })).statusCode).toBe(422);
    expect([await count('treatment_history'), await count('outbox')]).toEqual(before);
  });

  it('CLS-22 when not the CET, another establishment or bad input then refused and nothing is recorded', async () => {
    const nui = await admitted({ legalStatus: 'condenado' });
    const before = [await count('treatment_history'), await count('outbox')];
    expect((await call('POST', `/ppl/${nui}/treatment`, director113, change())).statusCode).toBe(403);
    expect((await call('POST', `/ppl/${nui}/treatment`, bearer(['treatment_officer'], ['114']), change())).statusCode).toBe(403);
    const bad = await call('POST', `/ppl/${nui}/treatment`, cet113, change({ phase: 'maximum', securityLevel: 9 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect([await count('treatment_history'), await count('outbox')]).toEqual(before);
  });
});
