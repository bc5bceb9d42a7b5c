/**
 * PLT-13 (last sentence): the gateway adds under 1 ms at p50. The same authenticated read —
 * GET /api/v1/folio/accounts/{nui} — straight to folio and through the gateway, on the real
 * processes: one request at a time (what a request costs, no queueing) and saturated with the same
 * client concurrency, direct and gateway alternating over the rounds (D G, G D, D G …). Prints the
 * medians with min–max; the added p50 is taken round by round. `pnpm bench [--rounds 3]
 * [--requests 3000] [--seconds 10] [--connections 16]`.
 */
import { parseArgs } from 'node:util';
import { bearer } from '@eron/shared/testing';
import { alternate, fmt, latency, port, measure, ratios, report, spread, startSuiteProcesses, type Measured } from './support';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    requests: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '10' },
    connections: { type: 'string', default: '16' },
  },
});
const ROUNDS = Number(flags.rounds);
const REQUESTS = Number(flags.requests);
const SECONDS = Number(flags.seconds);
const CONNECTIONS = Number(flags.connections);
const PORTS = { gateway: port(4100), classification: port(4101), folio: port(4102) };

async function main(): Promise<void> {
  const suite = await startSuiteProcesses(PORTS.gateway);
  try {
    const officer = { 'content-type': 'application/json', ...bearer(['gate_officer'], ['113']) };
    const { admissionRequest } = await import('../services/classification/test/admission.factory');
    const { registerEstablishments } = await import('../services/classification/test/support/establishments');
    await registerEstablishments(
      async (path, headers, body) => {
        const r = await fetch(`${suite.url(PORTS.gateway)}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
        return { status: r.status, body: await r.text() };
      },
      ['113'],
    );
    const res = await fetch(`${suite.url(PORTS.gateway)}/api/v1/classification/admissions`, {
      method: 'POST',
      headers: officer,
      body: JSON.stringify(admissionRequest()),
    });
    const { nui } = (await res.json()) as { nui: string };
    const path = `/api/v1/folio/accounts/${nui}`;
    const headers = bearer(['paymaster'], ['113']);
    for (let i = 0; i < 100 && (await fetch(`${suite.url(PORTS.folio)}${path}`, { headers })).status !== 200; i += 1)
      await new Promise((r) => setTimeout(r, 100));

    const targets = { direct: `${suite.url(PORTS.folio)}${path}`, gateway: `${suite.url(PORTS.gateway)}${path}` };
    const show = (m: Measured) => `${Math.round(m.rps)}/s, p50 ${m.p50} ms, p99 ${m.p99} ms`;
    // Latency with one connection (no queueing: what one request costs); throughput saturated.
    const single = await alternate(
      ROUNDS,
      {
        direct: () => latency('one at a time, direct', targets.direct, headers, REQUESTS),
        gateway: () => latency('one at a time, gateway', targets.gateway, headers, REQUESTS),
      },
      undefined,
      show,
    );
    const load = await alternate(
      ROUNDS,
      {
        direct: () => measure('saturated, direct', targets.direct, headers, SECONDS, CONNECTIONS),
        gateway: () => measure('saturated, gateway', targets.gateway, headers, SECONDS, CONNECTIONS),
      },
      undefined,
      show,
    );
    const p50 = (xs: Measured[]) => spread(xs.map((m) => m.p50));
    const added = spread(single.gateway.map((g, i) => g.p50 - single.direct[i]!.p50));
    const rps = (xs: Measured[]) => xs.map((m) => m.rps);
    const through = ratios(rps(load.gateway), rps(load.direct));
    report({
      bench: 'Gateway overhead (PLT-13)',
      command: `pnpm bench --rounds ${ROUNDS} --requests ${REQUESTS} --seconds ${SECONDS} --connections ${CONNECTIONS}`,
      figures: [
        {
          rule: 'PLT-13',
          what: 'time the gateway adds to a request at p50 (an authenticated read, one at a time)',
          candidate: fmt(p50(single.gateway), 3, 'ms'),
          baseline: fmt(p50(single.direct), 3, 'ms'),
          value: fmt(added, 3, 'ms'),
          target: '< 1 ms',
          met: added.median < 1,
          why:
            added.median < 1
              ? undefined
              : 'a second HTTP hop, a second JWT check and the proxy, on cores shared with the client and the service',
        },
        {
          rule: 'PLT-13',
          what: 'reads/s through the gateway against direct, saturated (the target is for purchases; shown for reference)',
          candidate: fmt(spread(rps(load.gateway)), 0, 'req/s'),
          baseline: fmt(spread(rps(load.direct)), 0, 'req/s'),
          value: fmt(through, 2),
          target: '≥ 0.80 (purchases)',
          met: null,
        },
      ],
      notes: [
        `${ROUNDS} rounds; ${REQUESTS} requests one at a time per contender and round (after 200 to warm up), then ${SECONDS} s saturated with ${CONNECTIONS} connections each.`,
      ],
    });
  } finally {
    await suite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
