import { bogotaMonth } from '@eron/shared';
import { bearer, type RouteCall } from '@eron/shared/testing';
import { seedSpecial, specialCalls, type SpecialFixtures } from './special.routes';
import { startVisits, type VisitsWorld } from './visits.world';

export interface Fixtures extends SpecialFixtures {
  nui: string;
  unitId: string;
  proposalId: string;
  visitorId: string;
}

export const REGIME = {
  days: [
    { weekday: 6, visitors: 'M', morning: { from: '08:00', to: '12:00' }, afternoon: { from: '13:00', to: '16:00' } },
    { weekday: 0, visitors: 'F', morning: { from: '08:00', to: '12:00' }, afternoon: { from: '13:00', to: '16:00' } },
  ],
  visitsPerWeek: 2,
  personsPerVisit: 3,
  reason: 'Régimen de prueba',
};

/** The visits service with the data every swept call refers to, at ERON 113 (and 114 for "another establishment"). */
export async function startSweepWorld() {
  const w = await startVisits();
  const fixtures = await seed(w);
  return { app: w.app, fixtures, stop: () => w.close() };
}

async function seed(w: VisitsWorld): Promise<Fixtures> {
  const { nui, unitId } = await w.admitAndPlace({ eron: '113' });
  const url = '/api/v1/visits/establishments/113/regime/proposals';
  const proposal = await w.app.inject({ method: 'POST', url, headers: bearer(['director'], ['113']), payload: REGIME });
  const visitorId = await w.visitor();
  await w.authorise(nui, [visitorId]);
  return { nui, unitId, proposalId: proposal.json<{ id: string }>().id, visitorId, ...(await seedSpecial(w)) };
}

/** A valid call of every visits route (real data of ERON 113); the sweep checks that it covers every documented route. */
export function calls(f: Fixtures): Record<string, RouteCall> {
  const eron = { eron: '113' };
  return {
    'GET /api/v1/visits/ppl/{nui}': { params: { nui: f.nui } },
    'GET /api/v1/visits/establishments/{eron}/units': { params: eron },
    'PUT /api/v1/visits/establishments/{eron}/units/{unitId}/session': {
      params: { ...eron, unitId: f.unitId },
      body: { session: 'afternoon' },
    },
    'GET /api/v1/visits/establishments/{eron}/regime': { params: eron },
    'POST /api/v1/visits/establishments/{eron}/regime/proposals': { params: eron, body: REGIME },
    'POST /api/v1/visits/regimes/{id}/decision': {
      params: { id: f.proposalId },
      body: { decision: 'approve' },
      unscoped: 'the DG decides for every establishment (Art. 8)',
    },
    'GET /api/v1/visits/establishments/{eron}/areas': { params: eron },
    'POST /api/v1/visits/establishments/{eron}/areas': {
      params: eron,
      body: { name: 'Patio de visitas', capacity: 100, forChildren: false },
    },
    'GET /api/v1/visits/public/units/{unitId}/calendar': {
      params: { unitId: f.unitId },
      query: { month: bogotaMonth() },
      unscoped: 'public (Art. 68)',
    },
    'POST /api/v1/visits/visitors': {
      body: { document: { type: 'CC', number: '52123456' }, givenNames: 'Ana', surnames: 'Ruiz', gender: 'F', birthDate: '1990-01-01' },
      unscoped: 'a visitor is registered once for every establishment',
    },
    'GET /api/v1/visits/visitors/{id}/identity': {
      params: { id: f.visitorId },
      unscoped: 'a visitor is registered nationally; every read is audited',
    },
    'GET /api/v1/visits/ppl/{nui}/visitors': { params: { nui: f.nui } },
    'PUT /api/v1/visits/ppl/{nui}/visitors/{visitorId}': {
      params: { nui: f.nui, visitorId: f.visitorId },
      body: { relationship: 'other' },
    },
    'POST /api/v1/visits/establishments/{eron}/visitors/{visitorId}/bans': {
      params: { ...eron, visitorId: f.visitorId },
      body: { reason: 'Ingreso de sustancias', until: '2030-01-01' },
    },
    'PUT /api/v1/visits/ppl/{nui}/extradition-authorisation': {
      params: { nui: f.nui },
      body: { reference: 'OAI-123', validUntil: '2030-01-01' },
    },
    ...specialCalls(f),
  };
}
