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
export function casesCalls(f: CasesFixtures): Record<string, RouteCall> {
  return {
    'GET /api/v1/discipline/offences': {
      query: { on: '2020-01-01' },
      unscoped: 'the catalogue of the law is the same in every establishment',
    },
    'POST /api/v1/discipline/cases': {
      body: {
        eron: '113',
        nui: f.casesNui,
        offenceCode: 'L-01',
        factDate: '2026-01-15',
        place: 'Patio 3',
        facts: 'No se presentó a la contada de las 6:00',
        reporter: 'Dragoneante Ruiz',
        evidence: ['Minuta de guardia folio 12'],
      },
    },
  };
}
