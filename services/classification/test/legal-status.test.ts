import type { FastifyInstance } from 'fastify';
import type { AdmissionRequest, Problem } from '@eron/shared';
import { addDays, bogotaToday } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { admissionRequest } from './admission.factory';
import { startClassification, type ClassificationWorld } from './support/classification.world';
import { establishmentBody } from './support/establishments';

let app: FastifyInstance;
let call: ClassificationWorld['call'];
let close: () => Promise<void>;

const dg = bearer(['dg']);
const legal113 = bearer(['legal'], ['113']);
const legal114 = bearer(['legal'], ['114']);

beforeAll(async () => {
  ({ app, call, close } = await startClassification());
  for (const code of ['113', '114']) expect((await call('POST', '/establishments', dg, establishmentBody(code))).statusCode).toBe(201);
});
afterAll(async () => close());

async function admitted(over: Partial<AdmissionRequest> = {}): Promise<string> {
  const res = await call('POST', '/admissions', bearer(['gate_officer'], ['113']), admissionRequest({ eron: '113', ...over }));
  expect(res.statusCode).toBe(201);
  return res.json().nui as string;
}

const events = async (nui: string) =>
  (await app.db.selectFrom('outbox').selectAll().where('type', '=', 'ppl.status-changed').orderBy('seq').execute())
    .map((r) => r.envelope.payload as Record<string, unknown>)
    .filter((p) => p.nui === nui);
const state = async () => [
  Number(
    (
      await app.db
        .selectFrom('legal_status_history')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  Number(
    (
      await app.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
];
const conviction = (over: object = {}) => ({
  legalStatus: 'condenado',
  court: 'Juzgado 5 Penal del Circuito de Bogotá',
  decisionNumber: 'SENT-2026-0415',
  firmOn: addDays(bogotaToday(), -3),
  ...over,
});

describe('CLS-06 a conviction becoming firm', () => {
  it('CLS-06 when the legal office records a firm conviction of a pre-trial PPL then the status is condenado, the decision is in the history and ppl.status-changed carries it', async () => {
    const nui = await admitted({ legalStatus: 'sindicado' });
    const res = await call('POST', `/ppl/${nui}/legal-status`, legal113, conviction());
    expect(res.statusCode).toBe(200);
    const firmOn = addDays(bogotaToday(), -3);
    expect(res.json()).toMatchObject({
      nui,
      eron: '113',
      legalStatus: 'condenado',
      history: [
        { from: 'sindicado', to: 'condenado', court: 'Juzgado 5 Penal del Circuito de Bogotá', decisionNumber: 'SENT-2026-0415', firmOn },
      ],
    });
    const read = await call('GET', `/ppl/${nui}/legal-status`, bearer(['director'], ['113']));
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(res.json());
    const row = await app.db.selectFrom('ppl').select('legal_status').where('nui', '=', nui).executeTakeFirstOrThrow();
    expect(row.legal_status).toBe('condenado');
    expect(await events(nui)).toEqual([
      {
        nui,
        eron: '113',
        legalStatus: 'condenado',
        conviction: { court: 'Juzgado 5 Penal del Circuito de Bogotá', decisionNumber: 'SENT-2026-0415', firmOn },
      },
    ]);
    // Today is not in the future: a conviction firm today is recorded.
    const today = await call(
      'POST',
      `/ppl/${await admitted({ legalStatus: 'acusado' })}/legal-status`,
      legal113,
      conviction({ firmOn: bogotaToday() }),
    );
    expect(today.statusCode).toBe(200);
  });

  it('CLS-06 when the PPL is already sentenced or the firm date is after today then 422 naming every failing item and nothing changes', async () => {
    const sentenced = await admitted({ legalStatus: 'condenado' });
    const pending = await admitted({ legalStatus: 'imputado' });
    const before = await state();
    const twice = await call('POST', `/ppl/${sentenced}/legal-status`, legal113, conviction({ firmOn: addDays(bogotaToday(), 1) }));
    expect(twice.statusCode).toBe(422);
    const problem = twice.json<Problem>();
    expect(problem).toMatchObject({ rule: 'CLS-06', article: 'Art. 26' });
    expect(problem.errors?.map((e) => e.field)).toEqual(['legalStatus', 'firmOn']);
    const future = await call('POST', `/ppl/${pending}/legal-status`, legal113, conviction({ firmOn: addDays(bogotaToday(), 1) }));
    expect(future.statusCode).toBe(422);
    expect(future.json<Problem>().rule).toBe('CLS-06');
    expect(await state()).toEqual(before);
    const row = await app.db.selectFrom('ppl').select('legal_status').where('nui', '=', pending).executeTakeFirstOrThrow();
    expect(row.legal_status).toBe('imputado');
  });

  it('CLS-06 when recorded once then a second firm conviction of the same PPL is refused with 422', async () => {
    const nui = await admitted({ legalStatus: 'sindicado' });
    expect((await call('POST', `/ppl/${nui}/legal-status`, legal113, conviction())).statusCode).toBe(200);
    const before = await state();
    const again = await call('POST', `/ppl/${nui}/legal-status`, legal113, conviction({ decisionNumber: 'SENT-2026-9999' }));
    expect(again.statusCode).toBe(422);
    expect(again.json<Problem>().rule).toBe('CLS-06');
    expect(await state()).toEqual(before);
  });

  it('CLS-06 when the PPL is unknown, of another establishment, the caller lacks the role or the body is bad then refused and nothing changes', async () => {
    const nui = await admitted({ legalStatus: 'sindicado' });
    const before = await state();
    const unknown = await call('POST', '/ppl/9999999/legal-status', legal113, conviction());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect((await call('POST', `/ppl/${nui}/legal-status`, legal114, conviction())).statusCode).toBe(403);
    expect((await call('POST', `/ppl/${nui}/legal-status`, bearer(['gate_officer'], ['113']), conviction())).statusCode).toBe(403);
    const bad = await call('POST', `/ppl/${nui}/legal-status`, legal113, conviction({ legalStatus: 'sindicado', firmOn: '2026-13-40' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(await state()).toEqual(before);
  });
});
