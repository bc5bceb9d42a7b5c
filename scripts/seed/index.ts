import { performance } from 'node:perf_hooks';
import { bogotaToday } from '@eron/shared';
import { person } from './country';
import { seedAdmissions, seedPlacements, seedTreatment } from './people';
import { each } from './progress';
import { seedStructure } from './structure';
import type { Seed } from './seed.types';
import { startWorld } from './world';

export interface SeedOptions {
  ppl: number;
  /** Requests in flight at once (default 16). */
  concurrency?: number;
  /** The services' settings (DATABASE_URL, REDIS_URL, …) over the environment and `.env`. */
  env: Record<string, unknown>;
  quiet?: boolean;
}

export interface SeedReport {
  seconds: number;
  phases: { phase: string; seconds: number }[];
}

/** Fills the country through the services' own routes (see world.ts); what exists is skipped. */
export async function seedCountry(o: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const world = await startWorld({ LOG_LEVEL: 'warn', ...o.env });
  const phases: SeedReport['phases'] = [];
  const seed: Seed = {
    world,
    persons: Array.from({ length: o.ppl }, (_, i) => person(i)),
    today: bogotaToday(),
    nui: new Map(),
    each: (phase, items, work) => each(phase, items, o.concurrency ?? 16, work, o.quiet),
  };
  const step = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    if (!o.quiet) process.stderr.write(`${phase}…\n`);
    const r = await work();
    phases.push({ phase, seconds: (performance.now() - t0) / 1000 });
    return r;
  };
  try {
    const structure = await step('structure', () => seedStructure(seed));
    await step('admissions', () => seedAdmissions(seed));
    await step('placements', () => seedPlacements(seed, structure));
    await step('treatment', () => seedTreatment(seed));
  } finally {
    await world.close();
  }
  return { seconds: (performance.now() - started) / 1000, phases };
}
