import Fastify from 'fastify';
import { createDb, createRuntime, migrateToLatest, type JobRunner, type OutboxRelay } from '../src/platform';
import { platformMigrations } from '../src/platform/platform.migration';
import { testConfig } from '../src/testing';

/**
 * PLT-05 PLT-06: a request with an Idempotency-Key keeps its audit lines back to write them with the
 * statement that stores its answer. The 100 000-PPL seed's approval of a 60 378-deposit bank file
 * (an audit line per deposit) got a 500 after 20 minutes: one statement with every line's
 * parameters, past Postgres's 65 535 ("bind message has 29441 parameter formats but 0
 * parameters"). Lines beyond a thousand now go in one INSERT per thousand.
 */
describe('audit lines of a request with an Idempotency-Key (PLT-06)', () => {
  let cleanup: () => Promise<void>;
  let databaseUrl: string;

  beforeAll(async () => {
    const t = await testConfig();
    cleanup = t.cleanup;
    databaseUrl = t.config.DATABASE_URL;
  });
  afterAll(async () => cleanup());

  test('PLT-06 when a keyed request audits 12 000 lines then it answers 201 and every line is written once, with the answer', async () => {
    const db = createDb<any>(databaseUrl, 'audit_buffer_test', 2);
    const app = Fastify();
    try {
      await migrateToLatest(db, 'audit_buffer_test', platformMigrations);
      const runtime = createRuntime({
        service: 'folio',
        db,
        config: {} as never,
        relay: { kick: () => undefined } as unknown as OutboxRelay,
        jobs: {} as JobRunner,
      });
      app.post('/approve', async (req, reply) => {
        req.principal = { sub: 'dg-1', roles: ['dg'], erons: [], national: true };
        return runtime.idempotent(req, reply, async (ctx) => {
          for (let i = 0; i < 12_000; i += 1) await ctx.audit({ action: 'approve', entity: 'deposit', entityId: `d-${i}`, details: { i } });
          return { status: 201, body: { approved: 12_000 } };
        });
      });
      const headers = { 'idempotency-key': 'approve-file-0001', 'content-type': 'application/json' };
      const first = await app.inject({ method: 'POST', url: '/approve', headers, payload: '{}' });
      expect([first.statusCode, first.json()]).toEqual([201, { approved: 12_000 }]);
      const again = await app.inject({ method: 'POST', url: '/approve', headers, payload: '{}' });
      expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
      const lines = await db
        .selectFrom('audit_log')
        .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.count<string>('entity_id').distinct().as('ids')])
        .executeTakeFirstOrThrow();
      expect([Number(lines.n), Number(lines.ids)]).toEqual([12_000, 12_000]);
    } finally {
      await app.close();
      await db.destroy();
    }
  }, 120_000);
});
