import { deadUrl, startGateway, type TestGateway } from './helper';

describe('PLT-02 merged OpenAPI and Swagger UI', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => gw.close());

  it('PLT-02 when /openapi.json is read then it holds every service path, operationIds namespaced, servers "/"', async () => {
    const res = await gw.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/' }]);
    expect(Object.keys(doc.paths)).toEqual([
      '/api/v1/classification/things',
      '/api/v1/discipline/things',
      '/api/v1/folio/things',
      '/api/v1/visits/things',
    ]);
    expect(doc.paths['/api/v1/folio/things'].get.operationId).toBe('folio_op0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.visits_Thing).toBeDefined();
  });

  it("PLT-02 when /openapi/<service>.json is read then it is that service's document", async () => {
    const res = await gw.app.inject({ url: '/openapi/folio.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(['/api/v1/folio/things']);
    expect((await gw.app.inject({ url: '/openapi/kitchen.json' })).statusCode).toBe(404);
  });

  it('PLT-02 when /docs is opened then Swagger UI offers the merged and every service document, keeping authorization', async () => {
    const page = await gw.app.inject({ url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('swagger-ui');
    const init = await gw.app.inject({ url: '/docs/static/swagger-initializer.js' });
    expect(init.statusCode).toBe(200);
    for (const url of [
      '/openapi.json',
      '/openapi/classification.json',
      '/openapi/folio.json',
      '/openapi/discipline.json',
      '/openapi/visits.json',
    ]) {
      expect(init.body).toContain(`"url":"${url}"`);
    }
    expect(init.body).toContain('"persistAuthorization":true');
  });
});

describe('PLT-02 merged OpenAPI refuses conflicts', () => {
  it('PLT-02 when two services declare the same path then /openapi.json is a 502 problem naming it', async () => {
    const clash = '/api/v1/visits/bookings';
    const gw = await startGateway({}, { folio: [clash], visits: [clash] });
    try {
      const res = await gw.app.inject({ url: '/openapi.json', headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(502);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().detail).toContain(clash);
      // Each document on its own is still there.
      expect((await gw.app.inject({ url: '/openapi/folio.json' })).statusCode).toBe(200);
    } finally {
      await gw.close();
    }
  });

  it('PLT-02 when a service is down then /openapi.json is a 503 problem naming it', async () => {
    const gw = await startGateway({ DISCIPLINE_URL: await deadUrl() });
    try {
      const res = await gw.app.inject({ url: '/openapi.json', headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(503);
      expect(res.json().detail).toContain('discipline');
    } finally {
      await gw.close();
    }
  });
});
