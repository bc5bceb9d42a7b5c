import type { RouteCall } from '@eron/shared/testing';
import { conductCalls, seedConduct, type ConductFixtures } from './conduct.routes';
import { complaintCalls, seedComplaints, type ComplaintFixtures } from './complaints.routes';
import { councilCalls, seedCouncil, type CouncilFixtures } from './council.routes';
import { casesCalls, casesPlaceholder, seedCases, type CasesFixtures } from './cases.routes';
import { startDiscipline } from './discipline.world';
import { jeteeCalls, seedJetee, type JeteeFixtures } from './jetee.routes';
import { listsCalls, seedLists, type ListsFixtures } from './lists.routes';

/** What the swept calls refer to, at ERON 113 (114 is "another establishment"). */
export interface Fixtures extends CasesFixtures, CouncilFixtures, ConductFixtures, JeteeFixtures, ComplaintFixtures, ListsFixtures {
  nui: string;
}

export const placeholders = { ...casesPlaceholder };

/** The discipline service with the data every swept call refers to. */
export async function startSweepWorld() {
  const w = await startDiscipline();
  const nui = await w.admit({ eron: '113' });
  const fixtures: Fixtures = {
    nui,
    ...(await seedConduct(w)),
    ...(await seedJetee(w)),
    ...(await seedComplaints(w)),
    ...(await seedCouncil(w)),
    ...(await seedCases(w)),
    ...(await seedLists(w)),
  };
  return { app: w.app, fixtures, stop: () => w.close() };
}

/** A valid call of every documented discipline route. */
export function calls(f: Fixtures): Record<string, RouteCall> {
  return {
    'GET /api/v1/discipline/ppl/{nui}': { params: { nui: f.nui } },
    ...conductCalls(f),
    ...jeteeCalls(f),
    ...complaintCalls(f),
    ...councilCalls(f),
    ...casesCalls(f),
    ...listsCalls(f),
  };
}
