import type { CouncilDecision, OwnFoodAnswer } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { councilBase, setCouncil } from './support/council.world';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';

const secretary = bearer(['council_member'], ['113']);

describe('own-food requests', () => {
  let w: DisciplineWorld;
  let c: Awaited<ReturnType<typeof setCouncil>>;
  beforeAll(async () => {
    w = await startDiscipline();
    c = await setCouncil(w);
  });
  afterAll(async () => w.close());

  const decision = async (nui: string, vote: 'for' | 'against') => {
    const voters = [c.id('director'), c.id('legal_head'), c.id('doctor')];
    const res = await w.app.inject({
      method: 'POST',
      url: `${councilBase()}/sessions/${c.sessionId}/decisions`,
      headers: secretary,
      payload: {
        group: 'plenary',
        matter: 'own_food',
        nui,
        subject: 'Alimentación propia',
        reasons: 'Concepto',
        votes: voters.map((memberId) => ({ memberId, vote })),
      },
    });
    return { sessionId: c.sessionId, decisionId: res.json<CouncilDecision>().id };
  };
  const record = (payload: object) =>
    w.app.inject({ method: 'POST', url: '/api/v1/discipline/establishments/113/own-food-requests', headers: secretary, payload });
  const complete = {
    healthReasons: true,
    renunciationDocument: 'RENUNCIA-2026-17',
    securityCouncilOpinion: 'CS-2026-04',
    doctorOpinion: 'MED-2026-9',
  };

  it('DIS-18 when the request is complete, then the Council’s decision approves or denies it', async () => {
    const a = await w.admit();
    const ok = await record({ nui: a, ...complete, councilDecision: await decision(a, 'for') });
    expect([ok.statusCode, ok.json<OwnFoodAnswer>().status]).toEqual([201, 'approved']);
    const b = await w.admit();
    const no = await record({ nui: b, ...complete, councilDecision: await decision(b, 'against') });
    expect([no.statusCode, no.json<OwnFoodAnswer>().status]).toEqual([201, 'denied']);
  });

  it.each([
    ['without the written renunciation', { renunciationDocument: undefined }],
    ['without the security council’s opinion', { securityCouncilOpinion: undefined }],
    ['for health reasons without the doctor’s opinion', { doctorOpinion: undefined }],
  ])('DIS-18 when the request comes %s, then 422 DIS-18 and nothing is recorded', async (_what, drop) => {
    const nui = await w.admit();
    const res = await record({ nui, ...complete, ...drop, councilDecision: await decision(nui, 'for') });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-18' });
    expect(await w.db.selectFrom('own_food_requests').select('id').where('nui', '=', nui).execute()).toEqual([]);
  });
});
