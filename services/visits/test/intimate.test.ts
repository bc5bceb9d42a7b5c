import { Queue } from 'bullmq';
import { addBusinessDays, addDays, bogotaMonth, bogotaToday, type IntimateRequest, type LegalStatus } from '@eron/shared';
import { bearer, eventually } from '@eron/shared/testing';
import { definition } from '../src/app';
import { jobsQueueName } from '@eron/shared/platform';
import { runtime } from '../src/runtime';
import { callOn, sanction, type Call } from './support/special.routes';
import { startVisits, type VisitsWorld } from './support/visits.world';

let w: VisitsWorld;
let call: Call;
beforeAll(async () => {
  w = await startVisits();
  call = callOn(w);
});
afterAll(async () => w.close());

const officer = bearer(['visits_officer'], ['113']);
const director = bearer(['director'], ['113']);
const VISITOR = 'Marisol Reservada Gómez';

const requestBody = (over: object = {}) => ({
  visitor: {
    names: VISITOR,
    document: { type: 'CC', number: '52123456' },
    address: 'Calle 10 # 20-30, Bogotá',
    idCopyRef: 'Copia CC folio 12',
  },
  writtenRequestRef: 'Solicitud escrita radicado 77',
  ...over,
});

async function ppl(o: { eron?: string; legalStatus?: LegalStatus; securityLevel?: number } = {}): Promise<string> {
  const eron = o.eron ?? '113';
  const nui = await w.admit({ eron, legalStatus: o.legalStatus ?? 'condenado' });
  if (o.securityLevel) await w.deliver('ppl.status-changed', { nui, eron, securityLevel: o.securityLevel });
  return nui;
}

async function filed(nui: string, over: object = {}, token = officer): Promise<IntimateRequest> {
  const res = await call('POST', `/ppl/${nui}/intimate-requests`, token, requestBody(over));
  expect(res.statusCode).toBe(201);
  return res.json<IntimateRequest>();
}

const audits = (id: string, action: string) =>
  w.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).where('action', '=', action).execute();

