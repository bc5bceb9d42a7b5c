import { bearerOf, deadUrl, startGateway, type TestGateway } from './helper';

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

describe('PLT-02 the merged OpenAPI document is built once per change', () => {
  it('PLT-02 when /openapi.json is read many times then it is built once; when a service changes its document then once more', async () => {
    const gw = await startGateway({ OPENAPI_CACHE_MS: 0 });
    const builds = async () => Number(/^gateway_openapi_builds_total (\d+)$/m.exec((await gw.app.inject({ url: '/metrics' })).body)?.[1]);
    try {
      const first = await gw.app.inject({ url: '/openapi.json' });
      const etag = first.headers.etag as string;
      for (let i = 0; i < 5; i++) {
        const res = await gw.app.inject({ url: '/openapi.json' });
        expect(res.body).toBe(first.body);
        expect(res.headers.etag).toBe(etag);
      }
      expect(await builds()).toBe(1);
      // Read again every time (OPENAPI_CACHE_MS=0), rebuilt only because the document changed.
      gw.services.folio.setPaths(['/api/v1/folio/things', '/api/v1/folio/other-things']);
      const changed = await gw.app.inject({ url: '/openapi.json' });
      expect(Object.keys(changed.json().paths)).toContain('/api/v1/folio/other-things');
      expect(changed.headers.etag).not.toBe(etag);
      expect(await builds()).toBe(2);
      // A client holding the current one is told so without the body.
      const cached = await gw.app.inject({ url: '/openapi.json', headers: { 'if-none-match': changed.headers.etag as string } });
      expect(cached.statusCode).toBe(304);
      expect(cached.body).toBe('');
    } finally {
      await gw.close();
    }
  });

  it('PLT-02 when the documents are fresh then the services are not asked again for each request', async () => {
    const gw = await startGateway();
    try {
      for (let i = 0; i < 5; i++) expect((await gw.app.inject({ url: '/openapi.json' })).statusCode).toBe(200);
      expect((await gw.app.inject({ url: '/openapi/folio.json' })).statusCode).toBe(200);
      expect(gw.services.folio.docsReads).toBe(1);
    } finally {
      await gw.close();
    }
  });
});

describe('PLT-02 pages a browser opens send security headers', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => gw.close());

  it('PLT-02 when /docs, its assets and the admin pages are served then they carry CSP, X-Frame-Options and nosniff', async () => {
    for (const url of ['/docs', '/docs/static/swagger-initializer.js', '/openapi.json', '/admin/login', '/admin/queues']) {
      const res = await gw.app.inject({ url, headers: bearerOf(gw.config, ['info_systems']) });
      expect([url, res.statusCode < 400]).toEqual([url, true]);
      expect([url, res.headers['content-security-policy']]).toEqual([url, expect.stringContaining("default-src 'self'")]);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('PLT-13 when an API call is proxied then it pays for none of those headers', async () => {
    const res = await gw.app.inject({ url: '/api/v1/folio/things', headers: bearerOf(gw.config, ['paymaster']) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBeUndefined();
  });
});
