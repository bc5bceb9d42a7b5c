import type { Account, Admission, Problem } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { admissionRequest } from '../../services/classification/test/admission.factory';
import { startSuite, type RunningSuite } from '../support/suite';

let suite: RunningSuite;
beforeAll(async () => {
  suite = await startSuite();
});
afterAll(async () => suite.close());

const officer = bearer(['gate_officer'], ['113']);
const paymaster = bearer(['paymaster'], ['113']);
const json = { 'content-type': 'application/json' };

async function admit(body: unknown, headers: Record<string, string> = officer): Promise<Response> {
  return fetch(`${suite.url}/api/v1/classification/admissions`, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
}
const account = (nui: string, headers: Record<string, string> = paymaster) =>
  fetch(`${suite.url}/api/v1/folio/accounts/${nui}`, { headers });

describe('first slice through the gateway: admission → ppl.admitted → Folio', () => {
  it('CLS-10 when a person is admitted with cash through the gateway then folio opens the account and credits the cash once', async () => {
    const res = await admit(admissionRequest({ cashAtIntake: { amount: 250_000, actaNumber: 'ACTA-E2E-1', searchDate: '2026-11-24' } }));
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const { nui } = (await res.json()) as Admission;
    const folio = await eventually(
      async () => {
        const r = await account(nui);
        return r.status === 200 ? ((await r.json()) as Account) : undefined;
      },
      10_000,
      'the Folio to open',
    );
    expect(folio).toMatchObject({ nui, eron: '113', available: 250_000 });
  });

  it('PLT-03 through the gateway: no token → 401, wrong role → 403, another establishment → refused, for reads and writes', async () => {
    expect((await admit(admissionRequest(), {})).status).toBe(401);
    expect((await admit(admissionRequest(), bearer(['paymaster'], ['113']))).status).toBe(403);
    expect((await admit(admissionRequest(), bearer(['gate_officer'], ['200']))).status).toBe(403);
    const { nui } = (await (await admit(admissionRequest())).json()) as Admission;
    await eventually(async () => (await account(nui)).status === 200, 10_000, 'the Folio to open');
    expect((await account(nui, {})).status).toBe(401);
    expect((await account(nui, bearer(['gate_officer'], ['113']))).status).toBe(403);
    const other = await account(nui, bearer(['paymaster'], ['200']));
    expect(other.status).toBe(403);
    expect(((await other.json()) as Problem).rule).toBe('PLT-03');
  });

  it('PLT-04 through the gateway: three bad fields → 400 listing all three, English on request', async () => {
    const bad = { ...admissionRequest(), eron: 'XX', legalStatus: 'libre', identification: {} };
    const res = await admit(bad, { ...officer, 'accept-language': 'en' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(problem.errors?.map((e) => e.field).sort()).toEqual([
      '/eron',
      '/identification/fingerprints',
      '/identification/photo',
      '/legalStatus',
    ]);
    expect(problem.detail).toMatch(/invalid/);
  });
});
