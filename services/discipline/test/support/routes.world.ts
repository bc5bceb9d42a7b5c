import type { RouteCall } from '@eron/shared/testing';
import { casesCalls, casesPlaceholder, seedCases, type CasesFixtures } from './cases.routes';
import { startDiscipline } from './discipline.world';

/** What the swept calls refer to, at ERON 113 (114 is "another establishment"). */
export interface Fixtures extends CasesFixtures {
  nui: string;
}

export const placeholders = { ...casesPlaceholder };

/** The discipline service with the data every swept call refers to. */
export async function startSweepWorld() {
  const w = await startDiscipline();
  const nui = await w.admit({ eron: '113' });
  const fixtures: Fixtures = { nui, ...(await seedCases(w)) };
  return { app: w.app, fixtures, stop: () => w.close() };
}

/** A valid call of every documented discipline route. */
export function calls(f: Fixtures): Record<string, RouteCall> {
  return {
    'GET /api/v1/discipline/ppl/{nui}': { params: { nui: f.nui } },
    ...casesCalls(f),
  };
}
