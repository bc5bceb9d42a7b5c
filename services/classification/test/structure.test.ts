import type { FastifyInstance } from 'fastify';
import { bearer, tokenFor } from '@eron/shared/testing';
import { startClassification, type ClassificationWorld } from './support/classification.world';

let app: FastifyInstance;
let call: ClassificationWorld['call'];
let close: () => Promise<void>;
beforeAll(async () => {
  ({ app, call, close } = await startClassification());
});
afterAll(async () => close());

const dg = bearer(['dg']);
/** A DG token narrowed to some establishments: not national. */
const narrowedDg = (...erons: string[]) => ({ authorization: `Bearer ${tokenFor(['dg'], erons, 'dg-narrowed', false)}` });
let codeSeq = 200;
const establishment = (over: object = {}) => ({
  code: String((codeSeq += 1)),
  name: 'EPMSC Prueba',
  regional: 'central',
  order: 'nacional',
  type: 'penitenciaria',
  securityCategory: 'media',
  resolution: 'Resolución DG 000123 de 2026',
  ...over,
});
const unit = (over: object = {}) => ({
  kind: 'patio',
  name: 'Patio 1',
  eligibility: { sexes: ['M'], legal: 'sentenced', specialRegime: null },
  dgAuthorisation: 'Oficio DG 2026-0456',
  ...over,
});
/** The database's own fingerprint of the structure: nothing may change on a refusal. */
const fingerprint = async () =>
  JSON.stringify(
    await Promise.all(
      ['establishments', 'category_changes', 'units', 'unit_names', 'cells'].map((t) =>
        app.db
          .selectFrom(t as never)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow(),
      ),
    ),
  );

describe('CLS-01 establishments', () => {
  it('CLS-01 when the DG registers an establishment then it has order, type and category, and the category has its history', async () => {
    const body = establishment();
    const res = await call('POST', '/establishments', dg, body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: body.code, order: 'nacional', type: 'penitenciaria', securityCategory: 'media', places: 0 });
    const change = await call('PUT', `/establishments/${body.code}/category`, dg, {
      securityCategory: 'alta',
      resolution: 'Resolución DG 000200 de 2026',
    });
    expect(change.statusCode).toBe(200);
    expect(change.json().securityCategory).toBe('alta');
    const history = (await call('GET', `/establishments/${body.code}/categories`, bearer(['director'], [body.code]))).json();
    expect(history.map((h: { securityCategory: string }) => h.securityCategory)).toEqual(['media', 'alta']);
    expect(history[1].resolution).toBe('Resolución DG 000200 de 2026');
    expect((await call('POST', '/establishments', dg, body)).statusCode).toBe(409);
  });

  it('CLS-01 when the DG registers an establishment then establishment.registered carries its code and name, once, for the documents other services issue', async () => {
    const body = establishment();
    expect((await call('POST', '/establishments', dg, body)).statusCode).toBe(201);
    expect((await call('POST', '/establishments', dg, body)).statusCode).toBe(409);
    const published = (await app.db.selectFrom('outbox').select('envelope').where('type', '=', 'establishment.registered').execute())
      .map((r) => r.envelope.payload)
      .filter((p) => (p as { code: string }).code === body.code);
    expect(published).toEqual([{ code: body.code, name: body.name }]);
  });

  it('CLS-01 when anyone but the national DG sets a category then 403 naming the rule and nothing changes', async () => {
    const body = establishment();
    expect((await call('POST', '/establishments', dg, body)).statusCode).toBe(201);
    const before = await fingerprint();
    const narrowed = await call('PUT', `/establishments/${body.code}/category`, narrowedDg(body.code), {
      securityCategory: 'minima',
      resolution: 'x',
    });
    expect(narrowed.statusCode).toBe(403);
    expect(narrowed.json()).toMatchObject({ rule: 'CLS-01', article: 'Art. 23' });
    const director = await call('PUT', `/establishments/${body.code}/category`, bearer(['director'], [body.code]), {
      securityCategory: 'minima',
      resolution: 'x',
    });
    expect(director.json()).toMatchObject({ status: 403, rule: 'CLS-01' });
    const paymaster = await call('PUT', `/establishments/${body.code}/category`, bearer(['paymaster'], [body.code]), {
      securityCategory: 'minima',
      resolution: 'x',
    });
    expect(paymaster.json()).toMatchObject({ status: 403, rule: 'PLT-03' });
    expect((await call('POST', '/establishments', narrowedDg('113'), establishment())).json()).toMatchObject({ rule: 'CLS-01' });
    expect((await call('GET', `/establishments/${body.code}`, bearer(['director'], [body.code]))).json().securityCategory).toBe('media');
    expect(await fingerprint()).toBe(before);
  });

  it('PLT-04 when the establishment is malformed then 400 naming the field, and nothing is created', async () => {
    const before = await fingerprint();
    for (const bad of [
      establishment({ code: '11' }),
      establishment({ securityCategory: 'maxima' }),
      establishment({ order: 'regional' }),
      { ...establishment(), extra: 1 },
    ]) {
      const res = await call('POST', '/establishments', dg, bad);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await call('PUT', '/establishments/999/category', dg, { securityCategory: 'alta', resolution: 'r' })).statusCode).toBe(404);
    expect(await fingerprint()).toBe(before);
  });
});

