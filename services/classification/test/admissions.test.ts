import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Problem } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { admissionRequest } from './admission.factory';
import { establishmentBody } from './support/establishments';
import { startClassification, type ClassificationWorld } from './support/classification.world';

let app: FastifyInstance;
let world: ClassificationWorld;
const officer = bearer(['gate_officer'], ['113']);
const count = async (table: string) =>
  Number(
    (
      await app.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  world = await startClassification({ establishments: ['113', '114'] });
  ({ app } = world);
});
afterAll(async () => world.close());

const admit = (body: unknown, headers: Record<string, string> = officer) =>
  app.inject({ method: 'POST', url: '/api/v1/classification/admissions', headers, payload: body as object });

describe('POST /admissions', () => {
  it('CLS-05 when the order is complete then a new NUI, an intake-book number and ppl.admitted in the outbox', async () => {
    const res = await admit(admissionRequest());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.nui).toMatch(/^\d{7}$/);
    expect(body.entryNumber).toBeGreaterThan(0);
    const event = await app.db
      .selectFrom('outbox')
      .selectAll()
      .where('type', '=', 'ppl.admitted')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.envelope.payload).toMatchObject({ nui: body.nui, eron: '113', legalStatus: 'sindicado', cashAtIntake: null });
    const second = (await admit(admissionRequest())).json();
    expect(Number(second.nui)).toBeGreaterThan(Number(body.nui));
    expect(second.entryNumber).toBe(body.entryNumber + 1);
  });

  it('CLS-03 when order items are missing or malformed then 422 lists every one and nothing is created', async () => {
    const [before, eventsBefore] = [await count('ppl'), await count('outbox')];
    const req = admissionRequest();
    const { offence: _o, authorityPosition: _p, ...order } = req.order;
    const res = await admit({
      ...req,
      order: { ...order, authoritySigned: false, captureDate: '2026-13-45', issueDate: '2999-01-01', idNumber: '999' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<Problem>();
    expect(problem.rule).toBe('CLS-03');
    expect(problem.article).toContain('27');
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(
      [
        '/order/authorityPosition',
        '/order/authoritySigned',
        '/order/captureDate',
        '/order/idNumber',
        '/order/issueDate',
        '/order/offence',
      ].sort(),
    );
    expect(await count('ppl')).toBe(before);
    expect(await count('outbox')).toBe(eventsBefore);
  });

  it('CLS-04 when held for extradition then pre-trial procedure at security level one', async () => {
    const res = await admit(admissionRequest({ legalStatus: 'extradicion' }));
    expect(res.statusCode).toBe(201);
    expect(res.json().securityLevel).toBe(1);
  });

  it('CLS-10 when cash was carried then the admission records amount and acta and the event carries it', async () => {
    const cashAtIntake = { amount: 185_000, actaNumber: 'ACTA-113-2026-0091', searchDate: '2026-11-24' };
    const res = await admit(admissionRequest({ cashAtIntake }));
    expect(res.statusCode).toBe(201);
    const row = await app.db.selectFrom('admissions').selectAll().where('nui', '=', res.json().nui).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ cash_amount: 185_000, cash_acta: 'ACTA-113-2026-0091', cash_search_date: '2026-11-24' });
    const event = await app.db
      .selectFrom('outbox')
      .select('envelope')
      .where('type', '=', 'ppl.admitted')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.envelope.payload).toMatchObject({ cashAtIntake });
  });

  it('FOL-16 when a person is admitted then ppl.admitted carries the names and surnames of the order (Art. 27), for the Folio statement', async () => {
    const res = await admit(admissionRequest());
    expect(res.statusCode).toBe(201);
    const event = await app.db
      .selectFrom('outbox')
      .select('envelope')
      .where('type', '=', 'ppl.admitted')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.envelope.payload).toMatchObject({ nui: res.json().nui, names: 'Juan Carlos', surnames: 'Pérez Gómez' });
  });
});

