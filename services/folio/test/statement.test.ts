import type { FastifyInstance } from 'fastify';
import { addDays, bogotaToday, type Statement } from '@eron/shared';
import { bearer as staff, pdfText } from '@eron/shared/testing';
import { formatDateEs } from '@eron/shared/documents';
import { startFolio, type FolioWorld } from './support/folio.world';

let app: FastifyInstance;
let w: FolioWorld;
let nui: string;
const today = bogotaToday();

beforeAll(async () => {
  w = await startFolio();
  app = w.app;
  nui = await w.admit({ eron: '113', cash: 100_000 });
  const headers = staff(['paymaster'], ['113']);
  await app.inject({
    method: 'PUT',
    url: `/api/v1/folio/accounts/${nui}/savings-authorisation`,
    headers,
    payload: { authorised: true, document: 'Aut. 9' },
  });
  const work = { nui, month: '2026-09', amount: 50_000, workFront: 'Taller "Norte"', payrollReference: 'PL-9' };
  await app.inject({ method: 'POST', url: '/api/v1/folio/work-payments', headers, payload: work });
  await app.inject({
    method: 'POST',
    url: '/api/v1/folio/seizures',
    headers,
    payload: { eron: '113', nui, amount: 7_000, actaNumber: `OP-${nui}` },
  });
  await w.applied((await w.transfer(nui, '113', '115')).id);
});
afterAll(async () => w.close());

const statement = (query: string, headers: Record<string, string> = staff(['paymaster'], ['115'])) =>
  app.inject({ method: 'GET', url: `/api/v1/folio/accounts/${nui}/statement?${query}`, headers });

