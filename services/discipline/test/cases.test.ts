import { addBusinessDays, bogotaToday, type DisciplinaryCase } from '@eron/shared';
import { writeFileSync } from 'node:fs';
import { bearer, pdfText } from '@eron/shared/testing';
import { casesUrl, circumstances, councilVote, deputy, director, heardCase, investigator, member, PAST } from './support/cases.world';
import { setCouncil } from './support/council.world';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';

let w: DisciplineWorld;
let council: Awaited<ReturnType<typeof setCouncil>>;
beforeAll(async () => {
  w = await startDiscipline();
  council = await setCouncil(w);
});
afterAll(async () => w.close());

const post = (url: string, headers: Record<string, string>, payload: object) => w.app.inject({ method: 'POST', url, headers, payload });
const read = async (id: string) =>
  (await w.app.inject({ method: 'GET', url: `${casesUrl}/${id}`, headers: director })).json<DisciplinaryCase>();
const decide = (id: string, payload: object, headers: Record<string, string> = director) =>
  post(`${casesUrl}/${id}/decision`, headers, { outcome: 'sanction', reasons: 'Probados los hechos', circumstances, ...payload });

describe('due process: report → opening → notice → descargos → decision (DIS-04)', () => {
  it('DIS-04 DIS-03 when a leve goes through every step then the Director decides with reasons, a sanction is imposed (not yet firm) and the appeal term runs from the notice', async () => {
    const c = await heardCase(w);
    expect(c).toMatchObject({ status: 'heard', instructedBy: 'investigator', offence: { severity: 'leve' } });
    const res = await decide(c.id, { sanction: { kind: 'no_recreation', amount: 5 } });
    expect(res.statusCode).toBe(201);
    const today = bogotaToday();
    expect(res.json()).toMatchObject({
      status: 'decided',
      decision: { authority: 'director', outcome: 'sanction', notifiedOn: today, appealDueOn: addBusinessDays(today, 3) },
      sanction: { kind: 'no_recreation', amount: 5, status: 'imposed', firmAt: null },
    });
    expect(await w.published('sanction.firm')).not.toContainEqual(
      expect.objectContaining({ payload: expect.objectContaining({ nui: c.nui }) }),
    );
  });

  it.each([
    ['a decision before the descargos', 'decision', { outcome: 'acquittal', reasons: 'x', circumstances }, director, 'notified'],
    ['descargos before the notice', 'hearing', { statement: 'x', evidence: [] }, investigator, 'opened'],
    ['a second opening', 'opening', {}, investigator, 'opened'],
  ])('DIS-04 when %s is recorded then 422 names DIS-04 and the case stays where it was', async (_t, step, payload, headers, stays) => {
    const rep = await post(casesUrl, bearer(['guard_commander'], ['113']), {
      eron: '113',
      nui: await w.admit(),
      offenceCode: 'L-01',
      factDate: PAST.facts,
      place: 'Patio 3',
      facts: 'Hechos',
      reporter: 'Dragoneante Ruiz',
      evidence: [],
    });
    const id = rep.json<DisciplinaryCase>().id;
    expect((await post(`${casesUrl}/${id}/opening`, investigator, {})).statusCode).toBe(200);
    if (stays === 'notified')
      expect((await post(`${casesUrl}/${id}/notice`, investigator, { how: 'Personalmente', charges: 'Cargos' })).statusCode).toBe(200);
    const res = await post(`${casesUrl}/${id}/${step}`, headers, payload);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-04', type: expect.stringMatching(/\/case-step-out-of-order$/) });
    expect((await read(id)).status).toBe(stays);
  });

  it('DIS-04 when a decision is dated before the descargos then 422 names DIS-04', async () => {
    const c = await heardCase(w, { past: true });
    const res = await decide(c.id, { sanction: { kind: 'reprimand' }, notifiedOn: PAST.notice });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-04', type: expect.stringMatching(/\/case-date-out-of-order$/) });
  });

  it('DIS-04 when a decision gives no circumstances weighed then 400 and nothing is decided', async () => {
    const c = await heardCase(w);
    const res = await post(`${casesUrl}/${c.id}/decision`, director, { outcome: 'acquittal', reasons: 'x' });
    expect(res.statusCode).toBe(400);
    expect((await read(c.id)).status).toBe('heard');
  });
});

