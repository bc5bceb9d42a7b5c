import type { CertificateCheck, CertificateIssued } from '@eron/shared';
import { bearer, pdfText } from '@eron/shared/testing';
import { startDiscipline, type DisciplineWorld } from './support/discipline.world';
import { insertFirmSanction } from './support/firm-sanctions';

const director = bearer(['director'], ['113']);

describe('DIS-17 conduct certificates and opinions for the judge', () => {
  let w: DisciplineWorld;
  beforeAll(async () => {
    w = await startDiscipline();
    await w.deliver('establishment.registered', { code: '113', name: 'Complejo Carcelario y Penitenciario de Bogotá' });
  });
  afterAll(async () => w.close());

  const issue = (nui: string, payload: object, headers = director) =>
    w.app.inject({ method: 'POST', url: `/api/v1/discipline/ppl/${nui}/conduct-certificates`, headers, payload });

  it('DIS-17 when a certificate is issued, then its PDF carries the record and a code anyone can check without a token, learning only validity, kind, date and establishment', async () => {
    const nui = await w.admit();
    await insertFirmSanction(w.db, { nui, severity: 'leve', firmAt: new Date(Date.now() - 30 * 86_400_000) });
    await w.db
      .insertInto('conduct_ratings')
      .values({
        nui,
        quarter: '2026-Q2',
        eron: '113',
        proposed: 'buena',
        basis: 'x',
        graves: 0,
        leves: 0,
        carries_mala: false,
        rating: 'buena',
        status: 'approved',
        session_ref: 'Acta 07-2026',
      })
      .execute();
    const res = await issue(nui, { kind: 'certificate' });
    expect(res.statusCode).toBe(201);
    const issued = res.json<CertificateIssued>();
    expect(issued).toMatchObject({
      kind: 'certificate',
      nui,
      eron: '113',
      verifyAt: `/api/v1/discipline/public/certificates/${issued.code}`,
    });

    const pdf = await w.app.inject({ method: 'GET', url: res.headers.location as string, headers: director });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload, 'layout', 'conduct-certificate.pdf');
    for (const s of [
      'Certificado de conducta',
      nui,
      'Juan Carlos Pérez Gómez',
      '2026-Q2',
      'Buena',
      'Acta 07-2026',
      'Amonestación',
      issued.code,
    ])
      expect(text).toContain(s);

    const check = await w.app.inject({ method: 'GET', url: issued.verifyAt });
    expect(check.statusCode).toBe(200);
    expect(check.json<CertificateCheck>()).toEqual({
      valid: true,
      kind: 'certificate',
      issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      establishment: { code: '113', name: 'Complejo Carcelario y Penitenciario de Bogotá' },
    });
    expect(check.body).not.toContain(nui);
    expect((await w.app.inject({ method: 'GET', url: '/api/v1/discipline/public/certificates/AAAA-BBBB-CCCC' })).statusCode).toBe(404);
  });

  it('DIS-17 when an opinion for the judge is asked with a recent firm sanction, then it is unfavourable and states the benefit; another establishment is refused', async () => {
    const nui = await w.admit();
    await insertFirmSanction(w.db, { nui, severity: 'grave', firmAt: new Date(Date.now() - 10 * 86_400_000) });
    const res = await issue(nui, { kind: 'opinion', purpose: 'Libertad condicional' });
    expect(res.statusCode).toBe(201);
    const text = pdfText(
      (await w.app.inject({ method: 'GET', url: res.headers.location as string, headers: director })).rawPayload,
      'layout',
      'conduct-opinion.pdf',
    );
    expect(text).toContain('Concepto de conducta para el juez');
    expect(text).toContain('Libertad condicional');
    expect(text).toContain('DESFAVORABLE');
    const code = res.json<CertificateIssued>().code;
    expect((await w.app.inject({ method: 'GET', url: `/api/v1/discipline/public/certificates/${code}` })).json()).toMatchObject({
      kind: 'opinion',
    });
    expect((await issue(nui, { kind: 'opinion' }, bearer(['director'], ['114']))).statusCode).toBe(403);
  });
});