describe('FOL-16 statement', () => {
  it('FOL-16 when a period is read then every movement has its date, concept, reference and running balance, continuous across a transfer', async () => {
    const res = await statement(`from=${today}&to=${today}`);
    expect(res.statusCode).toBe(200);
    const s = res.json<Statement>();
    const available = s.sections.find((x) => x.account === 'available')!;
    expect(available.opening).toBe(0);
    expect(available.lines.map((l) => [l.kind, l.amount, l.balance])).toEqual([
      ['intake_cash', 100_000, 100_000],
      ['work_pay', 40_000, 140_000],
      ['transfer_out', -140_000, 0],
      ['transfer_in', 140_000, 140_000],
    ]);
    expect(available.closing).toBe(140_000);
    for (const sec of s.sections) {
      expect(sec.opening + sec.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(sec.closing);
      for (const l of sec.lines) expect(l.date).toBe(today);
    }
    expect(available.lines[1]).toMatchObject({ reference: `${nui}/2026-09`, concept: expect.stringContaining('Bonificación 2026-09') });
    expect(s.sections.map((x) => [x.account, x.closing])).toEqual([
      ['available', 140_000],
      ['savings', 5_000],
      ['seized', 7_000],
    ]);
  });

  it('FOL-16 when the statement is read then it shows the available balance and what remains of today’s and this month’s caps', async () => {
    const s = (await statement(`from=${today}&to=${today}`)).json<Statement>();
    expect(s.now).toMatchObject({ date: today, available: 140_000, savings: 5_000, seized: 7_000 });
    const caps = (
      await app.inject({ method: 'GET', url: `/api/v1/folio/limits?date=${today}`, headers: staff(['paymaster'], ['115']) })
    ).json();
    expect(s.now.day).toEqual({ cap: caps.spendDay, spent: 0, remaining: caps.spendDay });
    expect(s.now.month).toEqual({ cap: caps.spendMonth, spent: 0, remaining: caps.spendMonth });
  });

  it('FOL-16 when no period is given then the statement covers this month so far', async () => {
    const res = await statement('');
    expect(res.statusCode).toBe(200);
    expect(res.json<Statement>()).toMatchObject({ from: `${today.slice(0, 7)}-01`, to: today });
  });

  it('FOL-16 when the period is longer than the bound then 400 names the period and nothing is read', async () => {
    const res = await statement(`from=${addDays(today, -400)}&to=${today}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ type: 'https://eron.inpec.gov.co/problems/period-invalid', errors: [{ field: 'querystring:/to' }] });
  });

  it('FOL-16 when consecutive periods are read then each closing is the next opening', async () => {
    const before = (await statement(`from=${addDays(today, -30)}&to=${addDays(today, -1)}`)).json<Statement>();
    const after = (await statement(`from=${addDays(today, 1)}&to=${addDays(today, 2)}`)).json<Statement>();
    expect(before.sections.map((x) => [x.opening, x.closing, x.lines.length])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(after.sections.map((x) => [x.opening, x.closing])).toEqual([
      [140_000, 140_000],
      [5_000, 5_000],
      [7_000, 7_000],
    ]);
  });

  it('FOL-16 when CSV is asked then every line is there with RFC 4180 escaping', async () => {
    const res = await statement(`from=${today}&to=${today}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('cuenta,fecha,instante,tipo,concepto,referencia,importe,saldo');
    const work = lines.find((l) => l.includes(',work_pay,'))!;
    expect(work).toContain('"Bonificación 2026-09, Taller ""Norte"" (planilla PL-9)"');
    expect(work.endsWith(`,${nui}/2026-09,40000,140000`)).toBe(true);
    expect(lines.filter((l) => l.startsWith('available,'))).toHaveLength(6);
    const viaAccept = await statement(`from=${today}&to=${today}`, { ...staff(['auditor']), accept: 'text/csv' });
    expect(viaAccept.body).toBe(res.body);
  });

  it('FOL-16 when PDF is asked through the Accept header then a PDF document comes back', async () => {
    const res = await statement(`from=${today}&to=${today}`, { ...staff(['paymaster'], ['115']), accept: 'application/pdf' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(1_000);
  });

  it('FOL-16 when the PDF is read then it is a document to sign: letterhead, headings, debits as -$, totals, caps left, issuer and page i de N', async () => {
    const res = await statement(`from=${today}&to=${today}&format=pdf`, staff(['paymaster'], ['115']));
    const text = pdfText(res.rawPayload);
    expect(text).toContain('INSTITUTO NACIONAL PENITENCIARIO Y CARCELARIO — INPEC');
    expect(text).toContain('Extracto del Folio');
    expect(text).toContain(`Período del ${formatDateEs(today)} al ${formatDateEs(today)}`);
    expect(text).toMatch(new RegExp(`NUI:\\s+${nui}`));
    expect(text).toMatch(/Fecha\s+Concepto\s+Referencia\s+Débito\s+Crédito\s+Saldo/);
    expect(text).toMatch(/Cuenta Disponible[\s\S]*Cuenta Ahorro[\s\S]*Cuenta Incautado/);
    expect(text).toMatch(/Totales del período · saldo final\s+-\$[\d.]+\s+\$[\d.]+\s+\$140\.000/);
    expect(text).toContain('$140.000');
    expect(text).toMatch(/Queda hoy \(tope diario\):\s+\$/);
    expect(text).toMatch(/Expedido el \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(hora de Bogotá\) por test-paymaster/);
    expect(text).toMatch(/Página 1 de \d/);
    expect(text).toContain('Pagador(a) del establecimiento');
  });

  /**
   * Decision: folio learns names from classification's events, never by reading its data (PLT-07):
   * the PPL's names ride on `ppl.admitted` (optional, so events published before still apply), and
   * each establishment's name on `establishment.registered`, which a new subscriber is first sent
   * from the outbox for every establishment registered before.
   */
  it('FOL-16 when the PDF is issued then it names the PPL and the establishment that holds the Folio now, learnt from classification’s events', async () => {
    await w.deliver('establishment.registered', { code: '116', name: 'Cárcel y Penitenciaría de Media Seguridad de Ibagué' });
    await w.deliver('establishment.registered', { code: '117', name: 'Establecimiento Penitenciario de Alta Seguridad de Cómbita' });
    const named = w.nextNui();
    await w.deliver('ppl.admitted', {
      nui: named,
      eron: '116',
      legalStatus: 'condenado',
      sex: 'F',
      admittedAt: new Date().toISOString(),
      cashAtIntake: null,
      names: 'Ana María',
      surnames: 'Restrepo Cárdenas',
    });
    await w.applied((await w.transfer(named, '116', '117')).id);
    const read = (format: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/folio/accounts/${named}/statement?format=${format}`,
        headers: staff(['paymaster'], ['117']),
      });
    expect((await read('json')).json<Statement>()).toMatchObject({
      pplName: 'Ana María Restrepo Cárdenas',
      eron: '117',
      eronName: 'Establecimiento Penitenciario de Alta Seguridad de Cómbita',
    });
    const text = pdfText((await read('pdf')).rawPayload);
    expect(text).toContain('Establecimiento Penitenciario de Alta Seguridad de Cómbita (117)');
    expect(text).toMatch(/Nombre:\s+Ana María Restrepo Cárdenas/);
    expect(text).toMatch(new RegExp(`NUI:\\s+${named}`));
  });

  it('FOL-16 when the caller lacks role or scope, or the period is bad, then refused; reads are audited', async () => {
    const q = `from=${today}&to=${today}`;
    expect((await statement(q, {})).statusCode).toBe(401);
    expect((await statement(q, staff(['gate_officer'], ['115']))).statusCode).toBe(403);
    expect((await statement(q, staff(['paymaster'], ['113']))).statusCode).toBe(403);
    const reversed = await statement(`from=${today}&to=${addDays(today, -1)}`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].field).toBe('querystring:/from');
    const bad = await statement('from=2026-02-30x&format=xml');
    expect(bad.statusCode).toBe(400);
    // `to` may be left out (it defaults to today); a malformed `from` and an unknown format may not.
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['querystring:/format', 'querystring:/from']);
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/folio/accounts/9999991/statement?${q}`, headers: staff(['auditor']) })).statusCode,
    ).toBe(404);
    const audited = async () =>
      (await app.db.selectFrom('audit_log').select('action').where('entity_id', '=', nui).where('action', '=', 'read-statement').execute())
        .length;
    const before = await audited();
    expect(before).toBeGreaterThan(0); // the reads of the tests above
    expect((await statement(q, staff(['paymaster'], ['114']))).statusCode).toBe(403);
    expect(await audited()).toBe(before);
    expect((await statement(q)).statusCode).toBe(200);
    expect(await audited()).toBe(before + 1);
  });
});
