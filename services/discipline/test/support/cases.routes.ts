import type { DisciplinaryCase } from '@eron/shared';
import type { RouteCall } from '@eron/shared/testing';
import { casesUrl, circumstances, director, heardCase } from './cases.world';
import type { DisciplineWorld } from './discipline.world';

/** What the offence, case, appeal and sanction routes' calls refer to, all of ERON 113. */
export interface CasesFixtures {
  casesNui: string;
  /** A case heard, waiting for its decision. */
  heardCaseId: string;
  /** A case decided with a sanction, appealed: its reposición and the sanction. */
  decidedCaseId: string;
  appealId: string;
  sanctionId: string;
}

export const casesPlaceholder: CasesFixtures = { casesNui: '', heardCaseId: '', decidedCaseId: '', appealId: '', sanctionId: '' };

export async function seedCases(w: DisciplineWorld): Promise<CasesFixtures> {
  const casesNui = await w.admit({ eron: '113' });
  const heard = await heardCase(w);
  const decided = await heardCase(w);
  await w.app.inject({
    method: 'POST',
    url: `${casesUrl}/${decided.id}/decision`,
    headers: director,
    payload: { outcome: 'sanction', reasons: 'Probados', circumstances, sanction: { kind: 'reprimand' } },
  });
  const appealed = await w.app.inject({
    method: 'POST',
    url: `${casesUrl}/${decided.id}/appeals`,
    headers: director,
    payload: { grounds: 'Desproporción', subsidiaryAppeal: false },
  });
  const c = appealed.json<DisciplinaryCase>();
  return { casesNui, heardCaseId: heard.id, decidedCaseId: decided.id, appealId: c.appeals[0]!.id, sanctionId: c.sanction!.id };
}

const decision = { outcome: 'sanction', reasons: 'Probados los hechos', circumstances, sanction: { kind: 'reprimand' } };

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
    'GET /api/v1/discipline/cases/{id}': { params: { id: f.decidedCaseId } },
    'GET /api/v1/discipline/cases/{id}/notice.pdf': { params: { id: f.decidedCaseId } },
    'GET /api/v1/discipline/cases/{id}/decision.pdf': { params: { id: f.decidedCaseId } },
    'POST /api/v1/discipline/cases/{id}/opening': { params: { id: f.heardCaseId }, body: { directorInformedOn: '2026-10-02' } },
    'POST /api/v1/discipline/cases/{id}/notice': {
      params: { id: f.heardCaseId },
      body: { how: 'Personalmente', charges: 'Cargos formulados' },
    },
    'POST /api/v1/discipline/cases/{id}/hearing': {
      params: { id: f.heardCaseId },
      body: { statement: 'Descargos', evidence: [] },
    },
    'POST /api/v1/discipline/cases/{id}/decision': { params: { id: f.heardCaseId }, body: decision },
    'POST /api/v1/discipline/cases/{id}/appeals': {
      params: { id: f.decidedCaseId },
      body: { grounds: 'Desproporción', subsidiaryAppeal: true },
    },
    'POST /api/v1/discipline/appeals/{id}/decision': { params: { id: f.appealId }, body: { outcome: 'confirmed', reasons: 'Se mantiene' } },
    'GET /api/v1/discipline/establishments/{eron}/appeal-term': { params: { eron: '113' } },
    'PUT /api/v1/discipline/establishments/{eron}/appeal-term': { params: { eron: '113' }, body: { businessDays: 5 } },
    'POST /api/v1/discipline/establishments/{eron}/firmness': { params: { eron: '113' } },
    'POST /api/v1/discipline/sanctions/{id}/suspension': { params: { id: f.sanctionId }, body: { reasons: 'Buen comportamiento' } },
    'POST /api/v1/discipline/sanctions/{id}/revocation': {
      params: { id: f.sanctionId },
      body: { of: 'sanction', reasons: 'Contraria a su naturaleza' },
    },
  };
}