describe('CLS-02 units and cells', () => {
  it('CLS-02 when the DG creates a unit with its eligibility and the Director adds cells then the structure shows units, cells and places', async () => {
    const e = establishment();
    await call('POST', '/establishments', dg, e);
    const u = await call(
      'POST',
      `/establishments/${e.code}/units`,
      dg,
      unit({ eligibility: { sexes: ['F'], legal: 'both', specialRegime: 'mothers_with_children' } }),
    );
    expect(u.statusCode).toBe(201);
    expect(u.json()).toMatchObject({
      kind: 'patio',
      name: 'Patio 1',
      eligibility: { sexes: ['F'], legal: 'both', specialRegime: 'mothers_with_children' },
    });
    const director = bearer(['director'], [e.code]);
    expect((await call('POST', `/units/${u.json().id}/cells`, director, { code: 'C-01', capacity: 4 })).statusCode).toBe(201);
    const c2 = await call('POST', `/units/${u.json().id}/cells`, director, { code: 'C-02', capacity: 2 });
    expect(c2.statusCode).toBe(201);
    expect((await call('POST', `/units/${u.json().id}/cells`, director, { code: 'C-02', capacity: 9 })).statusCode).toBe(409);
    const widened = await call('PATCH', `/cells/${c2.json().id}`, director, { capacity: 3, reason: 'Ampliación terminada' });
    expect(widened.json()).toMatchObject({ code: 'C-02', capacity: 3 });
    const s = (await call('GET', `/establishments/${e.code}`, bearer(['guard_commander'], [e.code]))).json();
    expect(s.places).toBe(7);
    expect(s.units).toHaveLength(1);
    expect(s.units[0]).toMatchObject({
      places: 7,
      cells: [
        { code: 'C-01', capacity: 4 },
        { code: 'C-02', capacity: 3 },
      ],
    });
    const list = (await call('GET', '/establishments', director)).json();
    expect(list).toEqual([expect.objectContaining({ code: e.code, places: 7 })]);
  });

  it('CLS-02 when a unit is created or renamed by anyone but the national DG then 403 naming the rule; a rename by the DG keeps every name', async () => {
    const e = establishment();
    await call('POST', '/establishments', dg, e);
    const before = await fingerprint();
    for (const who of [bearer(['director'], [e.code]), narrowedDg(e.code)]) {
      const res = await call('POST', `/establishments/${e.code}/units`, who, unit());
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ rule: 'CLS-02', article: 'Art. 20 §2' });
    }
    expect(await fingerprint()).toBe(before);
    const u = (await call('POST', `/establishments/${e.code}/units`, dg, unit())).json();
    expect((await call('POST', `/establishments/${e.code}/units`, dg, unit({ name: 'patio 1' }))).statusCode).toBe(409);
    expect(
      (await call('PATCH', `/units/${u.id}`, bearer(['director'], [e.code]), { name: 'Patio Norte', dgAuthorisation: 'x' })).json(),
    ).toMatchObject({ rule: 'CLS-02' });
    const renamed = await call('PATCH', `/units/${u.id}`, dg, { name: 'Patio Norte', dgAuthorisation: 'Oficio DG 2026-0999' });
    expect(renamed.json()).toMatchObject({ name: 'Patio Norte', dgAuthorisation: 'Oficio DG 2026-0999' });
    const names = await app.db.selectFrom('unit_names').select('name').where('unit_id', '=', u.id).orderBy('id').execute();
    expect(names.map((n) => n.name)).toEqual(['Patio 1', 'Patio Norte']);
  });

  it('CLS-02 when the DG gives several units one name at the same moment then one is renamed and every other gets the 409 naming CLS-02', async () => {
    const e = establishment();
    await call('POST', '/establishments', dg, e);
    const units = [];
    for (let i = 0; i < 8; i += 1)
      units.push((await call('POST', `/establishments/${e.code}/units`, dg, unit({ name: `Patio ${i + 10}` }))).json());
    // Every pooled connection open first, so that the renames below really run side by side.
    await Promise.all(
      units.map((u, i) => call('PATCH', `/units/${u.id}`, dg, { name: `Patio ${i + 30}`, dgAuthorisation: 'Oficio DG 2026-1000' })),
    );
    const answers = await Promise.all(
      units.map((u) => call('PATCH', `/units/${u.id}`, dg, { name: 'Patio Sur', dgAuthorisation: 'Oficio DG 2026-1001' })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, ...Array(7).fill(409)]);
    for (const a of answers.filter((x) => x.statusCode === 409))
      expect(a.json()).toMatchObject({ rule: 'CLS-02', detail: expect.stringContaining('Patio Sur') });
  });

  it('PLT-03 when a caller acts for another establishment, lacks the role or sends bad input on cells then refused, nothing changes', async () => {
    const e = establishment();
    await call('POST', '/establishments', dg, e);
    const u = (await call('POST', `/establishments/${e.code}/units`, dg, unit())).json();
    const cell = (await call('POST', `/units/${u.id}/cells`, dg, { code: 'A1', capacity: 2 })).json();
    const before = await fingerprint();
    expect((await call('POST', `/units/${u.id}/cells`, bearer(['director'], ['999']), { code: 'A2', capacity: 2 })).statusCode).toBe(403);
    expect((await call('POST', `/units/${u.id}/cells`, bearer(['paymaster'], [e.code]), { code: 'A2', capacity: 2 })).statusCode).toBe(403);
    expect((await call('POST', `/units/${u.id}/cells`, {}, { code: 'A2', capacity: 2 })).statusCode).toBe(401);
    expect((await call('PATCH', `/cells/${cell.id}`, bearer(['director'], ['999']), { capacity: 5, reason: 'r' })).statusCode).toBe(403);
    expect((await call('GET', `/establishments/${e.code}`, bearer(['director'], ['999']))).statusCode).toBe(403);
    for (const bad of [{ code: 'A2', capacity: 0 }, { code: 'A 2', capacity: 2 }, { code: 'A2' }]) {
      expect((await call('POST', `/units/${u.id}/cells`, dg, bad)).statusCode).toBe(400);
    }
    expect((await call('PATCH', `/cells/${cell.id}`, dg, { capacity: 3 })).statusCode).toBe(400);
    expect(
      (await call('POST', `/establishments/${e.code}/units`, dg, unit({ eligibility: { sexes: [], legal: 'both', specialRegime: null } })))
        .statusCode,
    ).toBe(400);
    expect((await call('POST', '/units/00000000-0000-4000-8000-000000000000/cells', dg, { code: 'A2', capacity: 2 })).statusCode).toBe(404);
    expect(await fingerprint()).toBe(before);
  });
});
