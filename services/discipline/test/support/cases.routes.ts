import type { RouteCall } from '@eron/shared/testing';
import type { DisciplineWorld } from './discipline.world';

/** What the offence, case, appeal and sanction routes' calls refer to, all of ERON 113. */
export interface CasesFixtures {
  casesNui: string;
}

export const casesPlaceholder: CasesFixtures = { casesNui: '' };

export async function seedCases(w: DisciplineWorld): Promise<CasesFixtures> {
  const casesNui = await w.admit({ eron: '113' });
  return { casesNui };
}

/** A valid call of every offence, case, appeal and sanction route. */
export function casesCalls(_f: CasesFixtures): Record<string, RouteCall> {
  return {
    'GET /api/v1/discipline/offences': {
      query: { on: '2020-01-01' },
      unscoped: 'the catalogue of the law is the same in every establishment',
    },
  };
}
