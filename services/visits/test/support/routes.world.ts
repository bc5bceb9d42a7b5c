import type { RouteCall } from '@eron/shared/testing';
import { seedSpecial, specialCalls, type SpecialFixtures } from './special.routes';
import { startVisits, type VisitsWorld } from './visits.world';

export interface Fixtures extends SpecialFixtures {
  nui: string;
  unitId: string;
}

/** The visits service with the data every swept call refers to, at ERON 113 (and 114 for "another establishment"). */
export async function startSweepWorld() {
  const w = await startVisits();
  const fixtures = await seed(w);
  return { app: w.app, fixtures, stop: () => w.close() };
}

async function seed(w: VisitsWorld): Promise<Fixtures> {
  const { nui, unitId } = await w.admitAndPlace({ eron: '113' });
  return { nui, unitId, ...(await seedSpecial(w)) };
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
    ...specialCalls(f),
  };
}
