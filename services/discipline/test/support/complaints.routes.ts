import type { RouteCall } from '@eron/shared/testing';
import { bearer } from '@eron/shared/testing';
import type { DisciplineWorld } from './discipline.world';

export interface ComplaintFixtures {
  /** A complaint of torture registered at 113, not yet sent on nor reported. */
  complaintId: string;
}

export const complaintBody = (over: object = {}) => ({
  eron: '113',
  complainant: { kind: 'other', name: 'María Pérez' },
  kind: 'torture',
  account: 'Golpes en la celda de aislamiento',
  knownAt: new Date(Date.now() - 3_600_000).toISOString(),
  crimeAlleged: true,
  urgentMeasures: 'Traslado a sanidad y separación del agente',
  ...over,
});

/** A complaint every complaints route refers to. */
export async function seedComplaints(w: DisciplineWorld): Promise<ComplaintFixtures> {
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/v1/discipline/complaints',
    headers: { ...bearer(['director'], ['113']), 'content-type': 'application/json' },
    payload: complaintBody(),
  });
  if (res.statusCode !== 201) throw new Error(`complaint fixture → ${res.statusCode} ${res.body}`);
  return { complaintId: res.json().id as string };
}

export function complaintCalls(f: ComplaintFixtures): Record<string, RouteCall> {
  const id = { id: f.complaintId };
  return {
    'POST /api/v1/discipline/complaints': { body: complaintBody() },
    'POST /api/v1/discipline/complaints/{id}/sending': { params: id, body: { to: 'procuraduria' } },
    'POST /api/v1/discipline/complaints/{id}/police-report': {
      params: id,
      body: { officer: 'Investigador Ruiz', reportNumber: 'INF-113-0001' },
    },
    'GET /api/v1/discipline/complaints/{id}': { params: id },
    'GET /api/v1/discipline/establishments/{code}/complaints/overdue': { params: { code: '113' } },
  };
}
