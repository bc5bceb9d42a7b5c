import { Writable } from 'node:stream';
import type { ConfidentialPatch, PplRecord, Problem, RecordHistory } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { admissionRequest } from './admission.factory';
import { FULL_BOARD, startClassification, type ClassificationWorld } from './support/classification.world';

let w: ClassificationWorld;
beforeAll(async () => {
  w = await startClassification({ establishments: ['113', '114'] });
});
afterAll(() => w.close());

const director = bearer(['director'], ['113']);
const legal = bearer(['legal'], ['113']);
const health = bearer(['health'], ['113']);
const social = bearer(['social_worker'], ['113']);
const gate = bearer(['gate_officer'], ['113']);
const otherDirector = bearer(['director'], ['200']);

/** Confidential values that must never leave the confidential part (CLS-07). */
const SECRET = {
  identity: { volunteered: true, sexualOrientation: 'Orientación-QX71', genderIdentity: 'Identidad-QX72', identityName: 'Nombre-QX73' },
  health: { hivStatus: 'positive', conditions: ['Condición-QX74'] },
  children: [{ names: 'Hija-QX75', birthDate: '2020-02-02' }],
} as const;
const SECRET_VALUES = ['QX71', 'QX72', 'QX73', 'QX74', 'QX75'];

async function admitted(world: ClassificationWorld = w, nationality = 'CO'): Promise<string> {
  const req = admissionRequest();
  const res = await world.call('POST', '/admissions', gate, { ...req, person: { ...req.person, nationality } });
  expect(res.statusCode).toBe(201);
  return res.json<{ nui: string }>().nui;
}
const patch = (nui: string, headers: object, body: object) => w.call('PATCH', `/ppl/${nui}/record`, headers, body);
const patchConfidential = (nui: string, headers: object, body: object) => w.call('PATCH', `/ppl/${nui}/record/confidential`, headers, body);
const rows = (table: string, nui: string) => w.app.db.selectFrom(table).selectAll().where('nui', '=', nui).execute();
const audits = (nui: string, action: string) =>
  w.app.db.selectFrom('audit_log').selectAll().where('entity_id', '=', nui).where('action', '=', action).execute();
const notices = (nui: string) =>
  w.app.db
    .selectFrom('outbox')
    .selectAll()
    .where('type', '=', 'notification.requested')
    .execute()
    .then((all) => all.filter((r) => r.envelope.payload.nui === nui).map((r) => r.envelope.payload));
const expectRule = (res: { statusCode: number; json: () => unknown; headers: Record<string, unknown> }, status: number, rule: string) => {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect((res.json() as Problem).rule).toBe(rule);
  return res.json() as Problem;
};

