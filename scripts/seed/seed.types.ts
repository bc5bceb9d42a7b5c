import type { Country, PersonPlan } from './country';
import type { World } from './world';

/** What every phase of the seed works with. */
export interface Seed {
  world: World;
  country: Country;
  /** Everyone the country holds at this size, person(0) … person(N-1). */
  persons: PersonPlan[];
  /** Bogotá's today: dates of acts, the bank file's collection date. */
  today: string;
  /** Runs `work` over items, `concurrency` at a time (or `lanes`), with a progress line per phase. */
  each<T>(phase: string, items: readonly T[], work: (item: T) => Promise<void>, lanes?: number): Promise<void>;
  quiet: boolean;
  /** NUI by person index, once admitted. */
  nui: Map<number, string>;
}
