import type { CouncilDecision, Incentive, TreatmentOpinion } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { councilBase, setCouncil } from './support/council.world';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';

const base = '/api/v1/discipline/establishments/113/incentives';
const director = bearer(['director'], ['113']);

describe('incentives', () => {
  let w: DisciplineWorld;
  let c: Awaited<ReturnType<typeof setCouncil>>;
  beforeAll(async () => {
    w = await startDiscipline();
    c = await setCouncil(w);
  });
  afterAll(async () => w.close());

  const opinion = async (nui: string, favourable: boolean) => {
    const res = await w.app.inject({
      method: 'POST',
      url: `${base}/treatment-opinions`,
      headers: bearer(['treatment_officer'], ['113']),
      payload: { nui, favourable, reasons: 'Avance en el plan de tratamiento' },
    });
    expect(res.statusCode).toBe(201);
    return res.json<TreatmentOpinion>().id;
  };
  const councilOpinion = async (nui: string, vote: 'for' | 'against', matter = 'incentive') => {
    const voters = [c.id('director'), c.id('legal_head'), c.id('doctor')];
    const res = await w.app.inject({
      method: 'POST',
      url: `${councilBase()}/sessions/${c.sessionId}/decisions`,
      headers: bearer(['council_member'], ['113']),
      payload: {
        group: 'plenary',
        matter,
        nui,
        subject: 'Concepto de estímulo',
        reasons: 'Conducta',
        votes: voters.map((memberId) => ({ memberId, vote })),
      },
    });
    expect(res.statusCode).toBe(201);
    return { sessionId: c.sessionId, decisionId: res.json<CouncilDecision>().id };
  };
  const grant = (payload: object, headers = director) => w.app.inject({ method: 'POST', url: base, headers, payload });

  it('DIS-16 DIS-15 when the Council and the treatment officer gave favourable opinions, then the Director grants and the judge is notified', async () => {
    const nui = await w.admit();
    const res = await grant({
      nui,
      incentive: 'Permiso de visita adicional',
      reasons: 'Conducta ejemplar',
      councilOpinion: await councilOpinion(nui, 'for'),
      treatmentOpinionId: await opinion(nui, true),
    });
    expect(res.statusCode).toBe(201);
    const i = res.json<Incentive>();
    expect(i).toMatchObject({ nui, eron: '113', acta: expect.stringMatching(/^CD-113-/) });
    const sent = (await w.published('notification.requested')).map((e) => e.payload);
    expect(sent).toContainEqual({ notificationId: i.notificationId, recipient: 'judge', subject: 'incentive', eron: '113', nui });
  });

  it.each([
    ['the Council’s opinion is unfavourable', { council: 'against', treatment: true }],
    ['the treatment officer’s opinion is unfavourable', { council: 'for', treatment: false }],
    ['the Council decided another matter', { council: 'for', treatment: true, matter: 'other' }],
  ] as const)('DIS-16 when %s, then 422 DIS-16 and nothing is granted', async (_what, o) => {
    const nui = await w.admit();
    const res = await grant({
      nui,
      incentive: 'Estímulo',
      reasons: 'Motivos',
      councilOpinion: await councilOpinion(nui, o.council, 'matter' in o ? o.matter : 'incentive'),
      treatmentOpinionId: await opinion(nui, o.treatment),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-16' });
    expect(await w.db.selectFrom('incentives').select('id').where('nui', '=', nui).execute()).toEqual([]);
  });

  it('DIS-16 when someone other than the Director grants, then 403', async () => {
    const nui = await w.admit();
    const body = {
      nui,
      incentive: 'x',
      reasons: 'y',
      councilOpinion: await councilOpinion(nui, 'for'),
      treatmentOpinionId: await opinion(nui, true),
    };
    expect((await grant(body, bearer(['council_member'], ['113']))).statusCode).toBe(403);
  });
});