describe('intimate visits (VIS-11 … VIS-13)', () => {
  it('VIS-11 when a PPL files a written request then the Director’s answer is due in 15 Colombian business days', async () => {
    const nui = await ppl();
    const r = await filed(nui);
    expect(r).toMatchObject({ nui, eron: '113', status: 'pending', filedOn: bogotaToday(), overdue: false });
    expect(r.dueOn).toBe(addBusinessDays(bogotaToday(), 15));
  });

  it('VIS-11 when the visitor’s ID is not valid or the request is dated in the future then 422 names VIS-11 and nothing is kept', async () => {
    const nui = await ppl();
    const res = await call(
      'POST',
      `/ppl/${nui}/intimate-requests`,
      officer,
      requestBody({ filedOn: addDays(bogotaToday(), 3), visitor: { ...requestBody().visitor, document: { type: 'CC', number: '012' } } }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'VIS-11', article: 'Art. 71' });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['/visitor/document/number', '/filedOn']);
    expect(await w.db.selectFrom('intimate_requests').selectAll().where('nui', '=', nui).execute()).toEqual([]);
  });

  it('VIS-11 when a request is left unanswered past its 15 business days then the scheduled job flags it overdue', async () => {
    const nui = await ppl();
    const old = await filed(nui, { filedOn: addDays(bogotaToday(), -40) });
    const fresh = await filed(await ppl());
    expect(old.overdue).toBe(true);
    // The job is scheduled on the service's jobs queue (one instance runs it), and here triggered at once.
    const jobs = new Queue(jobsQueueName('visits'), { connection: { url: w.config.REDIS_URL }, prefix: w.config.QUEUE_PREFIX });
    const scheduler = await eventually(async () => jobs.getJobScheduler('flag-overdue-intimate-requests'));
    await jobs.close();
    expect(scheduler).toMatchObject({ every: runtime(w.app).config.INTIMATE_OVERDUE_SCAN_MS });
    await runtime(w.app).jobs.trigger('flag-overdue-intimate-requests');
    const flagged = await eventually(async () => {
      const list = await call('GET', '/establishments/113/intimate-requests?status=pending', director);
      const items = list.json().items as IntimateRequest[];
      return items.find((i) => i.id === old.id && i.overdueFlaggedAt !== null) ? items : undefined;
    });
    expect(flagged.find((i) => i.id === fresh.id)?.overdueFlaggedAt).toBeNull();
  });

  it('VIS-11 when an entitled PPL has had no intimate visit this month then the minimum report names them, until one is given', async () => {
    const nui = await ppl();
    const r = await filed(nui);
    expect((await call('POST', `/intimate-requests/${r.id}/answer`, director, { decision: 'granted' })).statusCode).toBe(200);
    const report = async () => (await call('GET', `/establishments/113/intimate-minimum?month=${bogotaMonth()}`, director)).json();
    expect((await report()).short).toContainEqual({ nui, requestId: r.id });
    // Released: no longer this establishment's to visit, so not short either.
    const gone = await ppl();
    const goneRequest = await filed(gone);
    await call('POST', `/intimate-requests/${goneRequest.id}/answer`, director, { decision: 'granted' });
    await w.exit(gone, '113');
    expect((await report()).short.map((s: { nui: string }) => s.nui)).not.toContain(gone);
    const visit = await call('POST', `/intimate-requests/${r.id}/visits`, officer, { date: bogotaToday() });
    expect(visit.statusCode).toBe(201);
    expect((await report()).short.map((s: { nui: string }) => s.nui)).not.toContain(nui);
    expect(await audits('113', 'read-intimate-minimum')).not.toHaveLength(0);
  });

  it('VIS-11 when a request is pending or denied then no intimate visit is given on it', async () => {
    const r = await filed(await ppl());
    const res = await call('POST', `/intimate-requests/${r.id}/visits`, officer, { date: bogotaToday() });
    expect(res.statusCode).toBe(422);
    expect(res.json().rule).toBe('VIS-11');
  });

  it.each([
    ['disciplinary_sanction', 'Art. 71'],
    ['sexual_orientation', 'Art. 71 §1'],
    ['gender_identity', 'Art. 71 §1'],
    ['infectious_disease', 'Art. 86'],
  ])('VIS-12 when the Director denies or limits on %s then 422 names VIS-12 and the request stays pending', async (ground, article) => {
    const r = await filed(await ppl());
    for (const decision of ['denied', 'limited'])
      for (const grounds of [[ground], ['security_risk', ground]]) {
        const res = await call('POST', `/intimate-requests/${r.id}/answer`, director, {
          decision,
          grounds,
          reasons: 'Motivo escrito',
          visitsPerMonth: 1,
        });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toMatchObject({ rule: 'VIS-12', article });
      }
    expect((await call('GET', `/intimate-requests/${r.id}`, director)).json().status).toBe('pending');
  });

  it('VIS-12 when the PPL is under a firm sanction then intimate visits are still granted and given', async () => {
    const nui = await ppl();
    const r = await filed(nui);
    expect(await sanction(w, nui, '113', 4)).toBe('sanction.firm' in definition.handlers);
    expect((await call('POST', `/intimate-requests/${r.id}/answer`, director, { decision: 'granted' })).statusCode).toBe(200);
    expect((await call('POST', `/intimate-requests/${r.id}/visits`, officer, { date: bogotaToday() })).statusCode).toBe(201);
  });

  it('VIS-11 VIS-12 when a denial rests on lawful grounds then it is reasoned and kept', async () => {
    const r = await filed(await ppl());
    const bare = await call('POST', `/intimate-requests/${r.id}/answer`, director, { decision: 'denied' });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().rule).toBe('VIS-11');
    const res = await call('POST', `/intimate-requests/${r.id}/answer`, director, {
      decision: 'denied',
      grounds: ['visitor_banned'],
      reasons: 'La persona visitante tiene prohibición vigente',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'denied', grounds: ['visitor_banned'] });
  });

  it('VIS-13 when a pre-trial PPL would be moved to a partner in another establishment then only the judge’s permission grants it', async () => {
    const requester = await ppl({ legalStatus: 'imputado' });
    const partner = await ppl({ eron: '114' });
    const r = await filed(requester, { partner: { nui: partner, moves: 'requester' } });
    const answer = (movePermission?: object) =>
      call('POST', `/intimate-requests/${r.id}/answer`, director, { decision: 'granted', ...(movePermission ? { movePermission } : {}) });
    for (const bad of [undefined, { authority: 'regional_director', reference: 'Oficio 3', issuedOn: bogotaToday() }]) {
      const res = await answer(bad);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ rule: 'VIS-13', article: 'Art. 72.3' });
    }
    const ok = await answer({ authority: 'judge', reference: 'Auto 123 Juzgado 4 de garantías', issuedOn: bogotaToday() });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'granted', partner: { nui: partner, eron: '114', moves: 'requester' } });
  });

  it('VIS-13 when a sentenced partner would be moved then the regional director’s permission is the one needed', async () => {
    const requester = await ppl({ legalStatus: 'sindicado' });
    const partner = await ppl({ eron: '114', legalStatus: 'condenado' });
    const r = await filed(requester, { partner: { nui: partner, moves: 'partner' } });
    const judge = await call('POST', `/intimate-requests/${r.id}/answer`, director, {
      decision: 'granted',
      movePermission: { authority: 'judge', reference: 'Auto 9', issuedOn: bogotaToday() },
    });
    expect(judge.json().rule).toBe('VIS-13');
    const regional = await call('POST', `/intimate-requests/${r.id}/answer`, director, {
      decision: 'granted',
      movePermission: { authority: 'regional_director', reference: 'Oficio 5', issuedOn: bogotaToday() },
    });
    expect(regional.statusCode).toBe(200);
  });

  it('VIS-13 when the one who would move is security level one or held for extradition then the request is refused', async () => {
    const requester = await ppl();
    const levelOne = await ppl({ eron: '114', securityLevel: 1 });
    const extradition = await ppl({ eron: '114', legalStatus: 'extradicion' });
    for (const partner of [levelOne, extradition]) {
      const res = await call(
        'POST',
        `/ppl/${requester}/intimate-requests`,
        officer,
        requestBody({ partner: { nui: partner, moves: 'partner' } }),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ rule: 'VIS-13', article: 'Art. 72.6' });
    }
    // Within one establishment nobody is moved between establishments: the regime applies (Art. 72.5).
    const sameHouse = await ppl({ securityLevel: 1 });
    await filed(requester, { partner: { nui: sameHouse, moves: 'partner' } });
  });

  it('VIS-13 when anyone lists requests then no visitor, partner or grounds appear; each full read is audited and kept from other roles', async () => {
    const nui = await ppl();
    const r = await filed(nui);
    const list = await call('GET', '/establishments/113/intimate-requests', director);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(VISITOR);
    expect(list.body).not.toContain('52123456');
    expect(list.json().items.find((i: { id: string }) => i.id === r.id)).not.toHaveProperty('visitor');
    const read = await call('GET', `/intimate-requests/${r.id}`, director);
    expect(read.json().visitor.names).toBe(VISITOR);
    expect(await audits(r.id, 'read-intimate-request')).toHaveLength(1);
    expect((await call('GET', `/intimate-requests/${r.id}`, bearer(['gate_officer'], ['113']))).statusCode).toBe(403);
    expect((await call('GET', `/intimate-requests/${r.id}`, bearer(['director'], ['114']))).statusCode).toBe(403);
    const outbox = await w.db.selectFrom('outbox').selectAll().execute();
    expect(JSON.stringify(outbox)).not.toContain(VISITOR);
  });
});
