import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createDb, errorsPlugin } from '../src/platform';
import { testConfig } from '../src/testing';

/**
 * PLT-04: a write Postgres refuses because a concurrent request got there first (a unique or
 * exclusion constraint, a deadlock, a serialization failure) is a 409 problem the caller can retry
 * on — never a 500 — wherever a use case did not name that race itself; any other database error
 * stays a 500.
 */
describe('concurrent changes refused by Postgres (PLT-04)', () => {
  let cleanup: () => Promise<void>;
  let db: ReturnType<typeof createDb<any>>;
  let app: FastifyInstance;

  beforeAll(async () => {
    const t = await testConfig();
    cleanup = t.cleanup;
    db = createDb<any>(t.config.DATABASE_URL, 'public', 2);
    await sql`CREATE TABLE IF NOT EXISTS collision_things (name text PRIMARY KEY)`.execute(db);
    app = Fastify({ logger: false });
    await app.register(errorsPlugin);
    app.post<{ Body: { name: string } }>('/things', async (req, reply) => {
      await sql`INSERT INTO collision_things (name) VALUES (${req.body.name})`.execute(db);
      return reply.code(201).send({ name: req.body.name });
    });
    app.get('/broken', async () => sql`SELECT * FROM no_such_table`.execute(db));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
    await cleanup();
  });

  test('PLT-04 when a unique key is taken by a request that got there first then the second gets a 409 problem, not a 500', async () => {
    const post = (lang?: string) =>
      app.inject({ method: 'POST', url: '/things', payload: { name: 'Patio 9' }, headers: lang ? { 'accept-language': lang } : {} });
    expect((await post()).statusCode).toBe(201);
    const again = await post('en');
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
    expect(again.json()).toMatchObject({
      type: 'https://eron.inpec.gov.co/problems/concurrent-change',
      status: 409,
      detail: 'Another request changed the same thing at the same time; read it again and retry',
    });
    expect(JSON.stringify(again.json())).not.toContain('collision_things');
  });

  test('PLT-04 when the database fails for any other reason then it is still a 500', async () => {
    const res = await app.inject({ method: 'GET', url: '/broken' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ type: 'https://eron.inpec.gov.co/problems/internal' });
  });
});
