import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bogotaToday,
  type Certificate,
  type DisciplinaryCase,
  type Evaluation,
  type JeteeSession,
  type Programme,
  type ProgrammeKind,
  type RedemptionAccount,
} from '@eron/shared';
import { formatDateEs } from '@eron/shared/documents';
import { sql } from 'kysely';
import { bearer, pdfText, whileHeld } from '@eron/shared/testing';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';
import { circumstances, councilVote, heardCase, member, PAST } from './support/cases.world';
import { setCouncil } from './support/council.world';
import { director, hours, orderOf, programmeOf } from './support/jetee.hours';
import { jeteeOf } from './support/jetee.routes';

const api = '/api/v1/discipline';

describe('evaluations (DIS-23) and the redemption computation (DIS-24)', () => {
  let w: DisciplineWorld;
  let ordering: JeteeSession;
  let evaluating: JeteeSession;
  const programmes = {} as Record<ProgrammeKind, Programme>;
  beforeAll(async () => {
    w = await startDiscipline();
    ({ session: ordering } = await jeteeOf(w, '113', '2025-05-30'));
    const board = (await w.app.inject({ method: 'GET', url: `${api}/establishments/113/jetee`, headers: director })).json<{
      members: { id: string }[];
    }>();
    const res = await w.app.inject({
      method: 'POST',
      url: `${api}/establishments/113/jetee/sessions`,
      headers: director,
      payload: { heldOn: '2025-07-31', attendees: board.members.map((m) => m.id) },
    });
    evaluating = res.json<JeteeSession>();
    for (const kind of ['work', 'study', 'teaching'] as const) programmes[kind] = await programmeOf(w, kind);
  });
  afterAll(async () => w.close());

  const evaluate = (nui: string, kind: ProgrammeKind, month: string, rating = 'buena') =>
    w.app.inject({
      method: 'POST',
      url: `${api}/establishments/113/jetee/sessions/${evaluating.id}/evaluations`,
      headers: director,
      payload: {
        evaluations: [{ nui, programmeId: programmes[kind].id, month, rating, remarks: 'Cumplió el horario y los objetivos del mes' }],
      },
    });
  const account = async (nui: string) =>
    (await w.app.inject({ method: 'GET', url: `${api}/ppl/${nui}/redemption`, headers: director })).json<RedemptionAccount>();
  const certify = (nui: string, extra: object = {}) =>
    w.app.inject({
      method: 'POST',
      url: `${api}/ppl/${nui}/redemption/certificates`,
      headers: director,
      payload: { eron: '113', ...extra },
    });
  /** A PPL ordered into the programme on 2025-05-30 with these days of hours, then the month evaluated. */
  const month = async (
    kind: ProgrammeKind,
    days: [string, number][],
    m: string,
    rating = 'buena',
    legalStatus: 'condenado' | 'sindicado' = 'condenado',
  ) => {
    const nui = await w.admit({ legalStatus });
    await orderOf(w, programmes[kind], nui, ordering);
    for (const [date, h] of days) expect((await hours(w, programmes[kind], { nui, date, hours: h })).statusCode).toBe(201);
    const res = await evaluate(nui, kind, m, rating);
    expect(res.statusCode).toBe(201);
    return { nui, evaluation: res.json<Evaluation[]>()[0]! };
  };

  it.each([
    // what, kind, days of hours, month, rating, days in force per rate, favourable, days earned
    [
      'work across 2025-06-25: 1 per 2 until the 24th, 2 per 3 from the 25th',
      'work',
      [
        ['2025-06-24', 8],
        ['2025-06-25', 8],
        ['2025-06-26', 8],
      ],
      '2025-06',
      'buena',
      [0.5, 1.33],
      2,
      1.83,
    ],
    [
      'work after Ley 2466: 2 per 3',
      'work',
      [
        ['2025-07-01', 8],
        ['2025-07-02', 8],
        ['2025-07-03', 8],
      ],
      '2025-07',
      'sobresaliente',
      [2],
      null,
      2,
    ],
    ['work before Ley 2466: the later rule shown too (favorabilidad)', 'work', [['2025-05-30', 8]], '2025-05', 'buena', [0.5], 0.67, 0.5],
    [
      'work past the daily cap: only 8 h count',
      'work',
      [
        ['2025-07-01', 10],
        ['2025-07-02', 10],
        ['2025-07-03', 10],
      ],
      '2025-07',
      'buena',
      [2],
      null,
      2,
    ],
    ['work on a Sunday without authorisation: nothing counts', 'work', [['2025-07-06', 8]], '2025-07', 'buena', [0], null, 0],
    [
      'study: 1 per 2 six-hour days',
      'study',
      [
        ['2025-07-01', 6],
        ['2025-07-02', 6],
      ],
      '2025-07',
      'buena',
      [1],
      null,
      1,
    ],
    [
      'teaching: 4 h = one study day',
      'teaching',
      [
        ['2025-07-01', 4],
        ['2025-07-02', 4],
      ],
      '2025-07',
      'buena',
      [1],
      null,
      1,
    ],
    [
      'a deficiente month earns nothing',
      'work',
      [
        ['2025-07-01', 8],
        ['2025-07-02', 8],
        ['2025-07-03', 8],
      ],
      '2025-07',
      'deficiente',
      [2],
      null,
      0,
    ],
  ] as const)('DIS-24 DIS-22 when %s then the month is computed so', async (_what, kind, days, m, rating, inForce, favourable, earned) => {
    const { nui } = await month(kind, days as unknown as [string, number][], m, rating);
    const a = await account(nui);
    expect(a.months).toHaveLength(1);
    const row = a.months[0]!;
    expect(row.inForce.map((x) => x.days)).toEqual(inForce);
    expect(row.favourable?.days ?? null).toBe(favourable);
    expect(row.days).toBe(earned);
    expect(a).toMatchObject({ earned, certified: 0, pending: earned });
    if (rating === 'deficiente') expect(row.note).toMatch(/deficiente/);
    if (kind === 'work' && m === '2025-06')
      expect(row.inForce.map((x) => x.rate)).toEqual([expect.stringMatching(/Ley 65/), expect.stringMatching(/Ley 2466 de 2025 Art. 19/)]);
  });

  it('DIS-23 when the JETEE evaluates a month then the conduct rating of the period is beside it (null while conduct keeps none) and the counted hours', async () => {
    const { evaluation } = await month('study', [['2025-07-01', 6]], '2025-07', 'sobresaliente');
    expect(evaluation).toMatchObject({ rating: 'sobresaliente', conductRating: null, countedHours: 6, acta: evaluating.acta });
  });

  it('DIS-23 when a month is evaluated twice, or is of a PPL not ordered into the programme, or not yet reached then 422', async () => {
    const { nui } = await month('study', [['2025-07-01', 6]], '2025-07');
    expect((await evaluate(nui, 'study', '2025-07')).json()).toMatchObject({ rule: 'DIS-23' });
    expect((await evaluate(await w.admit(), 'study', '2025-07')).json()).toMatchObject({ rule: 'DIS-23' });
    expect((await evaluate(nui, 'study', '2025-08')).json()).toMatchObject({ rule: 'DIS-23' });
  });

  it('DIS-23 when two requests evaluate the same month at once then one records it and the other gets the 422 of a month already evaluated, not a 409', async () => {
    const nui = await w.admit();
    await orderOf(w, programmes.study, nui, ordering);
    expect((await hours(w, programmes.study, { nui, date: '2025-07-01', hours: 6 })).statusCode).toBe(201);
    // Inserts wait on the table until both requests are past their reads.
    const both = await whileHeld(w.db, sql`LOCK TABLE jetee_evaluations IN SHARE MODE`, () => [
      evaluate(nui, 'study', '2025-07'),
      evaluate(nui, 'study', '2025-07'),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect(both.find((r) => r.statusCode === 422)!.json()).toMatchObject({
      rule: 'DIS-23',
      errors: [{ field: '/evaluations/0', message: 'Ese mes ya fue evaluado' }],
    });
    expect((await account(nui)).months).toHaveLength(1);
  });

  it('DIS-24 when a pre-trial PPL’s hours are evaluated then nothing is computed until the conviction is firm (w.sentence), and then certified to the judge', async () => {
    const { nui } = await month(
      'study',
      [
        ['2025-07-01', 6],
        ['2025-07-02', 6],
      ],
      '2025-07',
      'buena',
      'sindicado',
    );
    expect(await account(nui)).toMatchObject({
      earned: 0,
      uncomputedHours: 12,
      months: [expect.objectContaining({ computable: false, days: 0 })],
    });
    expect((await certify(nui)).json()).toMatchObject({ rule: 'DIS-24' });
    await w.sentence(nui);
    expect(await account(nui)).toMatchObject({ earned: 1, uncomputedHours: 0, pending: 1 });
    const res = await certify(nui);
    expect(res.statusCode).toBe(201);
    const cert = res.json<Certificate>();
    expect(cert).toMatchObject({ days: 1, months: 1, code: expect.stringMatching(/^RC-/) });
    const sent = await w.published('notification.requested');
    expect(sent.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ recipient: 'judge', subject: 'redemption-certificate', nui, eron: '113' }),
    );
    expect(await account(nui)).toMatchObject({ earned: 1, certified: 1, pending: 0 });
  });

  it('DIS-24 when two certificates are issued at once for one PPL then one certifies the months and the other gets the 422 of nothing left, not a 409', async () => {
    const { nui } = await month(
      'study',
      [
        ['2025-07-01', 6],
        ['2025-07-02', 6],
      ],
      '2025-07',
    );
    // Certifying a month waits on the table until both requests have read the PPL's months.
    const both = await whileHeld(w.db, sql`LOCK TABLE redemption_certificate_months IN SHARE MODE`, () => [certify(nui), certify(nui)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect(both.find((r) => r.statusCode === 422)!.json()).toMatchObject({
      rule: 'DIS-24',
      detail: 'No hay meses evaluados y computables sin certificar',
    });
    const issued = both.find((r) => r.statusCode === 201)!.json<Certificate>();
    expect(await account(nui)).toMatchObject({
      earned: 1,
      certified: 1,
      pending: 0,
      months: [expect.objectContaining({ certificateId: issued.id })],
    });
    expect(await w.db.selectFrom('redemption_certificates').select('id').where('nui', '=', nui).execute()).toEqual([{ id: issued.id }]);
  });

  it('DIS-24 when the judge asks (Art. 112) then a pre-trial PPL’s months are computed and certified', async () => {
    const { nui } = await month(
      'teaching',
      [
        ['2025-07-01', 4],
        ['2025-07-02', 4],
      ],
      '2025-07',
      'buena',
      'sindicado',
    );
    const res = await certify(nui, { judgeRequest: 'Auto 455 del Juzgado 2 de EPMS de Bogotá: libertad por pena cumplida' });
    expect(res.statusCode).toBe(201);
    expect(res.json<Certificate>()).toMatchObject({ days: 1, judgeRequest: expect.stringMatching(/Auto 455/) });
  });

  it('DIS-24 when the judge grants days and a firm loss of 90 days is recorded then the account adds up, and the certificate renders and verifies', async () => {
    const { nui } = await month(
      'work',
      [
        ['2025-06-24', 8],
        ['2025-06-25', 8],
        ['2025-06-26', 8],
      ],
      '2025-06',
    );
    const cert = (await certify(nui)).json<Certificate>();
    const decision = await w.app.inject({
      method: 'POST',
      url: `${api}/redemption/certificates/${cert.id}/decision`,
      headers: director,
      payload: { daysGranted: 1.83, orderNumber: 'Auto 1203 de 2025', decidedOn: '2025-09-15' },
    });
    expect(decision.json<Certificate>().decision).toEqual({ daysGranted: 1.83, orderNumber: 'Auto 1203 de 2025', decidedOn: '2025-09-15' });
    // A grave decided by the Council's group one: loss of 90 days of redemption (DIS-05), firm once its appeal term ended (DIS-08).
    const council = await setCouncil(w);
    const c = await heardCase(w, { nui, offenceCode: 'G-11', factDate: '2025-08-01', past: true });
    const decided = await w.app.inject({
      method: 'POST',
      url: `${api}/cases/${c.id}/decision`,
      headers: member,
      payload: {
        outcome: 'sanction',
        reasons: 'Probada la tenencia del celular',
        circumstances,
        sanction: { kind: 'redemption_loss', amount: 90 },
        council: await councilVote(w, council, { nui, group: 'one', matter: 'case' }),
        notifiedOn: PAST.decided,
      },
    });
    expect(decided.statusCode).toBe(201);
    expect(
      (await w.app.inject({ method: 'POST', url: `${api}/establishments/113/firmness`, headers: bearer(['director'], ['113']) })).json(),
    ).toMatchObject({ firm: [decided.json<DisciplinaryCase>().sanction!.id] });
    const a = await account(nui);
    expect(a).toMatchObject({ earned: 1.83, certified: 1.83, pending: 0, granted: 1.83, lost: 90, balance: -88.17 });
    expect(a.earned).toBeCloseTo(a.certified + a.pending);
    expect(a.balance).toBeCloseTo(a.granted - a.lost);
    // More than certified cannot be granted.
    const over = await w.app.inject({
      method: 'POST',
      url: `${api}/redemption/certificates/${cert.id}/decision`,
      headers: director,
      payload: { daysGranted: 5, orderNumber: 'x', decidedOn: '2025-09-15' },
    });
    expect(over.json()).toMatchObject({ rule: 'DIS-24' });

    const pdf = await w.app.inject({ method: 'GET', url: `${api}/redemption/certificates/${cert.id}/pdf`, headers: director });
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(cert.code);
    expect(text).toMatch(/Ley 2466 de 2025/);
    expect(text).toMatch(/Favorabilidad/);
    // What the judge checks first: when it was issued, by whom, and the JETEE acta that evaluated each month.
    expect(text).toMatch(new RegExp(`Fecha de expedición:\\s+${formatDateEs(bogotaToday(new Date(cert.issuedAt)))}`));
    expect(text).toContain(evaluating.acta);
    expect(text).toContain('Marta Ruiz');
    // The conviction's firm date as a Bogotá date (in the evening there UTC is already tomorrow).
    const { sentenced_at: firm } = await w.db.selectFrom('ppl').select('sentenced_at').where('nui', '=', nui).executeTakeFirstOrThrow();
    expect(text).toContain(`en firme desde ${formatDateEs(bogotaToday(firm!))}`);
    const dir = mkdtempSync(join(tmpdir(), 'computos-'));
    writeFileSync(join(dir, 'certificado.pdf'), pdf.rawPayload);
    execFileSync('pdftoppm', ['-png', '-r', '60', join(dir, 'certificado.pdf'), '/tmp/jetee-certificado']);
    // The code printed on it is checked by anyone, without credentials, on discipline's one public route (as DIS-17).
    expect(text).toContain(`/api/v1/discipline/public/certificates/${cert.code}`);
    const check = await w.app.inject({ method: 'GET', url: `${api}/public/certificates/${cert.code}` });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toEqual({
      valid: true,
      kind: 'certificado-de-computos',
      issuedOn: bogotaToday(new Date(cert.issuedAt)),
      establishment: { code: '113', name: expect.any(String) },
    });
    expect(text).toContain(check.json<{ establishment: { name: string } }>().establishment.name);
    expect(check.body).not.toContain(nui);
    expect((await w.app.inject({ method: 'GET', url: `${api}/public/certificates/RC-0000000000` })).statusCode).toBe(404);
  });
});
