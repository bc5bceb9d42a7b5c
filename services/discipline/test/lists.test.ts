import type {
  ComplaintPage,
  CouncilDecision,
  CouncilSession,
  CouncilSessionList,
  Incentive,
  IncentiveList,
  OwnFoodRequestList,
  TreatmentOpinion,
} from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { complaintBody } from './support/complaints.routes';
import { setCouncil } from './support/council.world';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';

const HOUR = 3_600_000;
const at113 = '/api/v1/discipline/establishments/113';
const director = bearer(['director'], ['113']);
const secretary = bearer(['council_member'], ['113']);

let w: DisciplineWorld;
let c: Awaited<ReturnType<typeof setCouncil>>;
beforeAll(async () => {
  w = await startDiscipline();
  c = await setCouncil(w);
});
afterAll(async () => w.close());

const get = (path: string, headers: object = director) => w.app.inject({ method: 'GET', url: `${at113}${path}`, headers: { ...headers } });
const post = async (path: string, headers: object, payload: object) => {
  const res = await w.app.inject({ method: 'POST', url: `${at113}${path}`, headers: { ...headers }, payload });
  if (res.statusCode !== 201) throw new Error(`POST ${path} → ${res.statusCode} ${res.body}`);
  return res.json();
};
const decide = async (o: { sessionId?: string; matter: string; nui?: string; vote?: 'for' | 'against'; group?: string }) => {
  const voters = [c.id('director'), c.id('legal_head'), c.id('doctor')];
  const d: CouncilDecision = await post(`/council/sessions/${o.sessionId ?? c.sessionId}/decisions`, secretary, {
    group: o.group ?? 'plenary',
    matter: o.matter,
    ...(o.nui ? { nui: o.nui } : {}),
    subject: 'Asunto',
    reasons: 'Motivos',
    votes: voters.map((memberId) => ({ memberId, vote: o.vote ?? 'for' })),
  });
  return { sessionId: o.sessionId ?? c.sessionId, decisionId: d.id };
};

