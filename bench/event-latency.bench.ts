/**
 * PLT-15 (last sentence): event latency admission → Folio open, p99 under 100 ms at half load. On
 * the suite as it runs for real (scripts/start.ts): first admissions straight to classification,
 * saturated, give the sustained rate (`--connections` in flight, default the service's pool); then
 * admissions paced open-loop at half that rate, in rounds, and for each admission of a round the
 * time from its transaction (the outbox row of its event, `classification.outbox.created_at`) to
 * the transaction that opened its Folio (`folio.folios.opened_at`, matched by the event ID), both
 * read from Postgres's clock. Prints p50/p99 per round, medians with min–max. No baseline: the
 * target is absolute. `pnpm bench:events [--rounds 3] [--seconds 10] [--connections N]`.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createDb } from '@eron/shared/platform';
import { bearer, databaseUrl as dbUrl } from '@eron/shared/testing';
import { admissionRequest } from '../services/classification/test/admission.factory';
import { registerEstablishments } from '../services/classification/test/support/establishments';
import { alternate, BENCH_DB, fmt, paced, port, report, spread, startSuiteProcesses } from './support';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '10' },
    connections: { type: 'string', default: process.env.DB_POOL_MAX ?? '10' },
  },
});
const ROUNDS = Number(flags.rounds);
const SECONDS = Number(flags.seconds);
const CONNECTIONS = Number(flags.connections);
const PORT_BASE = port(4400);
const CLASSIFICATION = PORT_BASE + 1;
const HEADERS = { 'content-type': 'application/json', ...bearer(['gate_officer'], ['113']) };

/** Each admission a person of their own (a document number never used before in this run). */
let person = 0;
const body = (): string => {
  person += 1;
  const cc = String(1_500_000_000 + person);
  const a = admissionRequest();
  return JSON.stringify({ ...a, person: { ...a.person, document: { type: 'CC', number: cc } }, order: { ...a.order, idNumber: cc } });
};

interface Latencies {
  admitted: number;
  rate: number;
  p50: number;
  p99: number;
  max: number;
}

async function main(): Promise<void> {
  const suite = await startSuiteProcesses(PORT_BASE);
  const databaseUrl = dbUrl(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/eron', BENCH_DB);
  const db = createDb<any>(databaseUrl, 'classification', 2);
  const url = `${suite.url(CLASSIFICATION)}/api/v1/classification/admissions`;
  try {
    await registerEstablishments(
      async (path, headers, b) => {
        const r = await fetch(`${suite.url(PORT_BASE)}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(b),
        });
        return { status: r.status, body: await r.text() };
      },
      ['113'],
    );
    /** Waits until every admission so far has its Folio (the events have all been applied). */
    const settled = async (): Promise<void> => {
      for (let i = 0; i < 1200; i += 1) {
        const { rows } = await sql<{ behind: string }>`SELECT
          (SELECT count(*) FROM classification.outbox o WHERE o.type = 'ppl.admitted')
          - (SELECT count(*) FROM folio.folios) AS behind`.execute(db);
        if (Number(rows[0]!.behind) <= 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the Folios were not all opened within 2 minutes');
    };
    const saturated = async (seconds: number): Promise<number> => {
      const r = await autocannon({
        url,
        method: 'POST',
        headers: HEADERS,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: body() }) }],
      });
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`admissions: ${r.non2xx} non-2xx and ${r.errors} errors`);
      return r.requests.average;
    };
    await saturated(2); // warm-up
    const sustained = await saturated(SECONDS);
    await settled();
    const rate = Math.max(1, Math.round(sustained / 2));
    console.log(`admissions sustained ${Math.round(sustained)}/s with ${CONNECTIONS} in flight; half load ${rate}/s`);

    const round = async (): Promise<Latencies> => {
      const { rows: since } = await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(db);
      await paced('admissions at half load', url, {
        rate,
        seconds: SECONDS,
        connections: CONNECTIONS,
        method: 'POST',
        headers: HEADERS,
        body,
      });
      await settled();
      const { rows } = await sql<{ ms: number }>`
        SELECT extract(epoch FROM f.opened_at - o.created_at) * 1000 AS ms
        FROM classification.outbox o JOIN folio.folios f ON f.opened_by_event = o.id
        WHERE o.type = 'ppl.admitted' AND o.created_at >= ${since[0]!.now}
        ORDER BY 1`.execute(db);
      const ms = rows.map((r) => Number(r.ms));
      const at = (q: number) => Number(ms[Math.floor(q * (ms.length - 1))]!.toFixed(1));
      return { admitted: ms.length, rate, p50: at(0.5), p99: at(0.99), max: at(1) };
    };
    const runs = await alternate(
      ROUNDS,
      { 'half load': round },
      undefined,
      (l) => `${l.admitted} admissions, p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms`,
    );
    const p99 = spread(runs['half load'].map((l) => l.p99));
    const p50 = spread(runs['half load'].map((l) => l.p50));
    report({
      bench: 'Event latency admission → Folio open (PLT-15)',
      command: `pnpm bench:events --rounds ${ROUNDS} --seconds ${SECONDS} --connections ${CONNECTIONS}`,
      figures: [
        {
          rule: 'PLT-15',
          what: `p99 from an admission's transaction to its Folio's opening, at half the sustained admission rate (${rate}/s of ${Math.round(sustained)}/s)`,
          candidate: `${fmt(p99, 1, 'ms')} (p50 ${fmt(p50, 1, 'ms')})`,
          baseline: '—',
          value: fmt(p99, 1, 'ms'),
          target: '< 100 ms',
          met: p99.median < 100,
          why:
            p99.median < 100
              ? undefined
              : 'the event goes outbox → relay → Redis → folio worker → folio transaction, four Node and database hops on cores the load shares',
        },
      ],
      notes: [
        `${ROUNDS} rounds of ${SECONDS} s of admissions paced (Poisson) at ${rate}/s straight to classification; latency from classification.outbox.created_at to folio.folios.opened_at (Postgres's clock; both are transaction start times).`,
      ],
    });
  } finally {
    await db.destroy();
    await suite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