describe('CLS-05 CLS-10 what an admission may not get wrong', () => {
  it('CLS-05 when the admission names an establishment the DG never registered then 422 naming the rule and nothing is created', async () => {
    const [people, events] = [await count('ppl'), await count('outbox')];
    const res = await admit(admissionRequest({ eron: '301' }), bearer(['gate_officer'], ['301']));
    expect(res.statusCode).toBe(422);
    expect(res.json<Problem>()).toMatchObject({ rule: 'CLS-05', article: 'Art. 25 §1', errors: [{ field: '/eron' }] });
    expect([await count('ppl'), await count('admissions'), await count('outbox')]).toEqual([people, people, events]);
    const book = await app.db.selectFrom('intake_books').selectAll().where('eron', '=', '301').execute();
    expect(book).toEqual([]);
    // Once the DG registers it, the same admission goes in.
    expect((await world.call('POST', '/establishments', bearer(['dg']), establishmentBody('301'))).statusCode).toBe(201);
    expect((await admit(admissionRequest({ eron: '301' }), bearer(['gate_officer'], ['301']))).statusCode).toBe(201);
  });

  /*
   * Spec decision (CLS-10, Art. 28): an intake-cash act number identifies one act of one
   * establishment — the same number written with other case or surrounding blanks is the same act —
   * so a second admission citing it is a 409 naming the rule and the article, and nothing of it is
   * kept. Another establishment numbers its own acts: the same number there is another act.
   */
  it('CLS-10 when an intake-cash act number is reused in the same establishment then 409 with rule and article and nothing is created; another establishment may use it', async () => {
    const cash = (actaNumber: string) => ({ amount: 50_000, actaNumber, searchDate: '2026-11-24' });
    expect((await admit(admissionRequest({ cashAtIntake: cash('ACTA-113-2026-0500') }))).statusCode).toBe(201);
    const [people, events] = [await count('ppl'), await count('outbox')];
    for (const again of ['ACTA-113-2026-0500', ' acta-113-2026-0500 ']) {
      const res = await admit(admissionRequest({ cashAtIntake: cash(again) }));
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<Problem>()).toMatchObject({
        status: 409,
        rule: 'CLS-10',
        article: 'Art. 28',
        type: expect.stringMatching(/intake-acta-reused$/),
      });
      expect(res.json<Problem>().detail.toUpperCase()).toContain('EL ACTA ACTA-113-2026-0500 YA SE USÓ');
    }
    expect([await count('ppl'), await count('outbox')]).toEqual([people, events]);
    const elsewhere = await admit(
      admissionRequest({ eron: '114', cashAtIntake: cash('ACTA-113-2026-0500') }),
      bearer(['gate_officer'], ['114']),
    );
    expect(elsewhere.statusCode).toBe(201);
  });

  it('CLS-10 when admissions race with one intake-cash act then exactly one is admitted, the others get 409, and the database itself refuses a repeated act', async () => {
    const before = await count('ppl');
    const cashAtIntake = { amount: 70_000, actaNumber: 'ACTA-113-2026-0777', searchDate: '2026-11-24' };
    const results = await Promise.all(Array.from({ length: 6 }, () => admit(admissionRequest({ cashAtIntake }))));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json<Problem>()).toMatchObject({ rule: 'CLS-10', article: 'Art. 28' });
    expect(await count('ppl')).toBe(before + 1);
    const admitted = await app.db.selectFrom('admissions').selectAll().where('cash_acta', '=', 'ACTA-113-2026-0777').execute();
    expect(admitted).toHaveLength(1);
    // Whatever path writes it, Postgres keeps the act unique per establishment.
    const first = admitted[0] as Record<string, unknown>;
    const copy = {
      ...first,
      id: randomUUID(),
      entry_number: 99_999,
      cash_acta: 'acta-113-2026-0777',
      detention_order: JSON.stringify(first.detention_order),
      identification: JSON.stringify(first.identification),
    };
    await expect(app.db.insertInto('admissions').values(copy).execute()).rejects.toMatchObject({
      code: '23505',
      constraint: 'admissions_cash_acta',
    });
  });
});

