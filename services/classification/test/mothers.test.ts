import type { ChildRequest, ChildrenTurningThree } from '@eron/shared';
import { addDays, bogotaToday } from '@eron/shared';
import { bearer, uniqueSuffix } from '@eron/shared/testing';
import { startClassification, type ClassificationWorld } from './support/classification.world';
import { admissionRequest } from './admission.factory';

let w: ClassificationWorld;
beforeAll(async () => {
  w = await startClassification();
});
afterAll(async () => w.close());

const dg = bearer(['dg']);
const director = bearer(['director'], ['113']);
const social = bearer(['social_worker'], ['113']);
const health = bearer(['health'], ['113']);
const CHILD = 'Valentina Secreta';

let mothersCell = '';
let ordinaryCell = '';
async function established(): Promise<void> {
  if (mothersCell) return;
  const est = await w.call('POST', '/establishments', dg, {
    code: '113',
    name: 'Reclusión de Mujeres',
    regional: 'central',
    order: 'nacional',
    type: 'carcel_detencion_preventiva',
    securityCategory: 'media',
    resolution: 'Resolución DG 1',
  });
  expect(est.statusCode).toBe(201);
  const cellOf = async (eligibility: object) => {
    const unit = await w.call('POST', '/establishments/113/units', dg, {
      kind: 'patio',
      name: `Patio ${uniqueSuffix()}`,
      eligibility,
      dgAuthorisation: 'Oficio DG 7',
    });
    expect(unit.statusCode).toBe(201);
    const cell = await w.call('POST', `/units/${unit.json().id}/cells`, director, { code: 'C1', capacity: 20 });
    return cell.json().id as string;
  };
  mothersCell = await cellOf({ sexes: ['F'], legal: 'both', specialRegime: 'mothers_with_children' });
  ordinaryCell = await cellOf({ sexes: ['F'], legal: 'both', specialRegime: null });
}

