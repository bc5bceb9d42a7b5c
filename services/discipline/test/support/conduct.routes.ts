import type { ConductRun } from '@eron/shared';
import { bearer, eventually, type RouteCall } from '@eron/shared/testing';
import type { DisciplineWorld } from './discipline.world';

/** What conduct's swept calls refer to, at ERON 113. */
export interface ConductFixtures {
  conductNui: string;
  conductRunId: string;
  certificateCode: string;
}

export const conductPlaceholder: ConductFixtures = {
  conductNui: '1000002',
  conductRunId: '00000000-0000-4000-8000-000000000000',
  certificateCode: 'AAAA-BBBB-CCCC',
};

const QUARTER = '2025-Q1';

/** A PPL at 113 with the quarter proposed (the job done, so nothing moves under the sweep) and a certificate issued. */
export async function seedConduct(w: DisciplineWorld): Promise<ConductFixtures> {
  const headers = bearer(['director'], ['113']);
  const conductNui = await w.admit({ eron: '113' });
  const res = await w.app.inject({
    method: 'POST',
    url: `/api/v1/discipline/establishments/113/conduct/quarters/${QUARTER}/proposals`,
    headers,
  });
  const conductRunId = res.json<ConductRun>().id;
  await eventually(
    async () => (await w.app.inject({ method: 'GET', url: res.headers.location as string, headers })).json<ConductRun>().status === 'done',
    20_000,
    'the sweep’s rating job done',
  );
  const cert = await w.app.inject({
    method: 'POST',
    url: `/api/v1/discipline/ppl/${conductNui}/conduct-certificates`,
    headers,
    payload: { kind: 'certificate' },
  });
  return { conductNui, conductRunId, certificateCode: cert.json<{ code: string }>().code };
}

export function conductCalls(f: ConductFixtures): Record<string, RouteCall> {
  const at = { eron: '113', quarter: QUARTER };
  return {
    'POST /api/v1/discipline/establishments/{eron}/conduct/quarters/{quarter}/proposals': { params: at },
    'GET /api/v1/discipline/establishments/{eron}/conduct/proposal-runs/{id}': { params: { eron: '113', id: f.conductRunId } },
    'GET /api/v1/discipline/establishments/{eron}/conduct/quarters/{quarter}/ratings': { params: at },
    'POST /api/v1/discipline/establishments/{eron}/conduct/quarters/{quarter}/decisions': {
      params: at,
      body: { session: 'Acta 01-2025', decisions: [{ nui: f.conductNui, rating: 'buena' }] },
    },
    'GET /api/v1/discipline/ppl/{nui}/judge-reports': { params: { nui: f.conductNui } },
    'POST /api/v1/discipline/ppl/{nui}/conduct-certificates': { params: { nui: f.conductNui }, body: { kind: 'certificate' } },
    'GET /api/v1/discipline/ppl/{nui}/conduct-certificates/{code}': { params: { nui: f.conductNui, code: f.certificateCode } },
    'GET /api/v1/discipline/public/certificates/{code}': { params: { code: f.certificateCode } },
  };
}
