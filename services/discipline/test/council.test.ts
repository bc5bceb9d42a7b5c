import type { Council, CouncilDecision, CouncilSession } from '@eron/shared';
import { bearer, pdfText } from '@eron/shared/testing';
import { councilDecision } from '../src/council/council.lookup';
import { councilBase, councilBody, setCouncil } from './support/council.world';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';

const director = bearer(['director'], ['113']);
const secretary = bearer(['council_member'], ['113']);

describe('the Disciplinary Council', () => {
  let w: DisciplineWorld;
  let c: Awaited<ReturnType<typeof setCouncil>>;
  beforeAll(async () => {
    w = await startDiscipline();
    await w.deliver('establishment.registered', { code: '113', name: 'Complejo Carcelario y Penitenciario de Bogotá' });
    c = await setCouncil(w);
  });
  afterAll(async () => w.close());

  const put = (payload: object) => w.app.inject({ method: 'PUT', url: councilBase(), headers: director, payload });
  const open = (payload: object, headers = secretary) =>
    w.app.inject({ method: 'POST', url: `${councilBase()}/sessions`, headers, payload });
  const decide = (sessionId: string, payload: object) =>
    w.app.inject({ method: 'POST', url: `${councilBase()}/sessions/${sessionId}/decisions`, headers: secretary, payload });
  const vote = (ids: string[], v = 'for') => ids.map((memberId) => ({ memberId, vote: v }));
  const ordinary = (present: string[]) => ({ kind: 'ordinary', date: '2026-12-01', agenda: ['Estímulos'], present });

  it('DIS-11 when the Director sets the plenary, then each member has the groups of Art. 135 §1 and the PPL representative never votes', async () => {
    const res = await w.app.inject({ method: 'GET', url: councilBase(), headers: secretary });
    expect(res.statusCode).toBe(200);
    const council = res.json<Council>();
    const of = (post: string) => council.members.filter((m) => m.post === post);
    expect(of('director')[0]).toMatchObject({ groups: ['plenary', 'two'], votes: true });
    expect(of('guard_commander')[0]).toMatchObject({ groups: ['plenary', 'one'], votes: true });
    expect(of('deputy_director')[0]).toMatchObject({ groups: ['plenary'], votes: true });
    expect(of('personero').map((m) => m.groups)).toEqual([
      ['plenary', 'one'],
      ['plenary', 'two'],
    ]);
    expect(of('ppl_representative')[0]).toMatchObject({ nui: c.rep, groups: ['plenary', 'one', 'two'], votes: false });
    expect(of('ppl_alternate')[0]).toMatchObject({ nui: c.alt, votes: false });
    expect(council.secretary).toEqual({ name: 'Liliana Cárdenas', position: 'Profesional jurídica' });
  });

  it.each([
    ['without the personero', (m: { post: string }) => m.post !== 'personero'],
    ['without the PPL representative', (m: { post: string }) => m.post !== 'ppl_representative'],
    ['without the alternate', (m: { post: string }) => m.post !== 'ppl_alternate'],
  ])('DIS-11 when a council is set %s, then 422 DIS-11 and the council is unchanged', async (_what, keep) => {
    const body = councilBody(c.rep, c.alt);
    const before = await w.db.selectFrom('council_members').select('id').where('active', '=', true).execute();
    const res = await put({ ...body, members: body.members.filter(keep) });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-11', article: 'Art. 135' });
    expect(await w.db.selectFrom('council_members').select('id').where('active', '=', true).execute()).toEqual(before);
  });

  it('DIS-11 when only a council member sets the council, then 403', async () => {
    const res = await w.app.inject({ method: 'PUT', url: councilBase(), headers: secretary, payload: councilBody(c.rep, c.alt) });
    expect(res.statusCode).toBe(403);
  });

  it('DIS-11 when an extraordinary session is convened by the Director, the legal head or on a justified member request, then opened; otherwise 422', async () => {
    const all = c.council.members.map((m) => m.id);
    const extra = { kind: 'extraordinary', date: '2026-12-02', agenda: ['Hechos graves'], present: all };
    expect((await open({ ...extra, convenedBy: 'director' }, director)).statusCode).toBe(201);
    expect((await open({ ...extra, convenedBy: 'legal_head' }, bearer(['legal'], ['113']))).statusCode).toBe(201);
    const asked = await open({ ...extra, convenedBy: 'member_request', requestedBy: c.id('doctor'), justification: 'Riña en el patio 3' });
    expect(asked.statusCode).toBe(201);
    expect(asked.json<CouncilSession>()).toMatchObject({
      kind: 'extraordinary',
      convenedBy: 'member_request',
      justification: 'Riña en el patio 3',
    });
    for (const bad of [
      { ...extra },
      { ...extra, convenedBy: 'director' },
      { ...extra, convenedBy: 'member_request', requestedBy: c.id('doctor') },
      { ...extra, convenedBy: 'member_request', requestedBy: '00000000-0000-4000-8000-000000000001', justification: 'x' },
    ]) {
      const res = await open(bad);
      expect([JSON.stringify(bad), res.statusCode, res.json().rule]).toEqual([JSON.stringify(bad), 422, 'DIS-11']);
    }
  });

  it('DIS-12 when a session opens, then its acta is numbered per establishment and year', async () => {
    const a = (await open(ordinary([c.id('director')]))).json<CouncilSession>();
    const b = (await open({ ...ordinary([c.id('director')]), date: '2027-01-15' })).json<CouncilSession>();
    const n = Number(a.acta.slice(-4));
    expect(a.acta).toMatch(/^CD-113-2026-\d{4}$/);
    expect(b.acta).toBe('CD-113-2027-0001');
    expect((await open(ordinary([c.id('director')]))).json<CouncilSession>().acta).toBe(`CD-113-2026-${String(n + 1).padStart(4, '0')}`);
  });

  it('DIS-12 when three voting members present vote, then the decision is recorded with each vote and its outcome', async () => {
    const present = [c.id('director'), c.id('legal_head'), c.id('doctor'), c.id('ppl_representative')];
    const s = (await open(ordinary(present))).json<CouncilSession>();
    const res = await decide(s.id, {
      group: 'plenary',
      matter: 'incentive',
      nui: c.rep,
      subject: 'Concepto sobre estímulo',
      reasons: 'Buena conducta sostenida',
      votes: [...vote([c.id('director'), c.id('legal_head')]), { memberId: c.id('doctor'), vote: 'against' }],
    });
    expect(res.statusCode).toBe(201);
    const d = res.json<CouncilDecision>();
    expect(d).toMatchObject({ number: 1, group: 'plenary', outcome: 'approved', date: '2026-12-01' });
    expect(Object.fromEntries(d.votes.map((v) => [v.post, v.vote]))).toEqual({ director: 'for', legal_head: 'for', doctor: 'against' });
    expect(await councilDecision(w.db, s.id, d.id)).toMatchObject({
      group: 'plenary',
      outcome: 'approved',
      date: '2026-12-01',
      matter: 'incentive',
      eron: '113',
    });
  });

  it.each([
    ['without quorum (two voting members present)', ['director', 'legal_head', 'ppl_representative'], ['director', 'legal_head']],
    [
      'with the PPL representative voting',
      ['director', 'legal_head', 'doctor', 'ppl_representative'],
      ['director', 'legal_head', 'ppl_representative'],
    ],
    ['with an absent member voting', ['director', 'legal_head', 'doctor'], ['director', 'legal_head', 'psychologist']],
  ])('DIS-12 when a decision is taken %s, then 422 DIS-12 and nothing is recorded', async (_what, present, voters) => {
    const s = (await open(ordinary(present.map(c.id)))).json<CouncilSession>();
    const res = await decide(s.id, {
      group: 'plenary',
      matter: 'other',
      subject: 'Asunto',
      reasons: 'Motivos',
      votes: vote(voters.map(c.id)),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-12' });
    expect(await w.db.selectFrom('council_decisions').select('id').where('session_id', '=', s.id).execute()).toEqual([]);
  });

  it('DIS-12 when a non-member votes or group one decides with a member of group two, then 422 DIS-12', async () => {
    const s = (await open(ordinary(c.council.members.map((m) => m.id)))).json<CouncilSession>();
    const base = { matter: 'case', subject: 'Falta grave', reasons: 'Motivos' };
    const stranger = await decide(s.id, {
      ...base,
      group: 'one',
      votes: vote([c.id('guard_commander'), c.id('doctor'), c.id('psychologist'), '00000000-0000-4000-8000-000000000009']),
    });
    expect([stranger.statusCode, stranger.json().rule]).toEqual([422, 'DIS-12']);
    const wrongGroup = await decide(s.id, {
      ...base,
      group: 'one',
      votes: vote([c.id('guard_commander'), c.id('doctor'), c.id('director')]),
    });
    expect([wrongGroup.statusCode, wrongGroup.json().rule]).toEqual([422, 'DIS-12']);
    const ok = await decide(s.id, { ...base, group: 'one', votes: vote([c.id('guard_commander'), c.id('doctor'), c.id('psychologist')]) });
    expect(ok.statusCode).toBe(201);
  });

  it('DIS-12 DIS-11 when the acta is printed, then it names the establishment, number, date, attendance, agenda, votes, decisions and signatures', async () => {
    const present = [c.id('director'), c.id('legal_head'), c.id('doctor'), c.id('personero'), c.id('ppl_representative')];
    const s = (await open({ ...ordinary(present), agenda: ['Estímulos', 'Solicitudes de alimentación'] })).json<CouncilSession>();
    await decide(s.id, {
      group: 'plenary',
      matter: 'incentive',
      nui: c.rep,
      subject: 'Concepto favorable de estímulo',
      reasons: 'Conducta ejemplar durante el año',
      votes: vote([c.id('director'), c.id('legal_head'), c.id('doctor')]),
    });
    const res = await w.app.inject({ method: 'GET', url: `${councilBase()}/sessions/${s.id}/acta.pdf`, headers: secretary });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/pdf/);
    const text = pdfText(res.rawPayload);
    for (const s2 of [
      'Complejo Carcelario y Penitenciario de Bogotá',
      s.acta,
      'Ana María Rojas',
      'Representante de la PPL',
      'Estímulos',
      'Concepto favorable de estímulo',
      'A favor',
      'Aprobada',
      'Liliana Cárdenas',
      'Presidente del Consejo',
      // The quorum of the deciding body and the tally, as the secretary records them (Art. 135).
      '3. Decisiones',
      '4 integrantes con voto del pleno presentes (mínimo 3)',
      '3 a favor, 0 en contra y ninguna abstención',
    ])
      expect([s2, text.includes(s2)]).toEqual([s2, true]);
    expect(text).toMatch(/Quórum:\s+4 integrantes/);
    expect(text).toMatch(/Votación:\s+3 a favor/);
  });
});