describe('lists of the council, incentives, own food and complaints', () => {
  it('DIS-12 when the secretary lists the council’s sessions then each shows acta, date, kind, attendance, quorum per group and decisions counted, newest first, a page at a time', async () => {
    await decide({ matter: 'other' });
    await decide({ matter: 'other' });
    // An extraordinary session, later, with only two members with a vote present: no quorum anywhere.
    const few = [c.id('director'), c.id('legal_head'), c.id('ppl_representative')];
    const late: CouncilSession = await post('/council/sessions', director, {
      kind: 'extraordinary',
      date: '2026-12-01',
      agenda: ['Solicitud urgente'],
      convenedBy: 'director',
      present: few,
    });
    const first = await get('/council/sessions?limit=1', secretary);
    expect(first.statusCode).toBe(200);
    const p1 = first.json<CouncilSessionList>();
    expect(p1.items).toEqual([
      {
        id: late.id,
        acta: late.acta,
        number: expect.any(Number),
        date: '2026-12-01',
        kind: 'extraordinary',
        present: 3,
        votersPresent: 2,
        quorum: { plenary: false, one: false, two: false },
        decisions: 0,
      },
    ]);
    expect(p1.next).toEqual(expect.any(String));
    const p2 = (await get(`/council/sessions?limit=1&after=${p1.next}`, secretary)).json<CouncilSessionList>();
    expect(p2.items).toHaveLength(1);
    expect(p2.items[0]).toMatchObject({ id: c.sessionId, date: '2026-11-30', kind: 'ordinary', present: c.council.members.length });
    expect(p2.items[0]!.quorum.plenary).toBe(true);
    expect(p2.items[0]!.decisions).toBeGreaterThanOrEqual(2);
    expect(p2.next).toBeNull();
    // Filters: kind and period.
    const ordinary = (await get('/council/sessions?kind=ordinary', secretary)).json<CouncilSessionList>();
    expect(ordinary.items.map((s) => s.id)).toEqual([c.sessionId]);
    const december = (await get('/council/sessions?from=2026-12-01&to=2026-12-31', secretary)).json<CouncilSessionList>();
    expect(december.items.map((s) => s.id)).toEqual([late.id]);
  });

  it('DIS-12 PLT-18 when a list is asked with a cursor it did not give, a reversed period or for another establishment then 400 or 403', async () => {
    const bad = await get('/council/sessions?after=bm90LWEtY3Vyc29y', secretary);
    expect(bad.statusCode).toBe(400);
    expect((await get('/council/sessions?from=2026-12-31&to=2026-12-01', secretary)).statusCode).toBe(400);
    expect((await get('/incentives?limit=0')).statusCode).toBe(400);
    const elsewhere = bearer(['director'], ['114']);
    for (const path of ['/council/sessions', '/incentives', '/own-food-requests', '/complaints']) {
      expect((await get(path, elsewhere)).statusCode).toBe(403);
    }
  });

  it('DIS-16 when the Director lists the incentives granted then each shows the PPL, the Council’s acta, the opinions cited and the report to the judge, filtered by PPL', async () => {
    const grant = async (nui: string) => {
      const opinion: TreatmentOpinion = await post('/incentives/treatment-opinions', bearer(['treatment_officer'], ['113']), {
        nui,
        favourable: true,
        reasons: 'Avance en el plan de tratamiento',
      });
      return post('/incentives', director, {
        nui,
        incentive: 'Permiso de visita adicional',
        reasons: 'Conducta ejemplar',
        councilOpinion: await decide({ matter: 'incentive', nui }),
        treatmentOpinionId: opinion.id,
      }) as Promise<Incentive>;
    };
    const a = await grant(await w.admit());
    const b = await grant(await w.admit());
    const all = (await get('/incentives')).json<IncentiveList>();
    expect(all.items.map((i) => i.id)).toEqual([b.id, a.id]);
    expect(all.items[1]).toEqual({
      id: a.id,
      nui: a.nui,
      incentive: 'Permiso de visita adicional',
      acta: a.acta,
      councilDecisionId: a.councilDecisionId,
      treatmentOpinionId: a.treatmentOpinionId,
      notificationId: a.notificationId,
      grantedBy: expect.any(String),
      grantedAt: a.grantedAt,
    });
    const one = (await get(`/incentives?nui=${a.nui}`, bearer(['treatment_officer'], ['113']))).json<IncentiveList>();
    expect(one.items.map((i) => i.id)).toEqual([a.id]);
    const paged = (await get('/incentives?limit=1')).json<IncentiveList>();
    expect(paged.items.map((i) => i.id)).toEqual([b.id]);
    expect((await get(`/incentives?limit=1&after=${paged.next}`)).json<IncentiveList>().items.map((i) => i.id)).toEqual([a.id]);
  });

  it('DIS-18 when the secretary lists the own-food requests then each shows its status and acta, and the status filter keeps only approved or denied ones', async () => {
    const request = async (vote: 'for' | 'against') => {
      const nui = await w.admit();
      const r = await post('/own-food-requests', secretary, {
        nui,
        healthReasons: vote === 'for',
        renunciationDocument: 'RENUNCIA-2026-17',
        securityCouncilOpinion: 'CS-2026-04',
        ...(vote === 'for' ? { doctorOpinion: 'MED-2026-9' } : {}),
        councilDecision: await decide({ matter: 'own_food', nui, vote }),
      });
      return r.id as string;
    };
    const yes = await request('for');
    const no = await request('against');
    const all = (await get('/own-food-requests', secretary)).json<OwnFoodRequestList>();
    expect(all.items.map((o) => [o.id, o.status, o.healthReasons])).toEqual([
      [no, 'denied', false],
      [yes, 'approved', true],
    ]);
    expect(all.items[0]!.acta).toMatch(/^CD-113-/);
    expect((await get('/own-food-requests?status=approved', secretary)).json<OwnFoodRequestList>().items.map((o) => o.id)).toEqual([yes]);
    expect((await get('/own-food-requests?status=denied', secretary)).json<OwnFoodRequestList>().items.map((o) => o.id)).toEqual([no]);
  });

  it('DIS-19 when the Director lists the complaints then each shows its deadlines and overdue flag, and overdue=true keeps only those past a deadline', async () => {
    const register = async (over: object) => {
      const res = await w.app.inject({
        method: 'POST',
        url: '/api/v1/discipline/complaints',
        headers: director,
        payload: complaintBody(over),
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const late = await register({ knownAt: new Date(Date.now() - 30 * HOUR).toISOString() });
    const fresh = await register({ kind: 'other', crimeAlleged: false, knownAt: new Date(Date.now() - HOUR).toISOString() });
    const all = (await get('/complaints', bearer(['investigator'], ['113']))).json<ComplaintPage>();
    const byId = new Map(all.items.map((x) => [x.id, x]));
    expect(byId.get(late)).toMatchObject({ overdue: true, sending: { doneAt: null, onTime: null }, policeReport: { doneAt: null } });
    expect(byId.get(fresh)).toMatchObject({ overdue: false, policeReport: null });
    expect(all.items.map((x) => x.id).slice(0, 2)).toEqual([fresh, late]);
    const overdue = (await get('/complaints?overdue=true')).json<ComplaintPage>().items.map((x) => x.id);
    expect(overdue).toContain(late);
    expect(overdue).not.toContain(fresh);
    const onTime = (await get('/complaints?overdue=false')).json<ComplaintPage>().items.map((x) => x.id);
    expect(onTime).toContain(fresh);
    expect(onTime).not.toContain(late);
    expect((await get('/complaints?kind=other')).json<ComplaintPage>().items.map((x) => x.id)).toEqual([fresh]);
  });

  it('PLT-06 DIS-19 when complaints are listed then neither the complainant nor the account is in the list, for a sexual-violence complaint or any other', async () => {
    await w.app.inject({
      method: 'POST',
      url: '/api/v1/discipline/complaints',
      headers: director,
      payload: complaintBody({ kind: 'sexual_violence', complainant: { kind: 'ppl', nui: '7654321' }, account: 'Relato reservado XYZZY' }),
    });
    await w.app.inject({
      method: 'POST',
      url: '/api/v1/discipline/complaints',
      headers: director,
      payload: complaintBody({ complainant: { kind: 'other', name: 'Quejosa Reservada', contact: '3001234567' }, account: 'Relato PLUGH' }),
    });
    for (const path of ['/complaints', '/complaints?overdue=false', '/complaints?kind=sexual_violence']) {
      const res = await get(path);
      expect(res.statusCode).toBe(200);
      expect(res.json<ComplaintPage>().items.length).toBeGreaterThan(0);
      for (const secret of ['XYZZY', 'PLUGH', '7654321', 'Quejosa Reservada', '3001234567', 'María Pérez', 'Golpes en la celda']) {
        expect(res.body).not.toContain(secret);
      }
      for (const item of res.json<ComplaintPage>().items) {
        expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['complainant']));
        expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['account']));
      }
    }
  });
});
