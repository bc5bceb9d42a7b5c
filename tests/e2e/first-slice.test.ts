import { eronClient, type paths } from '@eron/client';
import type { Problem } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { admissionRequest } from '../../services/classification/test/admission.factory';
import { receiveIntakeCash, startSuite, type RunningSuite } from '../support/suite';

let suite: RunningSuite;
beforeAll(async () => {
  suite = await startSuite();
});
afterAll(async () => suite.close());

const officer = bearer(['gate_officer'], ['113']);
const paymaster = bearer(['paymaster'], ['113']);

/** The suite as a front end calls it: the typed client generated from openapi/eron.json (PLT-10). */
const api = (headers: Record<string, string>) => eronClient({ baseUrl: suite.url, headers });
type AdmissionBody = paths['/api/v1/classification/admissions']['post']['requestBody']['content']['application/json'];

/** An admission as the client sends it; `body` is whatever the test builds (also a wrong one). */
async function admit(body: unknown, headers: Record<string, string> = officer) {
  return api(headers).POST('/api/v1/classification/admissions', { body: body as AdmissionBody });
}
/** The Folio, or the answer's status when there is none. */
async function account(nui: string, headers: Record<string, string> = paymaster) {
  const { data, error, response } = await api(headers).GET('/api/v1/folio/accounts/{nui}', { params: { path: { nui } } });
  return { status: response.status, account: data, problem: error };
}

describe('first slice through the gateway: admission → ppl.admitted → Folio', () => {
  it('CLS-10 when a person is admitted with cash through the gateway then folio opens the account and credits the cash once', async () => {
    const { data, response } = await admit(
      admissionRequest({ cashAtIntake: { amount: 250_000, actaNumber: 'ACTA-E2E-1', searchDate: '2026-11-24' } }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const nui = data!.nui;
    const folio = await eventually(async () => (await account(nui)).account, 10_000, 'the Folio to open');
    // CLS-10: pending until the paymaster receives it with the act's three signatures.
    expect(folio).toMatchObject({ nui, eron: '113', available: 0, pending: 250_000 });
    await receiveIntakeCash(suite, nui);
    const credited = await eventually(
      async () => {
        const body = (await account(nui)).account;
        return body?.pending === 0 ? body : undefined;
      },
      10_000,
      'the receipt to reach folio',
    );
    expect(credited).toMatchObject({ nui, eron: '113', available: 250_000 });
  });

  it('PLT-03 through the gateway: no token → 401, wrong role → 403, another establishment → refused, for reads and writes', async () => {
    expect((await admit(admissionRequest(), {})).response.status).toBe(401);
    expect((await admit(admissionRequest(), bearer(['paymaster'], ['113']))).response.status).toBe(403);
    expect((await admit(admissionRequest(), bearer(['gate_officer'], ['200']))).response.status).toBe(403);
    const nui = (await admit(admissionRequest())).data!.nui;
    await eventually(async () => (await account(nui)).status === 200, 10_000, 'the Folio to open');
    expect((await account(nui, {})).status).toBe(401);
    expect((await account(nui, bearer(['gate_officer'], ['113']))).status).toBe(403);
    const other = await account(nui, bearer(['paymaster'], ['200']));
    expect(other.status).toBe(403);
    expect(other.problem?.rule).toBe('PLT-03');
  });

  it('PLT-04 through the gateway: three bad fields → 400 listing all three, English on request', async () => {
    const bad = { ...admissionRequest(), eron: 'XX', legalStatus: 'libre', identification: {} };
    const { error, response } = await admit(bad, { ...officer, 'accept-language': 'en' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = error as Problem;
    expect(problem.errors?.map((e) => e.field).sort()).toEqual([
      '/eron',
      '/identification/fingerprints',
      '/identification/photo',
      '/legalStatus',
    ]);
    expect(problem.detail).toMatch(/invalid/);
  });
});

describe('movements through the gateway: classification events move the Folio', () => {
  it('CLS-20 CLS-21 FOL-13 FOL-14 when a PPL is transferred and then released then the Folio follows to the destination and its balance becomes the payout', async () => {
    const nui = (await admit(admissionRequest({ cashAtIntake: { amount: 120_000, actaNumber: 'ACTA-E2E-2', searchDate: '2026-11-24' } })))
      .data!.nui;
    await eventually(async () => (await account(nui)).status === 200, 10_000, 'the Folio to open');
    await receiveIntakeCash(suite, nui);
    for (const code of ['113', '114']) {
      const e = await api(bearer(['dg'])).POST('/api/v1/classification/establishments', {
        body: {
          code,
          name: `Establecimiento ${code}`,
          regional: 'central',
          order: 'nacional',
          type: 'penitenciaria',
          securityCategory: 'media',
          resolution: 'Resolución DG 1',
        },
      });
      expect([201, 409]).toContain(e.response.status);
    }

    const order = await api(bearer(['dg'])).POST('/api/v1/classification/transfers', {
      body: { nui, toEron: '114', reasons: 'Hacinamiento en el origen', authority: 'Juzgado 3 de garantías' },
    });
    expect(order.response.status).toBe(201);
    const { id } = order.data!;
    const transfer = { params: { path: { id } } };
    expect(
      (await api(bearer(['director'], ['113'])).POST('/api/v1/classification/transfers/{id}/dispatch', transfer)).response.status,
    ).toBe(200);
    expect(
      (await api(bearer(['director'], ['114'])).POST('/api/v1/classification/transfers/{id}/reception', transfer)).response.status,
    ).toBe(200);
    const paymaster114 = bearer(['paymaster'], ['114']);
    await eventually(
      async () => {
        return (await account(nui, paymaster114)).account?.available === 120_000;
      },
      10_000,
      'the Folio to reach 114',
    );

    const exit = await api(bearer(['director'], ['114'])).POST('/api/v1/classification/exits', {
      body: {
        nui,
        reason: 'release',
        occurredAt: new Date().toISOString(),
        judicialDecision: { authority: 'Juzgado 3 de ejecución de penas', number: 'LIB-2026-77', date: '2026-11-24' },
      },
    });
    expect(exit.response.status).toBe(201);
    const settled = await eventually(
      async () => {
        const r = await api(paymaster114).GET('/api/v1/folio/accounts/{nui}/exit-settlements', { params: { path: { nui } } });
        const body = r.response.status === 200 ? r.data : undefined;
        return body && body.payouts.length > 0 ? body : undefined;
      },
      10_000,
      'the payout',
    );
    expect(settled.payouts[0]).toMatchObject({ amount: 120_000, eron: '114', status: 'due' });
    expect((await account(nui, paymaster114)).account?.available).toBe(0);
  });
});
