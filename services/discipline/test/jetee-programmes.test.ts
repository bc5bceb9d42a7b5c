import type { JeteeSession, Programme, ProgrammeOrder } from '@eron/shared';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, pdfText } from '@eron/shared/testing';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';
import { jeteeOf } from './support/jetee.routes';

const director = bearer(['director'], ['113']);

describe('programmes and the JETEE’s orders (DIS-21)', () => {
  let w: DisciplineWorld;
  let session: JeteeSession;
  beforeAll(async () => {
    w = await startDiscipline();
    ({ session } = await jeteeOf(w, '113', '2026-11-02'));
  });
  afterAll(async () => w.close());
  const post = (url: string, payload: object) =>
    w.app.inject({ method: 'POST', url: `/api/v1/discipline/establishments/113/programmes${url}`, headers: director, payload });
  const programme = async (kind: 'work' | 'study' | 'teaching', places = 5) =>
    (await post('', { kind, name: `Programa ${kind}`, places, officer: 'officer-1' })).json<Programme>();
  const order = (p: Programme, nui: string, extra: object = {}) =>
    post(`/${p.id}/orders`, { nui, sessionId: session.id, decision: 'admit', ...extra });

  it('DIS-21 when the JETEE orders a held PPL into a programme in session then a place is taken, and without a session of this JETEE then 422', async () => {
    const p = await programme('study', 2);
    const nui = await w.admit();
    const res = await order(p, nui);
    expect(res.statusCode).toBe(201);
    expect(res.json<ProgrammeOrder>()).toMatchObject({
      status: 'active',
      acta: session.acta,
      orderedOn: '2026-11-02',
      legalStatus: 'condenado',
    });
    const list = await w.app.inject({ method: 'GET', url: '/api/v1/discipline/establishments/113/programmes', headers: director });
    expect(list.json<Programme[]>().find((x) => x.id === p.id)).toMatchObject({ places: 2, taken: 1 });
    const other = await jeteeOf(w, '114', '2026-11-02');
    const foreign = await post(`/${p.id}/orders`, { nui: await w.admit(), sessionId: other.session.id, decision: 'admit' });
    expect(foreign.statusCode).toBe(403);
    const bogus = await post(`/${p.id}/orders`, {
      nui: await w.admit(),
      sessionId: '00000000-0000-4000-8000-000000000009',
      decision: 'admit',
    });
    expect(bogus.statusCode).toBe(422);
    expect(bogus.json()).toMatchObject({ rule: 'DIS-21' });
  });

  it('DIS-21 when a pre-trial order would take the last work place while a sentenced candidate waits then 422 (we refuse rather than queue)', async () => {
    // Decision: refuse (422 DIS-21, Art. 110), not queue. The JETEE then orders the sentenced candidate first;
    // the pre-trial PPL may be ordered once places are free beyond those the sentenced candidates wait for.
    const p = await programme('work', 2);
    await order(p, await w.admit());
    const waiting = await w.admit();
    expect((await post(`/${p.id}/candidates`, { nui: waiting })).statusCode).toBe(204);
    const pretrial = await w.admit({ legalStatus: 'sindicado' });
    const res = await order(p, pretrial);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-21', article: 'Art. 110' });
    expect((await order(p, waiting)).statusCode).toBe(201);
    // Full now: nobody else.
    expect((await order(p, await w.admit())).json()).toMatchObject({ rule: 'DIS-21' });
    // Study places have no such priority.
    expect((await order(await programme('study'), pretrial)).statusCode).toBe(201);
  });

  it.each([
    ['disability'],
    ['sex'],
    ['sexual_orientation'],
    ['age'],
    ['gender_identity'],
    ['race'],
    ['ethnicity'],
    ['national_or_family_origin'],
    ['language'],
    ['religion'],
    ['political_or_philosophical_opinion'],
  ])('DIS-21 when a refusal gives the forbidden ground %s then 422 and nothing is recorded', async (ground) => {
    const p = await programme('work');
    const nui = await w.admit();
    const res = await order(p, nui, { decision: 'refuse', grounds: ['aptitude', ground], reasons: 'Motivo' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ rule: 'DIS-21', article: 'Art. 108' });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['/grounds/1']);
    expect(await w.db.selectFrom('programme_orders').selectAll().where('nui', '=', nui).execute()).toEqual([]);
  });

  it('DIS-21 when a refusal or removal gives no reasons then 422; with reasons on an allowed ground it is recorded', async () => {
    const p = await programme('work');
    const nui = await w.admit();
    expect((await order(p, nui, { decision: 'refuse', grounds: ['aptitude'] })).json()).toMatchObject({ rule: 'DIS-21' });
    const refused = await order(p, nui, {
      decision: 'refuse',
      grounds: ['aptitude'],
      reasons: 'Sin la aptitud física que exige el taller de carpintería',
    });
    expect(refused.json<ProgrammeOrder>()).toMatchObject({ status: 'refused', grounds: ['aptitude'] });
    const admitted = (await order(p, await w.admit())).json<ProgrammeOrder>();
    const removal = (body: object) => post(`/${p.id}/orders/${admitted.id}/removal`, { sessionId: session.id, ...body });
    expect((await removal({ grounds: ['religion'], reasons: 'x' })).json()).toMatchObject({ rule: 'DIS-21', article: 'Art. 108' });
    const removed = await removal({ grounds: ['conduct_in_programme'], reasons: 'Abandonó el taller tres semanas seguidas' });
    expect(removed.json<ProgrammeOrder>()).toMatchObject({
      status: 'removed',
      removedOn: '2026-11-02',
      reasons: 'Abandonó el taller tres semanas seguidas',
    });
  });

  it('DIS-21 when a teaching order lacks the instructor’s accredited qualification then 422; with it, admitted', async () => {
    const p = await programme('teaching');
    const nui = await w.admit();
    expect((await order(p, nui)).json()).toMatchObject({ rule: 'DIS-21', article: 'Art. 113' });
    const qualification = {
      title: 'Licenciado en educación básica',
      issuer: 'Universidad Pedagógica Nacional',
      accreditation: 'MEN-12345',
    };
    expect((await order(p, nui, { qualification })).statusCode).toBe(201);
  });

  it('DIS-20 DIS-21 when the session’s acta is asked for then its PDF is numbered and dated, with attendance and the orders made in it', async () => {
    const p = await programme('work');
    await order(p, await w.admit(), {
      decision: 'refuse',
      grounds: ['availability'],
      reasons: 'Horario incompatible con su tratamiento médico',
    });
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/v1/discipline/establishments/113/jetee/sessions/${session.id}/acta`,
      headers: director,
    });
    expect(res.headers['content-type']).toMatch(/application\/pdf/);
    const text = pdfText(res.rawPayload);
    expect(text).toContain(session.acta);
    expect(text).toMatch(/Horario incompatible con su tratamiento médico/);
    expect(text).toMatch(/Marta Ruiz/);
    const dir = mkdtempSync(join(tmpdir(), 'acta-jetee-'));
    writeFileSync(join(dir, 'acta.pdf'), res.rawPayload);
    execFileSync('pdftoppm', ['-png', '-r', '60', join(dir, 'acta.pdf'), '/tmp/jetee-acta']);
  });

  it('DIS-21 when the PPL is not held at the establishment then 422', async () => {
    const p = await programme('study');
    const nui = await w.admit({ eron: '114' });
    expect((await order(p, nui)).statusCode).toBe(422);
  });
});