describe('CLS-06 the record (cartilla biográfica)', () => {
  it('CLS-06 when parts are changed then the record holds them and the history keeps who, when and what', async () => {
    const nui = await admitted();
    const first = await patch(nui, legal, {
      alias: 'El Mono',
      civilStatus: 'soltero',
      childrenCount: 2,
      dependantsCount: 3,
      emergencyContacts: [{ name: 'Rosa Gómez', relationship: 'madre', phone: '+57 310 555 1234' }],
      groups: { disability: null, armedConflictVictim: true, demobilised: false },
      reasonableAdjustments: ['Celda en primer piso'],
      armedGroupMembership: null,
      judicialAuthority: { name: 'María Rojas', court: 'Juzgado 12 Penal Municipal', caseNumber: '11001-60-00-2026' },
      legalSituation: 'Sindicado con medida de aseguramiento',
      offenceType: 'Hurto calificado',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json<PplRecord>()).toMatchObject({ nui, eron: '113', version: 1, parts: { alias: 'El Mono', childrenCount: 2 } });
    const second = await patch(nui, director, { civilStatus: 'union_libre' });
    expect(second.json<PplRecord>()).toMatchObject({ version: 2, parts: { civilStatus: 'union_libre', alias: 'El Mono' } });

    const record = await w.call('GET', `/ppl/${nui}/record`, bearer(['guard_commander'], ['113']));
    expect(record.json<PplRecord>().parts).toEqual(second.json<PplRecord>().parts);
    const history = (await w.call('GET', `/ppl/${nui}/record/history`, director)).json<RecordHistory>();
    expect(history.changes).toHaveLength(2);
    expect(history.changes[1]).toMatchObject({
      part: 'general',
      fields: ['civilStatus'],
      before: { civilStatus: 'soltero' },
      after: { civilStatus: 'union_libre' },
      changedBy: 'test-director',
    });
    expect(history.changes[0]!.fields).toContain('judicialAuthority');
    expect(await audits(nui, 'update-record')).toHaveLength(2);
  });

  it('CLS-06 when the same values are sent again then no new history entry', async () => {
    const nui = await admitted();
    await patch(nui, legal, { offenceType: 'Extorsión' });
    const again = await patch(nui, legal, { offenceType: 'Extorsión' });
    expect(again.json<PplRecord>().version).toBe(1);
    expect(await rows('record_history', nui)).toHaveLength(1);
  });

  it('CLS-06 when the history is tampered with then the database refuses (append-only)', async () => {
    const nui = await admitted();
    await patch(nui, legal, { offenceType: 'Extorsión' });
    await expect(w.app.db.deleteFrom('record_history').where('nui', '=', nui).execute()).rejects.toThrow(/append-only/);
  });

  it('CLS-06 when the role, the establishment or the input is wrong then refused and nothing changes', async () => {
    const nui = await admitted();
    await patch(nui, legal, { alias: 'Primero' });
    expect((await patch(nui, gate, { alias: 'X' })).statusCode).toBe(403);
    expect((await patch(nui, otherDirector, { alias: 'X' })).statusCode).toBe(403);
    expect((await w.call('GET', `/ppl/${nui}/record`, otherDirector)).statusCode).toBe(403);
    expect((await w.call('GET', `/ppl/${nui}/record/history`, otherDirector)).statusCode).toBe(403);
    const bad = await patch(nui, legal, { civilStatus: 'complicado', childrenCount: -1, unknown: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(
      bad
        .json<Problem>()
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['/childrenCount', '/civilStatus', '/unknown']);
    expect((await patch(nui, legal, {})).statusCode).toBe(400);
    expect((await w.call('GET', '/ppl/9999999/record', director)).statusCode).toBe(404);
    const record = (await w.call('GET', `/ppl/${nui}/record`, director)).json<PplRecord>();
    expect(record).toMatchObject({ version: 1, parts: { alias: 'Primero' } });
    expect(await rows('record_history', nui)).toHaveLength(1);
  });
});

describe('CLS-09 ethnic communities', () => {
  it('CLS-09 when an indigenous member lacks resguardo and consejo comunitario then 422 lists them and nothing changes', async () => {
    const nui = await admitted();
    const res = await patch(nui, legal, { groups: { ethnicity: { group: 'indigena', community: 'Nasa' } } });
    const problem = expectRule(res, 422, 'CLS-09');
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['/groups/ethnicity/consejoComunitario', '/groups/ethnicity/resguardo']);
    const none = await patch(nui, legal, { groups: { ethnicity: { group: 'raizal' } } });
    expect(expectRule(none, 422, 'CLS-09').errors).toHaveLength(3);
    expect(await rows('ppl_records', nui)).toHaveLength(0);
    expect(await rows('record_history', nui)).toHaveLength(0);
  });

  it('CLS-09 when community, resguardo and consejo comunitario are stated (null: none) then recorded', async () => {
    const nui = await admitted();
    const ethnicity = { group: 'indigena', community: 'Nasa', resguardo: 'Resguardo de Toribío', consejoComunitario: null };
    const res = await patch(nui, legal, { groups: { ethnicity } });
    expect(res.statusCode).toBe(200);
    expect(res.json<PplRecord>().parts.groups?.ethnicity).toEqual(ethnicity);
    expect((await patch(nui, legal, { groups: { ethnicity: { group: 'rrom' } } })).statusCode).toBe(200);
  });
});

describe('CLS-06 the history of the stay (Art. 25 §2)', () => {
  /*
   * Spec decision (CLS-06, Art. 25 §2): the record shows the history this suite keeps — admission,
   * placements, transfers, the CET's evaluations, exits and recaptures, the notices sent about the
   * person — newest first, each reserved section only to the roles that read its capability
   * (`withheld` otherwise, with nothing of it sent), and keeps a `pending` place, saying who will
   * fill it, for discipline and work/study. Nothing confidential (CLS-07, PLT-06) reaches it: no
   * health or identity data, no protection-space consent, no free-text details of an exit.
   */
  it('CLS-06 PLT-06 when a sentenced PPL is placed, evaluated, transferred, escapes and is recaptured then the record shows each with the notices sent, discipline and work/study wait for their services, and nothing confidential', async () => {
    const dg = bearer(['dg']);
    const nui = await (async () => {
      const req = admissionRequest({ legalStatus: 'condenado' });
      const res = await w.call('POST', '/admissions', gate, req);
      expect(res.statusCode).toBe(201);
      return res.json<{ nui: string }>().nui;
    })();
    const unit = await w.call('POST', '/establishments/113/units', dg, {
      kind: 'patio',
      name: 'Espacio de protección',
      eligibility: { sexes: ['M', 'F'], legal: 'both', specialRegime: 'protection_space' },
      dgAuthorisation: 'Oficio DG 7',
    });
    const cell = (await w.call('POST', `/units/${unit.json().id}/cells`, director, { code: 'PE-01', capacity: 4 })).json().id;
    const session = await w.call('POST', '/establishments/113/board-sessions', director, { date: '2026-11-24', attendees: FULL_BOARD });
    const steps = [
      await w.call('PUT', `/ppl/${nui}/induction`, social, {
        date: '2026-11-24',
        givenBy: 'Trabajo social',
        topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'],
      }),
      await w.call('POST', `/ppl/${nui}/placements`, director, {
        cellId: cell,
        sessionId: session.json().id,
        reasons: 'Acordado con la persona',
        protectionConsent: 'Consentimiento-QX79',
      }),
      await patchConfidential(nui, social, { identity: SECRET.identity, children: SECRET.children }),
      await patchConfidential(nui, health, { health: SECRET.health }),
      await w.call('POST', `/ppl/${nui}/treatment`, bearer(['treatment_officer'], ['113']), {
        phase: 'observation',
        securityLevel: 2,
        cetActa: 'CET 113-2026-0010',
        reasons: 'Diagnóstico inicial',
      }),
    ];
    for (const step of steps) expect(step.statusCode).toBeLessThan(300);
    const t = (
      await w.call('POST', '/transfers', dg, {
        nui,
        toEron: '114',
        reasons: 'Acercamiento familiar',
        authority: 'Juzgado 3 de Ejecución de Penas',
      })
    ).json();
    expect((await w.call('POST', `/transfers/${t.id}/dispatch`, director)).statusCode).toBe(200);
    const director114 = bearer(['director'], ['114']);
    expect((await w.call('POST', `/transfers/${t.id}/reception`, director114)).statusCode).toBe(200);
    const fled = '2026-11-27T03:00:00.000Z';
    expect(
      (await w.call('POST', '/exits', director114, { nui, reason: 'escape', occurredAt: fled, details: 'Detalle-QX80' })).statusCode,
    ).toBe(201);
    const back = '2026-11-28T15:00:00.000Z';
    expect((await w.call('POST', `/ppl/${nui}/recaptures`, director114, { occurredAt: back, details: 'Detalle-QX81' })).statusCode).toBe(
      201,
    );
    // The notifier records each notice it consumes (none has a recipient here: each is failed, saying so).
    const requested = (await notices(nui)).length;
    expect(requested).toBe(3);
    await eventually(
      async () => (await w.app.db.selectFrom('notifications').select('id').where('nui', '=', nui).execute()).length === requested,
      10_000,
      'the notifier to record the notices',
    );

    const res = await w.call('GET', `/ppl/${nui}/record/stay`, director114);
    expect(res.statusCode).toBe(200);
    const stay = res.json();
    expect(stay).toMatchObject({ nui, eron: '114', status: 'recaptured' });
    expect(stay.admission).toMatchObject({
      status: 'recorded',
      items: [{ eron: '113', legalStatus: 'condenado', offence: 'Hurto calificado y agravado', orderNumber: 'OD-2026-4471' }],
    });
    expect(stay.placements.items).toEqual([
      expect.objectContaining({
        eron: '113',
        unit: 'Espacio de protección',
        cell: 'PE-01',
        acta: 'JAPC-113-2026-0001',
        decidedBy: 'board',
      }),
    ]);
    expect(stay.placements.items[0].endedAt).not.toBeNull(); // ended by the dispatch
    expect(stay.transfers.items).toEqual([expect.objectContaining({ id: t.id, fromEron: '113', toEron: '114', status: 'received' })]);
    expect(stay.evaluations.items).toEqual([
      expect.objectContaining({ eron: '113', phase: 'observation', securityLevel: 2, cetActa: 'CET 113-2026-0010' }),
    ]);
    expect(stay.exits.items).toEqual([
      { kind: 'recapture', reason: null, occurredAt: back, eron: '114', fromHouseArrest: false, judicialDecision: null },
      { kind: 'exit', reason: 'escape', occurredAt: fled, eron: '114', fromHouseArrest: false, judicialDecision: null },
    ]);
    expect(stay.notices.items.map((n: { kind: string; title: string }) => `${n.kind}: ${n.title}`).sort()).toEqual([
      'dg: Fuga (Art. 156 §1)',
      'judge: Traslado ordenado (Art. 171)',
      'police: Fuga (Art. 156 §1)',
    ]);
    for (const later of ['discipline', 'workAndStudy'])
      expect(stay[later]).toMatchObject({ status: 'pending', items: [], note: expect.stringMatching(/Art\. 25 §2/) });
    expect(stay.discipline.note).toMatch(/servicio de disciplina/);
    const sent = res.body;
    for (const secret of [...SECRET_VALUES, 'QX79', 'QX80', 'QX81', 'hivStatus', 'protection']) expect(sent).not.toContain(secret);

    // A gate officer reads the record and the transfers, not the CET's results, the exits or the notices.
    const gate114 = (await w.call('GET', `/ppl/${nui}/record/stay`, bearer(['gate_officer'], ['114']))).json();
    expect(gate114.transfers).toMatchObject({ status: 'recorded', items: [expect.objectContaining({ id: t.id })] });
    for (const reserved of ['evaluations', 'exits', 'notices']) {
      expect(gate114[reserved]).toMatchObject({ status: 'withheld', items: [], note: expect.stringContaining('Reservado a:') });
    }
    expect((await w.call('GET', `/ppl/${nui}/record/stay`, director)).statusCode).toBe(403);
    expect((await w.call('GET', '/ppl/9999999/record/stay', director114)).statusCode).toBe(404);
  });
});

describe('CLS-08 foreign PPL', () => {
  it('CLS-08 when a foreigner is admitted then consulate and migration are notified exactly once', async () => {
    const nui = await admitted(w, 'VE');
    await patch(nui, legal, { groups: { foreigner: { nationality: 'VE' } } });
    await patch(nui, legal, { alias: 'El Veneco' });
    const sent = await notices(nui);
    expect(sent.map((p) => p.recipient).sort()).toEqual(['consulate', 'migration']);
    expect(sent[0]).toMatchObject({ eron: '113', subject: 'foreign-ppl', nui });
  });

  it('CLS-08 when the record later states a foreign nationality then notified once, however often it is saved', async () => {
    const nui = await admitted();
    expect(await notices(nui)).toHaveLength(0);
    await patch(nui, legal, { groups: { foreigner: { nationality: 'EC' } } });
    await patch(nui, director, { groups: { foreigner: { nationality: 'EC' }, demobilised: false } });
    expect((await notices(nui)).map((p) => p.recipient).sort()).toEqual(['consulate', 'migration']);
  });

  it('CLS-08 when a Colombian is admitted then no notice', async () => {
    const nui = await admitted();
    await patch(nui, legal, { alias: 'Nadie' });
    expect(await notices(nui)).toHaveLength(0);
  });
});

describe('CLS-07 confidential data', () => {
  const recordAll = async (nui: string) => {
    expect((await patchConfidential(nui, social, { identity: SECRET.identity, children: SECRET.children })).statusCode).toBe(200);
    expect((await patchConfidential(nui, health, { health: SECRET.health })).statusCode).toBe(200);
  };

  it('CLS-07 when each role reads then it gets only its sections and every read is audited', async () => {
    const nui = await admitted();
    await recordAll(nui);
    const asHealth = (await w.call('GET', `/ppl/${nui}/record/confidential`, health)).json<ConfidentialPatch>();
    expect(asHealth).toEqual({ nui, health: SECRET.health });
    const asSocial = (await w.call('GET', `/ppl/${nui}/record/confidential`, social)).json<ConfidentialPatch>();
    expect(asSocial).toEqual({ nui, identity: SECRET.identity, children: SECRET.children });
    const asLegal = (await w.call('GET', `/ppl/${nui}/record/confidential`, legal)).json<ConfidentialPatch>();
    expect(asLegal).toEqual({ nui, children: SECRET.children });
    const reads = await audits(nui, 'read-confidential-record');
    expect(reads.map((a) => [a.actor, a.details.sections])).toEqual([
      ['test-health', ['health']],
      ['test-social_worker', ['identity', 'children']],
      ['test-legal', ['children']],
    ]);
  });

  it('CLS-07 when a role without need asks then 403 and nothing is read or written', async () => {
    const nui = await admitted();
    await recordAll(nui);
    expect((await w.call('GET', `/ppl/${nui}/record/confidential`, gate)).statusCode).toBe(403);
    expect((await w.call('GET', `/ppl/${nui}/record/confidential`, bearer(['social_worker'], ['200']))).statusCode).toBe(403);
    expectRule(await patchConfidential(nui, legal, { health: { hivStatus: 'negative' } }), 403, 'CLS-07');
    expectRule(await patchConfidential(nui, health, { identity: { identityName: 'Otro' } }), 403, 'CLS-07');
    expect((await patchConfidential(nui, bearer(['health'], ['200']), { health: { hivStatus: 'negative' } })).statusCode).toBe(403);
    expect((await patchConfidential(nui, health, { health: { hivStatus: 'maybe' } })).statusCode).toBe(400);
    expect(await audits(nui, 'read-confidential-record')).toHaveLength(0);
    const [row] = await rows('ppl_confidential', nui);
    expect(row).toMatchObject({ health: SECRET.health, identity: SECRET.identity });
  });

  it('CLS-07 when orientation or gender identity is not volunteered then 422 naming CLS-07 and nothing is stored', async () => {
    const nui = await admitted();
    const res = await patchConfidential(nui, social, { identity: { sexualOrientation: 'X', genderExpression: 'Y' } });
    const problem = expectRule(res, 422, 'CLS-07');
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['/identity/genderExpression', '/identity/sexualOrientation']);
    expectRule(await patchConfidential(nui, social, { identity: { volunteered: false, genderIdentity: 'Z' } }), 422, 'CLS-07');
    expect(await rows('ppl_confidential', nui)).toHaveLength(0);
    expect(await rows('record_history', nui)).toHaveLength(0);
    // The nombre identitario alone needs no declaration.
    expect((await patchConfidential(nui, social, { identity: { identityName: 'Valentina' } })).statusCode).toBe(200);
  });

  it('CLS-07 when confidential data is recorded then it never appears in the general record, history, events or audit', async () => {
    const nui = await admitted(w, 'PE');
    await recordAll(nui);
    await patch(nui, legal, { alias: 'Sin secretos', groups: { foreigner: { nationality: 'PE' } } });
    const exposed = [
      (await w.call('GET', `/ppl/${nui}`, director)).body,
      (await w.call('GET', `/ppl/${nui}/record`, director)).body,
      (await w.call('GET', `/ppl/${nui}/record/history`, director)).body,
      (await patchConfidential(nui, social, { children: SECRET.children })).body,
      JSON.stringify(await w.app.db.selectFrom('outbox').selectAll().execute()),
      JSON.stringify(await w.app.db.selectFrom('audit_log').selectAll().execute()),
      JSON.stringify(await rows('record_history', nui)),
    ].join('\n');
    for (const v of SECRET_VALUES) expect(exposed).not.toContain(v);
    const history = (await w.call('GET', `/ppl/${nui}/record/history`, director)).json<RecordHistory>();
    expect(history.changes.filter((c) => c.part === 'confidential').map((c) => c.fields)).toEqual([
      ['identity', 'children'],
      ['health'],
      ['children'],
    ]);
  });
});

describe('CLS-07 PLT-06 logs', () => {
  it('CLS-07 when confidential data is written, read and refused at trace level then no value reaches the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const world = await startClassification({ config: { LOG_LEVEL: 'trace' }, log: stream, establishments: ['113'] });
    const { app } = world;
    try {
      const nui = await admitted(world);
      const at = `/ppl/${nui}/record/confidential`;
      expect((await world.call('PATCH', at, social, { identity: SECRET.identity, children: SECRET.children })).statusCode).toBe(200);
      expect((await world.call('PATCH', at, health, { health: SECRET.health })).statusCode).toBe(200);
      expect((await world.call('GET', at, social)).statusCode).toBe(200);
      expect((await world.call('GET', at, health)).statusCode).toBe(200);
      expect((await world.call('PATCH', at, social, { identity: { genderIdentity: 'QX76' } })).statusCode).toBe(422);
      expect((await world.call('PATCH', at, legal, { health: SECRET.health })).statusCode).toBe(403);
      expect((await world.call('PATCH', at, health, { health: { hivStatus: 'QX77' } })).statusCode).toBe(400);
      app.log.info({ body: { identity: SECRET.identity, health: SECRET.health, children: SECRET.children } }, 'probe');
      const log = lines.join('');
      expect(log).toContain(nui);
      expect(log).toContain('probe');
      for (const v of [...SECRET_VALUES, 'QX76', 'QX77']) expect(log).not.toContain(v);
    } finally {
      await world.close();
    }
  });
});