describe('competence (DIS-03)', () => {
  it('DIS-03 when a leve is opened by the deputy director, or a grave by the investigator, then 422 names DIS-03', async () => {
    const leve = await post(casesUrl, bearer(['guard_commander'], ['113']), {
      eron: '113',
      nui: await w.admit(),
      offenceCode: 'L-01',
      factDate: PAST.facts,
      place: 'P',
      facts: 'F',
      reporter: 'R',
      evidence: [],
    });
    const r1 = await post(`${casesUrl}/${leve.json<DisciplinaryCase>().id}/opening`, deputy, {});
    expect(r1.statusCode).toBe(422);
    expect(r1.json()).toMatchObject({ rule: 'DIS-03' });
    const grave = await post(casesUrl, bearer(['guard_commander'], ['113']), {
      eron: '113',
      nui: await w.admit(),
      offenceCode: 'G-11',
      factDate: PAST.facts,
      place: 'P',
      facts: 'F',
      reporter: 'R',
      evidence: [],
    });
    const id = grave.json<DisciplinaryCase>().id;
    expect((await post(`${casesUrl}/${id}/opening`, investigator, { directorInformedOn: PAST.facts })).json()).toMatchObject({
      rule: 'DIS-03',
    });
    const uninformed = await post(`${casesUrl}/${id}/opening`, deputy, {});
    expect(uninformed.statusCode).toBe(422);
    expect(uninformed.json()).toMatchObject({ rule: 'DIS-03' });
    expect((await read(id)).status).toBe('reported');
  });

  it('DIS-03 when a grave is decided by the Director alone, or citing a Council decision that is not group one’s on this case, then 422 names DIS-03', async () => {
    const c = await heardCase(w, { offenceCode: 'G-11' });
    expect(c.instructedBy).toBe('deputy_director');
    const alone = await decide(c.id, { sanction: { kind: 'visit_suppression', amount: 4 } });
    expect(alone.statusCode).toBe(422);
    expect(alone.json()).toMatchObject({ rule: 'DIS-03' });
    const plenary = await councilVote(w, council, { nui: c.nui, group: 'plenary', matter: 'case' });
    const other = await councilVote(w, council, { nui: await w.admit(), group: 'one', matter: 'case' });
    for (const cited of [plenary, other]) {
      const res = await decide(c.id, { sanction: { kind: 'visit_suppression', amount: 4 }, council: cited }, member);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ rule: 'DIS-03' });
    }
    expect((await read(c.id)).status).toBe('heard');
  });

  it('DIS-03 when a grave cites group one’s decision in session on this case then the Council’s decision is recorded', async () => {
    const c = await heardCase(w, { offenceCode: 'G-11' });
    const cited = await councilVote(w, council, { nui: c.nui, group: 'one', matter: 'case' });
    const res = await decide(c.id, { sanction: { kind: 'visit_suppression', amount: 4 }, council: cited }, member);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      decision: { authority: 'council_group_one' },
      sanction: { severity: 'grave', kind: 'visit_suppression', amount: 4 },
    });
  });
});

