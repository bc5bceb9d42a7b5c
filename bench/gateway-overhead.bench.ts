/**
 * PLT-13 (last sentence): the gateway adds under 1 ms at p50. The same authenticated read —
 * GET /api/v1/folio/accounts/{nui} — straight to folio and through the gateway, in one run, on
 * the real processes. Prints p50/p99 of both and the difference and ratio. `pnpm bench`.
 */
import { bearer } from '@eron/shared/testing';
import { latency, measure, startSuiteProcesses, table } from './support';

const PORTS = { gateway: 4100, classification: 4101, folio: 4102 };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

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
    // Latency with one connection (no queueing: what one request costs); throughput saturated.
    const single = [
      await latency('one at a time, direct', targets.direct, headers),
      await latency('one at a time, gateway', targets.gateway, headers),
    ];
    const load = [
      await measure('saturated, direct', targets.direct, headers, SECONDS, 16),
      await measure('saturated, gateway', targets.gateway, headers, SECONDS, 16),
    ];
    table([...single, ...load]);
    const added = single[1]!.p50 - single[0]!.p50;
    console.log(`gateway adds ${added.toFixed(3)} ms at p50 (PLT-13 target < 1 ms: ${added < 1 ? 'met' : 'NOT met'})`);
    console.log(
      `throughput through the gateway / direct = ${(load[1]!.rps / load[0]!.rps).toFixed(2)} (PLT-13 target ≥ 0.80: ${load[1]!.rps / load[0]!.rps >= 0.8 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await suite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
