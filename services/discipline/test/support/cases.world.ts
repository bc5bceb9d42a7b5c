import type { CouncilDecision, DisciplinaryCase } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { councilBase, setCouncil } from './council.world';
import type { DisciplineWorld } from './discipline.world';

export const casesUrl = '/api/v1/discipline/cases';
export const investigator = bearer(['investigator'], ['113']);
export const deputy = bearer(['deputy_director'], ['113']);
export const director = bearer(['director'], ['113']);
export const member = bearer(['council_member'], ['113']);

export const circumstances = {
  how: 'Durante la contada, sin violencia',
  harm: 'Ninguno material',
  stateOfMind: 'Alterado por una mala noticia familiar',
  previousConduct: 'Buena durante el último año',
  aggravating: [],
  mitigating: ['Reconoció los hechos'],
};

/** Dates of a case recorded after the facts, all in the past so its appeal term has ended. */
export const PAST = {
  facts: '2026-10-01',
  opened: '2026-10-02',
  informed: '2026-10-02',
  notice: '2026-10-05',
  heard: '2026-10-06',
  decided: '2026-10-08',
};

export interface CaseSteps {
  nui?: string;
  offenceCode?: string;
  /** Record every step on the PAST dates (default: facts in the past, steps today). */
  past?: boolean;
  factDate?: string;
}

/** Reports a case and takes it through opening, notice and descargos with the competent officers. */
export async function heardCase(w: DisciplineWorld, o: CaseSteps = {}): Promise<DisciplinaryCase> {
  const nui = o.nui ?? (await w.admit());
  const code = o.offenceCode ?? 'L-01';
  const grave = code.startsWith('G');
  const step = async (url: string, headers: Record<string, string>, payload: object, want: number) => {
    const res = await w.app.inject({ method: 'POST', url, headers, payload });
    if (res.statusCode !== want) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<DisciplinaryCase>();
  };
  const c = await step(
    casesUrl,
    bearer(['guard_commander'], ['113']),
    {
      eron: '113',
      nui,
      offenceCode: code,
      factDate: o.factDate ?? PAST.facts,
      place: 'Patio 3',
      facts: 'Hechos del informe',
      reporter: 'Dragoneante Ruiz',
      evidence: ['Minuta de guardia folio 12'],
    },
    201,
  );
  const at = (d: string) => (o.past ? d : undefined);
  const instructor = grave ? deputy : investigator;
  await step(
    `${casesUrl}/${c.id}/opening`,
    instructor,
    { openedOn: at(PAST.opened), ...(grave ? { directorInformedOn: o.factDate ?? PAST.informed } : {}) },
    200,
  );
  await step(
    `${casesUrl}/${c.id}/notice`,
    instructor,
    { notifiedOn: at(PAST.notice), how: 'Personalmente en el pabellón', charges: 'Cargos' },
    200,
  );
  return step(`${casesUrl}/${c.id}/hearing`, instructor, { heardOn: at(PAST.heard), statement: 'Descargos', evidence: [] }, 200);
}

/** The Council's group in session votes a decision on this PPL's case or appeal (DIS-12) and the body cites it. */
export async function councilVote(
  w: DisciplineWorld,
  c: Awaited<ReturnType<typeof setCouncil>>,
  o: { nui: string; group: 'one' | 'two' | 'plenary'; matter: 'case' | 'appeal' | 'other'; delegate?: string },
) {
  const voters = c.council.members.filter((m) => m.votes && (o.group === 'plenary' || m.groups.includes(o.group))).map((m) => m.id);
  const res = await w.app.inject({
    method: 'POST',
    url: `${councilBase()}/sessions/${c.sessionId}/decisions`,
    headers: member,
    payload: {
      group: o.group,
      matter: o.matter,
      nui: o.nui,
      subject: 'Falta disciplinaria',
      reasons: 'Probados los hechos',
      votes: voters.map((memberId) => ({ memberId, vote: 'for' })),
    },
  });
  if (res.statusCode !== 201) throw new Error(`council decision: ${res.statusCode} ${res.body}`);
  return { sessionId: c.sessionId, decisionId: res.json<CouncilDecision>().id, ministerioPublicoDelegate: o.delegate ?? 'Julián Restrepo' };
}
