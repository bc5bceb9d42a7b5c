import type { Visitor, VisitorIdentity, VisitorList } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { startVisits, type VisitsWorld } from './support/visits.world';

const officer = bearer(['visits_officer'], ['113']);

describe('visitors and authorised lists', () => {
  let w: VisitsWorld;
  beforeAll(async () => {
    w = await startVisits();
  });
  afterAll(async () => w.close());

  const list = async (nui: string) =>
    (await w.app.inject({ method: 'GET', url: `/api/v1/visits/ppl/${nui}/visitors`, headers: officer })).json<VisitorList>();

  it('VIS-05 when a visitor is registered with an invalid ID document, then 422 naming the rule and nothing is stored', async () => {
    const payload = { document: { type: 'CC', number: '0123' }, givenNames: 'Ana', surnames: 'Ruiz', gender: 'F', birthDate: '1990-01-01' };
    const res = await w.app.inject({ method: 'POST', url: '/api/v1/visits/visitors', headers: officer, payload });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'VIS-05' });
    expect(await w.db.selectFrom('visitor_identities').select('visitor_id').where('document_number', '=', '0123').execute()).toHaveLength(
      0,
    );
  });

  it('VIS-05 PLT-06 when a visitor is registered and listed, then lists and the answer carry no identity; the identity read is audited', async () => {
    const payload = {
      document: { type: 'CC', number: '52999111' },
      givenNames: 'Lucía',
      surnames: 'Mora',
      gender: 'F',
      birthDate: '1985-03-02',
    };
    const res = await w.app.inject({ method: 'POST', url: '/api/v1/visits/visitors', headers: officer, payload });
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toMatch(/Lucía|Mora|52999111/);
    const id = res.json<Visitor>().id;
    const again = await w.app.inject({ method: 'POST', url: '/api/v1/visits/visitors', headers: officer, payload });
    expect(again.statusCode).toBe(409);

    const { nui } = await w.admitAndPlace();
    await w.authorise(nui, [id]);
    const l = await w.app.inject({ method: 'GET', url: `/api/v1/visits/ppl/${nui}/visitors`, headers: officer });
    expect(l.json<VisitorList>().visitors).toEqual([
      { visitorId: id, relationship: 'first_degree', accreditation: 'civil_registry', minor: false, banned: false },
    ]);
    expect(l.body).not.toMatch(/Lucía|Mora|52999111/);

    const identity = await w.app.inject({
      method: 'GET',
      url: `/api/v1/visits/visitors/${id}/identity`,
      headers: bearer(['gate_officer'], ['113']),
    });
    expect(identity.json<VisitorIdentity>()).toMatchObject({ givenNames: 'Lucía', document: { type: 'CC', number: '52999111' } });
    const audit = await w.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('entity_id', '=', id)
      .where('action', '=', 'read-visitor-identity')
      .execute();
    expect(audit).toHaveLength(1);
    const forbidden = await w.app.inject({ method: 'GET', url: `/api/v1/visits/visitors/${id}/identity`, headers: bearer(['auditor']) });
    expect(forbidden.statusCode).toBe(403);
  });

  it('VIS-06 when a minor is listed without first-degree relationship or accreditation, then 422 listing both; accredited, they are listed as minor', async () => {
    const { nui } = await w.admitAndPlace();
    const child = await w.visitor({ birthDate: '2015-06-01', document: { type: 'TI', number: '1012345678' } });
    const url = `/api/v1/visits/ppl/${nui}/visitors/${child}`;
    const bad = await w.app.inject({ method: 'PUT', url, headers: officer, payload: { relationship: 'other' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ rule: 'VIS-06' });
    expect(bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['/relationship', '/accreditation']);
    expect((await list(nui)).visitors).toEqual([]);
    const ok = await w.app.inject({
      method: 'PUT',
      url,
      headers: officer,
      payload: { relationship: 'first_degree', accreditation: 'sworn_declaration' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await list(nui)).visitors).toEqual([expect.objectContaining({ visitorId: child, minor: true })]);
  });

  it('VIS-05 when one document is registered by several officers at the same moment, then one visitor exists and every other answer is the 409 naming VIS-05', async () => {
    const payload = {
      document: { type: 'CC', number: '52999222' },
      givenNames: 'Rosa',
      surnames: 'Páez',
      gender: 'F',
      birthDate: '1979-05-06',
    };
    const register = (body: object) => w.app.inject({ method: 'POST', url: '/api/v1/visits/visitors', headers: officer, payload: body });
    // Every pooled connection open first, so that the registrations below really run side by side.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => register({ ...payload, document: { type: 'CC', number: String(53_100_000 + i) } })),
    );
    const answers = await Promise.all(Array.from({ length: 20 }, () => register(payload)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, ...Array(19).fill(409)]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json()).toMatchObject({ rule: 'VIS-05', status: 409 });
    expect(
      await w.db.selectFrom('visitor_identities').select('visitor_id').where('document_number', '=', '52999222').execute(),
    ).toHaveLength(1);
  });

  it('VIS-05 when a visitor is banned with reason and term, then the list shows them banned at that establishment', async () => {
    const { nui } = await w.admitAndPlace();
    const v = await w.visitor();
    await w.authorise(nui, [v]);
    const url = `/api/v1/visits/establishments/113/visitors/${v}/bans`;
    const ban = await w.app.inject({
      method: 'POST',
      url,
      headers: bearer(['director'], ['113']),
      payload: { reason: 'Intentó ingresar sustancias', until: '2099-01-01' },
    });
    expect(ban.statusCode).toBe(201);
    expect((await list(nui)).visitors[0]).toMatchObject({ visitorId: v, banned: true });
  });

  it('VIS-07 when the Fiscalía’s authorisation is recorded for a PPL held for extradition, then it is kept with its term', async () => {
    const { nui } = await w.admitAndPlace({ legalStatus: 'extradicion' });
    const res = await w.app.inject({
      method: 'PUT',
      url: `/api/v1/visits/ppl/${nui}/extradition-authorisation`,
      headers: bearer(['legal'], ['113']),
      payload: { reference: 'OAI-2026-77', validUntil: '2099-12-31' },
    });
    expect(res.statusCode).toBe(200);
    expect(await w.db.selectFrom('extradition_authorisations').selectAll().where('nui', '=', nui).executeTakeFirst()).toMatchObject({
      reference: 'OAI-2026-77',
    });
  });
});