describe('PLT-04 bad input', () => {
  it('PLT-04 when three fields are bad then 400 lists all three in Spanish, in English on request, and stores nothing', async () => {
    const before = await count('ppl');
    const bad = { ...admissionRequest(), eron: 'XX', legalStatus: 'libre', person: { ...admissionRequest().person, birthDate: 'ayer' } };
    const es = await admit(bad);
    expect(es.statusCode).toBe(400);
    const problem = es.json<Problem>();
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['/eron', '/legalStatus', '/person/birthDate']);
    expect(problem.detail).toMatch(/inválido/);
    expect(problem.errors?.[0]?.message).toMatch(/debe/);
    const en = await app.inject({
      method: 'POST',
      url: '/api/v1/classification/admissions',
      headers: { ...officer, 'accept-language': 'en' },
      payload: bad,
    });
    expect(en.json<Problem>().detail).toMatch(/invalid field/);
    expect(en.json<Problem>().errors?.[0]?.message).toMatch(/must/);
    expect(await count('ppl')).toBe(before);
  });

  it('PLT-04 when the body is not JSON then 400 problem, never 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/classification/admissions',
      headers: { ...officer, 'content-type': 'application/json' },
      payload: '{"eron":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('PLT-05 Idempotency-Key', () => {
  it('PLT-05 when the same key and body come twice then one admission and the same answer', async () => {
    const before = await count('ppl');
    const body = admissionRequest();
    const headers = { ...officer, 'idempotency-key': 'adm-key-0001-xyz' };
    const [a, b] = [await admit(body, headers), await admit(body, headers)];
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json()).toEqual(a.json());
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(await count('ppl')).toBe(before + 1);
  });

  it('PLT-05 when the same key comes with another body then 422', async () => {
    const headers = { ...officer, 'idempotency-key': 'adm-key-0002-xyz' };
    expect((await admit(admissionRequest(), headers)).statusCode).toBe(201);
    const res = await admit(admissionRequest(), headers);
    expect(res.statusCode).toBe(422);
    expect(res.json<Problem>().rule).toBe('PLT-05');
  });

  it('PLT-05 when duplicates arrive at once then exactly one admission; the others replay or get 409', async () => {
    const before = await count('ppl');
    const body = admissionRequest();
    const headers = { ...officer, 'idempotency-key': 'adm-key-0003-xyz' };
    const results = await Promise.all(Array.from({ length: 8 }, () => admit(body, headers)));
    expect(results.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);
    expect(await count('ppl')).toBe(before + 1);
  });
});

describe('PLT-03 auth on classification', () => {
  it('PLT-03 when no token then 401; wrong role then 403; another establishment then 403 — and nothing created', async () => {
    const before = await count('ppl');
    expect((await admit(admissionRequest(), {})).statusCode).toBe(401);
    expect((await admit(admissionRequest(), bearer(['shop_clerk'], ['113']))).statusCode).toBe(403);
    const other = await admit(admissionRequest(), bearer(['gate_officer'], ['114']));
    expect(other.statusCode).toBe(403);
    expect(other.json<Problem>().rule).toBe('PLT-03');
    expect(await count('ppl')).toBe(before);
  });

  it('PLT-03 when reading a PPL of another establishment then refused; own establishment and national roles read it', async () => {
    const { nui } = (await admit(admissionRequest())).json();
    const read = (headers: Record<string, string>) => app.inject({ method: 'GET', url: `/api/v1/classification/ppl/${nui}`, headers });
    expect((await read(bearer(['director'], ['113']))).statusCode).toBe(200);
    expect((await read(bearer(['director'], ['114']))).statusCode).toBe(403);
    expect((await read(bearer(['dg']))).statusCode).toBe(200);
    expect((await read({})).statusCode).toBe(401);
  });
});
