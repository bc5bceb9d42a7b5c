import { performance } from 'node:perf_hooks';
import { bogotaToday } from '@eron/shared';
import { countryOf, ESTABLISHMENTS, person, VIVIF_DEVICES } from './country';
import { foliosOpen, seedDeposits, seedDepositors, SEED_REFERENCE_LAYOUT, seedShops } from './money';
import { seedPeople } from './people';
import { countAll, ledgerProblems, type Counts } from './counts';
import { seedCases, seedConductRatings } from './discipline';
import { each } from './progress';
import { seedRegimes, seedVisitors, seedVivif } from './visits';
import { seedStructure } from './structure';
import type { Seed } from './seed.types';
import { startWorld } from './world';

export interface SeedOptions {
  ppl: number;
  /** A smaller country for a quick test: the first n of the 132 establishments (VIVIF devices in proportion). */
  establishments?: number;
  /** Requests in flight at once (default 16). */
  concurrency?: number;
  /** One process per service, called over HTTP, rather than the four in this process (world.ts). */
  processes?: boolean;
  /** The services' settings (DATABASE_URL, REDIS_URL, …) over the environment and `.env`. */
  env: Record<string, unknown>;
  quiet?: boolean;
}

export interface SeedReport {
  seconds: number;
  /** Each phase's start (seconds after the seed's) and length; the services' three chains overlap. */
  phases: { phase: string; from: number; seconds: number }[];
  /** Rows per service table after the run. */
  counts: Counts;
  /** Where the ledger does not balance (empty when it does). */
  ledger: string[];
}

/** Fills the country through the services' own routes (see world.ts); what exists is skipped. */
export async function seedCountry(o: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const env = { LOG_LEVEL: 'warn', RECAUDO_REFERENCE_LAYOUT: SEED_REFERENCE_LAYOUT, ...o.env };
  const world = await startWorld(env, { processes: o.processes, sockets: o.concurrency ?? 16 });
  const phases: SeedReport['phases'] = [];
  let counts: Counts = {};
  let ledger: string[] = [];
  const country = countryOf(o.establishments);
  const seed: Seed = {
    world,
    country,
    persons: Array.from({ length: o.ppl }, (_, i) => person(i, country)),
    today: bogotaToday(),
    nui: new Map(),
    quiet: o.quiet ?? false,
    each: (phase, items, work, lanes) => each(phase, items, lanes ?? o.concurrency ?? 16, work, o.quiet),
  };
  const step = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    if (!o.quiet) process.stderr.write(`${phase}…\n`);
    const r = await work();
    phases.push({ phase, from: (t0 - started) / 1000, seconds: (performance.now() - t0) / 1000 });
    return r;
  };
  try {
    const structure = await step('structure', () => seedStructure(seed));
    await step('people', () => seedPeople(seed, structure));
    // Once everyone is placed, each service's part depends only on what that service learnt from
    // the events: the three run side by side, each phase waiting for the events it needs.
    const chains = await Promise.allSettled([
      (async () => {
        await step('folios', () => foliosOpen(seed));
        await step('depositors', () => seedDepositors(seed));
        await step('deposits', () => seedDeposits(seed));
        await step('shops', () => seedShops(seed));
      })(),
      (async () => {
        const areas = await step('visit regimes', () => seedRegimes(seed));
        await step('visitors', () => seedVisitors(seed, areas));
        await step('vivif', () => seedVivif(seed, Math.round((VIVIF_DEVICES * country.establishments.length) / ESTABLISHMENTS)));
      })(),
      (async () => {
        await step('cases', () => seedCases(seed));
        await step('conduct ratings', () => seedConductRatings(seed));
      })(),
    ]);
    for (const c of chains) if (c.status === 'rejected') throw c.reason;
    counts = await countAll(world);
    ledger = await ledgerProblems(world);
  } finally {
    await world.close();
  }
  return { seconds: (performance.now() - started) / 1000, phases, counts, ledger };
}
