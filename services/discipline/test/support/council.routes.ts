import type { RouteCall } from '@eron/shared/testing';
import type { DisciplineWorld } from './discipline.world';
import { councilBody, setCouncil } from './council.world';

export interface CouncilFixtures {
  councilSession: string;
  councilMembers: string[];
  councilRep: string;
  councilAlt: string;
}

/** A council at 113 with one session (the swept calls refer to it). */
export async function seedCouncil(w: DisciplineWorld): Promise<CouncilFixtures> {
  const c = await setCouncil(w);
  return { councilSession: c.sessionId, councilMembers: c.voters, councilRep: c.rep, councilAlt: c.alt };
}

export function councilCalls(f: CouncilFixtures): Record<string, RouteCall> {
  const eron = '113';
  const id = f.councilSession;
  return {
    'PUT /api/v1/discipline/establishments/{eron}/council': { params: { eron }, body: councilBody(f.councilRep, f.councilAlt) },
    'GET /api/v1/discipline/establishments/{eron}/council': { params: { eron } },
    'POST /api/v1/discipline/establishments/{eron}/council/sessions': {
      params: { eron },
      body: { kind: 'ordinary', date: '2026-11-30', agenda: ['Calificación de conducta'], present: f.councilMembers.slice(0, 3) },
    },
    'GET /api/v1/discipline/establishments/{eron}/council/sessions/{id}': { params: { eron, id } },
    'POST /api/v1/discipline/establishments/{eron}/council/sessions/{id}/decisions': {
      params: { eron, id },
      body: {
        group: 'plenary',
        matter: 'other',
        subject: 'Asunto',
        reasons: 'Motivos',
        votes: f.councilMembers.slice(0, 3).map((memberId) => ({ memberId, vote: 'for' })),
      },
    },
    'GET /api/v1/discipline/establishments/{eron}/council/sessions/{id}/acta.pdf': { params: { eron, id } },
    'POST /api/v1/discipline/establishments/{eron}/incentives/treatment-opinions': {
      params: { eron },
      body: { nui: f.councilRep, favourable: true, reasons: 'Concepto' },
    },
    'POST /api/v1/discipline/establishments/{eron}/own-food-requests': {
      params: { eron },
      body: {
        nui: f.councilRep,
        healthReasons: false,
        renunciationDocument: 'DOC-1',
        securityCouncilOpinion: 'CS-1',
        councilDecision: { sessionId: id, decisionId: id },
      },
    },
    'POST /api/v1/discipline/establishments/{eron}/incentives': {
      params: { eron },
      body: {
        nui: f.councilRep,
        incentive: 'Estímulo',
        reasons: 'Motivos',
        councilOpinion: { sessionId: id, decisionId: id },
        treatmentOpinionId: id,
      },
    },
  };
}