/** A woman (or a man) admitted to 113 and inducted. */
async function admitted(sex: 'F' | 'M' = 'F'): Promise<string> {
  await established();
  const base = admissionRequest();
  const res = await w.call('POST', '/admissions', bearer(['gate_officer'], ['113']), { ...base, person: { ...base.person, sex } });
  expect(res.statusCode).toBe(201);
  const nui = res.json().nui as string;
  const ind = await w.call('PUT', `/ppl/${nui}/induction`, social, {
    date: bogotaToday(),
    givenBy: 'Trabajadora social de turno',
    topics: ['rules', 'rights_and_duties', 'complaints', 'disciplinary_regime'],
  });
  expect(ind.statusCode).toBe(200);
  return nui;
}
/** The DG places the mother in the mothers' unit (CLS-15). */
async function inMothersUnit(nui: string): Promise<string> {
  const res = await w.call('POST', `/ppl/${nui}/placements`, dg, {
    cellId: mothersCell,
    acta: 'Resolución DG 99',
    reasons: 'Gestante',
    specialRegimeBasis: 'Certificado de gestación',
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

/** A birth date that makes the child turn three in `days` days (exact unless that day is a 29 February). */
const turningThreeIn = (days: number): string => {
  const on = addDays(bogotaToday(), days);
  return `${Number(on.slice(0, 4)) - 3}${on.slice(4)}`;
};
const requestBody = (birthDate = turningThreeIn(400), names = CHILD) => ({
  child: { names, birthDate, document: 'NUIP 1.000.111' },
  statement: 'Pido que mi hija se quede conmigo',
});
async function requested(nui: string, birthDate?: string, names?: string): Promise<string> {
  const res = await w.call('POST', `/ppl/${nui}/child-requests`, social, requestBody(birthDate, names));
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
const ACCREDITED = {
  decision: 'approved',
  filiationDocument: 'Registro civil de nacimiento 1.000.111',
  noRiskConcept: 'Concepto de trabajo social 2026-11-20: sin riesgo',
  medicalExamDate: bogotaToday(),
  doctor: 'Dra. Marta Sanidad',
};
const decide = (id: string, headers: object, body: object) => w.call('POST', `/child-requests/${id}/decision`, headers, body);
const requestRow = (id: string) => w.app.db.selectFrom('child_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const icbfNotices = (nui: string) =>
  w.app.db
    .selectFrom('outbox')
    .selectAll()
    .where('type', '=', 'notification.requested')
    .execute()
    .then((rows) => rows.map((r) => r.envelope.payload as Record<string, unknown>).filter((p) => p.recipient === 'icbf' && p.nui === nui));
const currentPlacement = (nui: string) =>
  w.app.db.selectFrom('placements').selectAll().where('nui', '=', nui).where('ended_at', 'is', null).executeTakeFirst();

describe('CLS-17 mothers with children under three (Art. 31)', () => {
  it('CLS-17 when social work records a mother’s request then it is pending and the child’s names are kept apart, not echoed', async () => {
    const nui = await admitted();
    const res = await w.call('POST', `/ppl/${nui}/child-requests`, social, requestBody());
    expect(res.statusCode).toBe(201);
    const body = res.json<ChildRequest>();
    expect(body).toMatchObject({ nui, eron: '113', status: 'pending', turnsThreeOn: addDays(bogotaToday(), 400) });
    expect(res.body).not.toContain(CHILD);
    const identity = await w.app.db.selectFrom('child_identities').selectAll().where('request_id', '=', body.id).executeTakeFirst();
    expect(identity?.names).toBe(CHILD);
    expect(JSON.stringify(await requestRow(body.id))).not.toContain(CHILD);
  });

  it('CLS-17 when the PPL is a man or the child is three already then 422 naming CLS-17 and nothing is recorded', async () => {
    const man = await admitted('M');
    const refused = await w.call('POST', `/ppl/${man}/child-requests`, social, requestBody());
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ rule: 'CLS-17', article: 'Art. 31' });
    const mother = await admitted();
    const old = await w.call('POST', `/ppl/${mother}/child-requests`, social, requestBody(turningThreeIn(-1)));
    expect(old.statusCode).toBe(422);
    expect(old.json().errors.map((e: { field: string }) => e.field)).toEqual(['/child/birthDate']);
    expect(await w.app.db.selectFrom('child_requests').selectAll().where('nui', 'in', [man, mother]).execute()).toHaveLength(0);
  });

  it('CLS-17 when the role may not record or the establishment is another then 403; bad input then 400; nothing is recorded', async () => {
    const nui = await admitted();
    expect((await w.call('POST', `/ppl/${nui}/child-requests`, bearer(['gate_officer'], ['113']), requestBody())).statusCode).toBe(403);
    expect((await w.call('POST', `/ppl/${nui}/child-requests`, bearer(['social_worker'], ['114']), requestBody())).statusCode).toBe(403);
    expect((await w.call('POST', `/ppl/${nui}/child-requests`, social, { statement: 'x' })).statusCode).toBe(400);
    const badDate = { ...requestBody(), child: { names: 'X', birthDate: '2025-13-40' } };
    expect((await w.call('POST', `/ppl/${nui}/child-requests`, social, badDate)).statusCode).toBe(400);
    expect((await w.call('POST', `/ppl/${nui}/child-requests`, social, { ...requestBody(), disability: 'x' })).statusCode).toBe(400);
    expect(await w.app.db.selectFrom('child_requests').selectAll().where('nui', '=', nui).execute()).toHaveLength(0);
  });

  it('CLS-17 when the Director approves without the accreditations then 422 listing each missing item, and nothing changes', async () => {
    const nui = await admitted();
    const id = await requested(nui);
    const res = await decide(id, director, { decision: 'approved' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'CLS-17', article: 'Art. 31' });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      '/filiationDocument',
      '/noRiskConcept',
      '/medicalExamDate',
      '/doctor',
      '/cellId',
    ]);
    const notMothers = await decide(id, dg, { ...ACCREDITED, cellId: ordinaryCell, acta: 'Resolución DG 5' });
    expect(notMothers.json().errors.map((e: { field: string }) => e.field)).toEqual(['/cellId']);
    expect((await requestRow(id)).status).toBe('pending');
    expect(await icbfNotices(nui)).toHaveLength(0);
    expect(await currentPlacement(nui)).toBeUndefined();
  });

  it('CLS-17 when the DG approves with every accreditation and a mothers’ unit cell then the mother is placed there, the child registered and ICBF notified without the child’s names', async () => {
    const nui = await admitted();
    const id = await requested(nui);
    const res = await decide(id, dg, { ...ACCREDITED, cellId: mothersCell, acta: 'Resolución DG 12', specialRegimeBasis: 'Art. 31' });
    expect(res.statusCode).toBe(200);
    const body = res.json<ChildRequest>();
    expect(body).toMatchObject({ id, status: 'approved' });
    expect(res.body).not.toContain(CHILD);
    const placement = await currentPlacement(nui);
    expect(placement).toMatchObject({ id: body.placementId, cell_id: mothersCell, decided_by: 'dg' });
    const notices = await icbfNotices(nui);
    expect(notices).toEqual([
      { notificationId: body.notificationId, recipient: 'icbf', subject: 'child-permanence-approved', eron: '113', nui },
    ]);
    expect(JSON.stringify(await w.app.db.selectFrom('outbox').selectAll().execute())).not.toContain(CHILD);
    expect((await decide(id, dg, { decision: 'denied', reasons: 'otra vez' })).statusCode).toBe(409);
  });

  it('CLS-17 when the Director approves then the Director places the mother in the mothers’ unit (Art. 31, not reserved to the DG), or the decision stands on her placement there', async () => {
    const nui = await admitted();
    const id = await requested(nui);
    const move = await decide(id, director, { ...ACCREDITED, cellId: mothersCell, specialRegimeBasis: 'Art. 31' });
    expect(move.statusCode).toBe(200);
    const placed = await w.app.db.selectFrom('placements').selectAll().where('id', '=', move.json().placementId).executeTakeFirstOrThrow();
    expect(placed).toMatchObject({ nui, cell_id: mothersCell, decided_by: 'director', session_id: null, ended_at: null });
    expect(placed.acta).toContain(id);

    const other = await admitted();
    const second = await requested(other);
    const placementId = await inMothersUnit(other);
    const res = await decide(second, director, ACCREDITED);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', placementId });
    expect(await icbfNotices(other)).toHaveLength(1);
  });

  it('CLS-17 when the Director denies then written reasons are required and ICBF is notified of the denial', async () => {
    const nui = await admitted();
    const id = await requested(nui);
    const bare = await decide(id, director, { decision: 'denied' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json()).toMatchObject({ rule: 'CLS-17', errors: [{ field: '/reasons' }] });
    const res = await decide(id, director, { decision: 'denied', reasons: 'No se acreditó la filiación tras el plazo concedido' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'denied', placementId: null });
    expect((await icbfNotices(nui)).map((n) => n.subject)).toEqual(['child-permanence-denied']);
  });

  it('CLS-17 when the decision carries disability, orientation or gender identity, or comes from another role or establishment, then it is refused and nothing changes', async () => {
    const nui = await admitted();
    const id = await requested(nui);
    for (const field of ['disability', 'sexualOrientation', 'genderIdentity']) {
      expect((await decide(id, director, { decision: 'denied', reasons: 'x', [field]: 'x' })).statusCode).toBe(400);
    }
    expect((await decide(id, director, { decision: 'maybe' })).statusCode).toBe(400);
    expect((await decide(id, social, { decision: 'denied', reasons: 'x' })).statusCode).toBe(403);
    expect((await decide(id, bearer(['director'], ['114']), { decision: 'denied', reasons: 'x' })).statusCode).toBe(403);
    expect((await requestRow(id)).status).toBe('pending');
    expect(await icbfNotices(nui)).toHaveLength(0);
  });

  it('CLS-17 when a staff member reads a request then only social work, legal and the Director get the child’s identity, and that read is audited', async () => {
    const nui = await admitted();
    const id = await requested(nui);
    const byHealth = await w.call('GET', `/child-requests/${id}`, health);
    expect(byHealth.statusCode).toBe(200);
    expect(byHealth.json().child).toBeUndefined();
    expect(byHealth.body).not.toContain(CHILD);
    const bySocial = await w.call('GET', `/child-requests/${id}`, social);
    expect(bySocial.json().child).toEqual({ names: CHILD, birthDate: turningThreeIn(400), document: 'NUIP 1.000.111' });
    const audits = await w.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', id)
      .where('action', '=', 'read-child-identity')
      .execute();
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(CHILD);
    expect((await w.call('GET', `/child-requests/${id}`, bearer(['director'], ['114']))).statusCode).toBe(403);
  });

  it('CLS-17 when children with their mothers turn three within 30 days then the alert lists them, without names, and not those further off', async () => {
    const nui = await admitted();
    await inMothersUnit(nui);
    const soon = await requested(nui, turningThreeIn(10), 'Niña Pronto');
    const edge = await requested(nui, turningThreeIn(30), 'Niño Borde');
    const later = await requested(nui, turningThreeIn(31), 'Niño Tarde');
    const pending = await requested(nui, turningThreeIn(5), 'Niña Pendiente');
    for (const id of [soon, edge, later]) expect((await decide(id, director, ACCREDITED)).statusCode).toBe(200);

    const res = await w.call('GET', '/establishments/113/children-turning-three', social);
    expect(res.statusCode).toBe(200);
    const body = res.json<ChildrenTurningThree>();
    expect(body.asOf).toBe(bogotaToday());
    const mine = body.children.filter((c) => c.nui === nui);
    expect(mine).toEqual([
      { requestId: soon, nui, turnsThreeOn: addDays(bogotaToday(), 10), daysLeft: 10 },
      { requestId: edge, nui, turnsThreeOn: addDays(bogotaToday(), 30), daysLeft: 30 },
    ]);
    expect(mine.map((c) => c.requestId)).not.toContain(pending);
    for (const name of ['Niña Pronto', 'Niño Borde', 'Niño Tarde', CHILD]) expect(res.body).not.toContain(name);
    expect((await w.call('GET', '/establishments/113/children-turning-three', bearer(['social_worker'], ['114']))).statusCode).toBe(403);
    expect((await w.call('GET', '/establishments/113/children-turning-three', bearer(['shop_clerk'], ['113']))).statusCode).toBe(403);
  });
});