describe('sanctions (DIS-05, DIS-06) and one sanction per fact (DIS-02)', () => {
  it.each([
    ['leve', 'no_recreation', 9],
    ['leve', 'visit_suppression', 6],
    ['leve', 'redemption_loss', 60],
    ['grave', 'redemption_loss', 59],
    ['grave', 'redemption_loss', 121],
    ['grave', 'visit_suppression', 11],
    ['grave', 'reprimand', undefined],
  ])('DIS-05 when a %s is sanctioned with %s %s then 422 names DIS-05 and nothing is imposed', async (severity, kind, amount) => {
    const c = await heardCase(w, { offenceCode: severity === 'leve' ? 'L-01' : 'G-11' });
    const council =
      severity === 'grave' ? { council: await councilVote(w, councilOf(), { nui: c.nui, group: 'one', matter: 'case' }) } : {};
    const res = await decide(
      c.id,
      { sanction: { kind, ...(amount ? { amount } : {}) }, ...council },
      severity === 'grave' ? member : director,
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-05', type: expect.stringMatching(/\/sanction-out-of-bounds$/) });
    expect(await read(c.id)).toMatchObject({ status: 'heard', sanction: null });
  });

  it('DIS-05 when a grave loses 120 days of redemption then it is imposed', async () => {
    const c = await heardCase(w, { offenceCode: 'G-11' });
    const cited = await councilVote(w, council, { nui: c.nui, group: 'one', matter: 'case' });
    const res = await decide(c.id, { sanction: { kind: 'redemption_loss', amount: 120 }, council: cited }, member);
    expect(res.statusCode).toBe(201);
  });

  it('DIS-06 when a sanction restricts food, limits intimate visits or sanctions gender identity then 422 names DIS-06 with each measure and nothing is imposed', async () => {
    const c = await heardCase(w);
    const res = await decide(c.id, {
      sanction: { kind: 'no_recreation', amount: 2, measure: 'Restricción de comida', grounds: ['visita íntima', 'identidad de género'] },
    });
    expect(res.statusCode).toBe(422);
    const p = res.json();
    expect(p).toMatchObject({ rule: 'DIS-06', type: expect.stringMatching(/\/sanction-forbidden$/) });
    expect(p.errors.map((e: { field: string }) => e.field)).toEqual(['/sanction/measure', '/sanction/grounds/0', '/sanction/grounds/1']);
    expect(await read(c.id)).toMatchObject({ status: 'heard', sanction: null });
  });

  it('DIS-02 when a decided case is decided again then 409 names DIS-02 and the first sanction stands alone', async () => {
    const c = await heardCase(w);
    expect((await decide(c.id, { sanction: { kind: 'reprimand' } })).statusCode).toBe(201);
    const again = await decide(c.id, { sanction: { kind: 'no_recreation', amount: 3 } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ rule: 'DIS-02' });
    expect(await w.db.selectFrom('sanctions').select('kind').where('case_id', '=', c.id).execute()).toEqual([{ kind: 'reprimand' }]);
  });

  it('DIS-02 when the same fact is reported twice and the first report ended in a sanction then the second cannot sanction it (409)', async () => {
    const nui = await w.admit();
    const first = await heardCase(w, { nui });
    expect((await decide(first.id, { sanction: { kind: 'reprimand' } })).statusCode).toBe(201);
    const second = await heardCase(w, { nui });
    const res = await decide(second.id, { sanction: { kind: 'no_recreation', amount: 2 } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ rule: 'DIS-02' });
    expect((await decide(second.id, { outcome: 'acquittal', sanction: undefined })).statusCode).toBe(201);
  });
});

function councilOf() {
  return council;
}

describe('the notice and the decision as documents (DIS-04)', () => {
  const pdf = (id: string, which: string) => w.app.inject({ method: 'GET', url: `${casesUrl}/${id}/${which}.pdf`, headers: director });

  it('DIS-04 when the PPL was notified and the case decided then the notice and the decision are PDFs with the charges, the circumstances weighed, the sanction and the appeals open', async () => {
    const c = await heardCase(w, { past: true });
    expect((await pdf(c.id, 'decision')).statusCode).toBe(409);
    const notice = await pdf(c.id, 'notice');
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toBe('application/pdf');
    const noticeText = pdfText(notice.rawPayload, 'layout', 'notice.pdf').replace(/\s+/g, ' ');
    expect(noticeText).toContain('Notificación de cargos');
    expect(noticeText).toContain(`NUI ${c.nui}`);
    expect(noticeText).toContain('descargos');
    const res = await decide(c.id, { sanction: { kind: 'no_recreation', amount: 4 }, notifiedOn: PAST.decided });
    expect(res.statusCode).toBe(201);
    const decision = await pdf(c.id, 'decision');
    expect(decision.statusCode).toBe(200);
    const text = pdfText(decision.rawPayload, 'layout', 'decision.pdf').replace(/\s+/g, ' ');
    for (const words of [
      'Circunstancias ponderadas',
      circumstances.stateOfMind,
      'Reconoció los hechos',
      'Privación de recreación por 4 día(s)',
      'reposición ante el Director',
      'hasta el 14/10/2026',
    ])
      expect(text).toContain(words);
    if (process.env.KEEP_PDF) {
      writeFileSync('/tmp/notice.pdf', notice.rawPayload);
      writeFileSync('/tmp/decision.pdf', decision.rawPayload);
    }
  });
});
