import { addBusinessDays, bogotaToday, type DisciplinaryCase, type DisciplineSanction } from '@eron/shared';
import { bearer } from '@eron/shared/testing';
import { casesUrl, circumstances, councilVote, director, heardCase, member, PAST } from './support/cases.world';
import { setCouncil } from './support/council.world';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';

let w: DisciplineWorld;
let council: Awaited<ReturnType<typeof setCouncil>>;
beforeAll(async () => {
  w = await startDiscipline();
  council = await setCouncil(w);
});
afterAll(async () => w.close());

type Headers = Record<string, string>;
const post = (url: string, headers: Headers, payload: object) => w.app.inject({ method: 'POST', url, headers, payload });
const read = async (id: string) =>
  (await w.app.inject({ method: 'GET', url: `${casesUrl}/${id}`, headers: director })).json<DisciplinaryCase>();
const legal = bearer(['legal'], ['113']);
const dg = bearer(['dg'], ['113']);

/** A leve decided by the Director with a sanction; on PAST dates its appeal term is over. */
async function decidedLeve(o: { past?: boolean; nui?: string; sanction?: object; factDate?: string } = {}) {
  const c = await heardCase(w, { past: o.past, nui: o.nui, factDate: o.factDate });
  const res = await post(`${casesUrl}/${c.id}/decision`, director, {
    outcome: 'sanction',
    reasons: 'Probados',
    circumstances,
    sanction: o.sanction ?? { kind: 'visit_suppression', amount: 2 },
    ...(o.past ? { notifiedOn: PAST.decided } : {}),
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json<DisciplinaryCase>();
}

/** A new offence of the PPL today, reprimanded, its reposición confirmed: it is firm now (DIS-09 revives on this). */
async function newOffenceMadeFirm(nui: string): Promise<void> {
  const later = await heardCase(w, { nui, factDate: bogotaToday() });
  await post(`${casesUrl}/${later.id}/decision`, director, {
    outcome: 'sanction',
    reasons: 'x',
    circumstances,
    sanction: { kind: 'reprimand' },
  });
  const appeals = (await post(`${casesUrl}/${later.id}/appeals`, legal, { grounds: 'x', subsidiaryAppeal: false })).json<DisciplinaryCase>()
    .appeals;
  await post(`/api/v1/discipline/appeals/${appeals[0]!.id}/decision`, director, { outcome: 'confirmed', reasons: 'Se mantiene' });
}

const firmness = async () => {
  const res = await post('/api/v1/discipline/establishments/113/firmness', director, {});
  expect(res.statusCode).toBe(200);
  return res.json<{ firm: string[] }>().firm;
};
const firmEvents = async (sanctionId: string) => (await w.published('sanction.firm')).filter((e) => e.payload.sanctionId === sanctionId);
const liftedEvents = async (sanctionId: string) =>
  (await w.published('sanction.lifted')).filter((e) => e.payload.sanctionId === sanctionId);

describe('appeals (DIS-07)', () => {
  it('DIS-07 when the appeal is filed after the establishment’s term then 422 names DIS-07 and nothing is filed', async () => {
    const c = await decidedLeve({ past: true });
    expect(c.decision!.appealDueOn).toBe(addBusinessDays(PAST.decided, 3));
    const res = await post(`${casesUrl}/${c.id}/appeals`, legal, { grounds: 'No hubo tal falta', subsidiaryAppeal: true });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-07', type: expect.stringMatching(/\/appeal-late$/) });
    expect((await read(c.id)).appeals).toEqual([]);
  });

  it('DIS-07 when the Director sets a longer term then decisions notified after it take that term', async () => {
    const set = await w.app.inject({
      method: 'PUT',
      url: '/api/v1/discipline/establishments/114/appeal-term',
      headers: bearer(['director'], ['114']),
      payload: { businessDays: 5 },
    });
    expect(set.json()).toEqual({ eron: '114', businessDays: 5 });
    const other = await w.app.inject({
      method: 'PUT',
      url: '/api/v1/discipline/establishments/114/appeal-term',
      headers: director,
      payload: { businessDays: 5 },
    });
    expect(other.statusCode).toBe(403);
    const here = await w.app.inject({ method: 'GET', url: '/api/v1/discipline/establishments/113/appeal-term', headers: director });
    expect(here.json()).toEqual({ eron: '113', businessDays: 3 });
  });

  it('DIS-07 DIS-08 when a leve’s reposición goes to the Director and the apelación in subsidy to group one, each confirms, then the sanction is firm and visits is told', async () => {
    const c = await decidedLeve();
    const filed = await post(`${casesUrl}/${c.id}/appeals`, legal, { grounds: 'Desproporción', subsidiaryAppeal: true });
    expect(filed.statusCode).toBe(201);
    const appeals = filed.json<DisciplinaryCase>().appeals;
    expect(appeals.map((a) => [a.kind, a.authority, a.status])).toEqual([
      ['reposicion', 'director', 'pending'],
      ['apelacion', 'council_group_one', 'pending'],
    ]);
    const [repo, apel] = appeals;
    const early = await post(`/api/v1/discipline/appeals/${apel!.id}/decision`, member, { outcome: 'confirmed', reasons: 'x' });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ rule: 'DIS-07' });
    const byMember = await post(`/api/v1/discipline/appeals/${repo!.id}/decision`, member, { outcome: 'confirmed', reasons: 'x' });
    expect(byMember.json()).toMatchObject({ rule: 'DIS-07' });
    const confirmed = await post(`/api/v1/discipline/appeals/${repo!.id}/decision`, director, {
      outcome: 'confirmed',
      reasons: 'Se mantiene',
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<DisciplinaryCase>().sanction!.status).toBe('imposed');
    const cited = await councilVote(w, council, { nui: c.nui, group: 'one', matter: 'appeal' });
    const final = await post(`/api/v1/discipline/appeals/${apel!.id}/decision`, member, {
      outcome: 'confirmed',
      reasons: 'Se confirma',
      council: cited,
    });
    expect(final.statusCode).toBe(200);
    const s = final.json<DisciplinaryCase>().sanction!;
    expect(s).toMatchObject({ status: 'firm', servesOn: expect.any(String) });
    expect((await firmEvents(s.id)).map((e) => e.payload)).toEqual([
      { sanctionId: s.id, nui: c.nui, eron: '113', kind: 'visit_suppression', visitsSuppressed: 2 },
    ]);
    const twice = await post(`/api/v1/discipline/appeals/${apel!.id}/decision`, member, {
      outcome: 'reversed',
      reasons: 'x',
      council: cited,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ rule: 'DIS-07' });
  });

  it('DIS-07 DIS-08 when the reposición reverses the sanction then it is lifted, `sanction.lifted` is published and the apelación has nothing left', async () => {
    const c = await decidedLeve();
    const appeals = (
      await post(`${casesUrl}/${c.id}/appeals`, legal, { grounds: 'No fui yo', subsidiaryAppeal: true })
    ).json<DisciplinaryCase>().appeals;
    const res = await post(`/api/v1/discipline/appeals/${appeals[0]!.id}/decision`, director, {
      outcome: 'reversed',
      reasons: 'Duda razonable',
    });
    expect(res.statusCode).toBe(200);
    const after = res.json<DisciplinaryCase>();
    expect(after.sanction!.status).toBe('lifted');
    expect(after.appeals.map((a) => a.status)).toEqual(['reversed', 'reversed']);
    expect(await liftedEvents(after.sanction!.id)).toHaveLength(1);
    expect(await firmEvents(after.sanction!.id)).toHaveLength(0);
  });

  it('DIS-07 when group two hears a grave’s apelación with the same Ministerio Público delegate as first instance then 422 names DIS-07', async () => {
    const c = await heardCase(w, { offenceCode: 'G-11' });
    const first = await councilVote(w, council, { nui: c.nui, group: 'one', matter: 'case', delegate: 'Julián Restrepo' });
    const decided = await post(`${casesUrl}/${c.id}/decision`, member, {
      outcome: 'sanction',
      reasons: 'Probados',
      circumstances,
      sanction: { kind: 'visit_suppression', amount: 8 },
      council: first,
    });
    expect(decided.statusCode).toBe(201);
    const appeals = (await post(`${casesUrl}/${c.id}/appeals`, legal, { grounds: 'x', subsidiaryAppeal: true })).json<DisciplinaryCase>()
      .appeals;
    expect(appeals.map((a) => a.authority)).toEqual(['council_group_one', 'council_group_two']);
    const repo = await councilVote(w, council, { nui: c.nui, group: 'one', matter: 'appeal' });
    expect(
      (await post(`/api/v1/discipline/appeals/${appeals[0]!.id}/decision`, member, { outcome: 'confirmed', reasons: 'x', council: repo }))
        .statusCode,
    ).toBe(200);
    const same = await councilVote(w, council, { nui: c.nui, group: 'two', matter: 'appeal', delegate: ' julián restrepo ' });
    const res = await post(`/api/v1/discipline/appeals/${appeals[1]!.id}/decision`, member, {
      outcome: 'confirmed',
      reasons: 'x',
      council: same,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-07', type: expect.stringMatching(/\/same-delegate$/) });
    const other = await councilVote(w, council, { nui: c.nui, group: 'two', matter: 'appeal', delegate: 'Beatriz Gallego' });
    const ok = await post(`/api/v1/discipline/appeals/${appeals[1]!.id}/decision`, member, {
      outcome: 'confirmed',
      reasons: 'x',
      council: other,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<DisciplinaryCase>().sanction!.status).toBe('firm');
  });

  it('DIS-07 when an acquittal is appealed then 422 names DIS-07', async () => {
    const c = await heardCase(w);
    await post(`${casesUrl}/${c.id}/decision`, director, { outcome: 'acquittal', reasons: 'No probado', circumstances });
    const res = await post(`${casesUrl}/${c.id}/appeals`, legal, { grounds: 'x', subsidiaryAppeal: false });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-07', type: expect.stringMatching(/\/not-appealable$/) });
  });
});

describe('firmness (DIS-08), suspension (DIS-09), revocation (DIS-10)', () => {
  it('DIS-08 DIS-15 when the appeal term ends with no appeal then the sanction becomes firm once, `sanction.firm` carries the visits suppressed and the judge is told', async () => {
    const pending = await decidedLeve();
    const c = await decidedLeve({ past: true, sanction: { kind: 'visit_suppression', amount: 3 } });
    const firm = await firmness();
    expect(firm).toContain(c.sanction!.id);
    expect(firm).not.toContain(pending.sanction!.id);
    expect(await firmness()).not.toContain(c.sanction!.id);
    expect((await read(c.id)).sanction).toMatchObject({ status: 'firm', servesOn: expect.any(String) });
    expect((await firmEvents(c.sanction!.id)).map((e) => e.payload.visitsSuppressed)).toEqual([3]);
    const judge = (await w.published('notification.requested')).filter(
      (e) => e.payload.nui === c.nui && e.payload.subject === 'sanction-firm',
    );
    expect(judge).toHaveLength(1);
  });

  it('DIS-08 when an appeal is pending after the term then the sanction is not made firm', async () => {
    const c = await decidedLeve();
    await post(`${casesUrl}/${c.id}/appeals`, legal, { grounds: 'x', subsidiaryAppeal: false });
    // Time passes: the term ends while the reposición is still pending.
    await w.db.updateTable('cases').set({ appeal_due_on: '2026-10-01' }).where('id', '=', c.id).execute();
    expect(await firmness()).not.toContain(c.sanction!.id);
  });

  it('DIS-09 when a firm sanction is suspended with reasons then it stops taking effect (`sanction.lifted`); a repeat offender’s needs a justification', async () => {
    const nui = await w.admit();
    const c = await decidedLeve({ past: true, nui });
    await firmness();
    const suspend = (id: string, body: object) => post(`/api/v1/discipline/sanctions/${id}/suspension`, director, body);
    const res = await suspend(c.sanction!.id, { reasons: 'Buen comportamiento posterior' });
    expect(res.statusCode).toBe(200);
    expect(res.json<DisciplineSanction>()).toMatchObject({ status: 'suspended', suspension: { on: bogotaToday(), justification: null } });
    expect(await liftedEvents(c.sanction!.id)).toHaveLength(1);
    const second = await decidedLeve({ nui, factDate: '2026-10-20', sanction: { kind: 'reprimand' } });
    const refused = await suspend(second.sanction!.id, { reasons: 'x' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ rule: 'DIS-09', type: expect.stringMatching(/\/suspension-needs-justification$/) });
    expect((await suspend(second.sanction!.id, { reasons: 'x', justification: 'Tratamiento psicológico en curso' })).statusCode).toBe(200);
    const again = await suspend(second.sanction!.id, { reasons: 'x', justification: 'y' });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ rule: 'DIS-09' });
  });

  it('DIS-09 when a new offence within three months of the day a suspended sanction would have been served becomes firm then the old one revives on top of it', async () => {
    const nui = await w.admit();
    const old = await decidedLeve({ past: true, nui, factDate: '2026-09-20', sanction: { kind: 'visit_suppression', amount: 2 } });
    await firmness();
    await post(`/api/v1/discipline/sanctions/${old.sanction!.id}/suspension`, director, { reasons: 'Primera falta' });
    await newOffenceMadeFirm(nui);
    const revived = (await read(old.id)).sanction!;
    expect(revived.status).toBe('firm');
    expect(await firmEvents(old.sanction!.id)).toHaveLength(2);
  });

  it('DIS-09 when a sanction is suspended in part then only the rest takes effect, and a new offence revives the part', async () => {
    const nui = await w.admit();
    const c = await decidedLeve({ past: true, nui, factDate: '2026-09-20', sanction: { kind: 'visit_suppression', amount: 4 } });
    const suspend = (body: object) => post(`/api/v1/discipline/sanctions/${c.sanction!.id}/suspension`, director, body);
    for (const part of [4, 5]) {
      const whole = await suspend({ reasons: 'x', part });
      expect(whole.statusCode).toBe(422);
      expect(whole.json()).toMatchObject({ rule: 'DIS-09', type: expect.stringMatching(/\/suspension-part$/) });
    }
    const res = await suspend({ reasons: 'Primera falta, buen comportamiento', part: 3 });
    expect(res.statusCode).toBe(200);
    expect(res.json<DisciplineSanction>()).toMatchObject({
      status: 'imposed',
      amount: 4,
      inForce: 1,
      suspension: { part: 3, revivedOn: null },
    });
    expect((await suspend({ reasons: 'otra vez', part: 1 })).json()).toMatchObject({ rule: 'DIS-09' });
    await firmness();
    expect((await firmEvents(c.sanction!.id)).map((e) => e.payload.visitsSuppressed)).toEqual([1]);

    await newOffenceMadeFirm(nui);
    expect((await read(c.id)).sanction).toMatchObject({ status: 'firm', inForce: 4, suspension: { part: 3, revivedOn: bogotaToday() } });
    expect((await firmEvents(c.sanction!.id)).map((e) => e.payload.visitsSuppressed)).toEqual([1, 4]);
  });

  it('DIS-09 when a firm sanction is suspended in part then visits is told its new total; a reprimand cannot be suspended in part', async () => {
    const c = await decidedLeve({ past: true, sanction: { kind: 'visit_suppression', amount: 2 } });
    await firmness();
    const res = await post(`/api/v1/discipline/sanctions/${c.sanction!.id}/suspension`, director, { reasons: 'x', part: 1 });
    expect(res.json<DisciplineSanction>()).toMatchObject({ status: 'firm', inForce: 1 });
    expect((await firmEvents(c.sanction!.id)).map((e) => e.payload.visitsSuppressed)).toEqual([2, 1]);
    expect(await liftedEvents(c.sanction!.id)).toHaveLength(0);
    const r = await decidedLeve({ sanction: { kind: 'reprimand' } });
    const refused = await post(`/api/v1/discipline/sanctions/${r.sanction!.id}/suspension`, director, { reasons: 'x', part: 1 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ rule: 'DIS-09' });
  });

  it('DIS-10 when the DG revokes a sanction then it is revoked and `sanction.lifted` published; the Director cannot, and twice is 409', async () => {
    const c = await decidedLeve({ past: true });
    await firmness();
    const url = `/api/v1/discipline/sanctions/${c.sanction!.id}/revocation`;
    expect((await post(url, director, { of: 'sanction', reasons: 'x' })).statusCode).toBe(403);
    const res = await post(url, dg, { of: 'qualification', reasons: 'La conducta no corresponde a la falta calificada' });
    expect(res.statusCode).toBe(200);
    expect(res.json<DisciplineSanction>()).toMatchObject({ status: 'revoked', revocation: { of: 'qualification' } });
    expect(await liftedEvents(c.sanction!.id)).toHaveLength(1);
    const twice = await post(url, dg, { of: 'sanction', reasons: 'x' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ rule: 'DIS-10' });
  });
});
