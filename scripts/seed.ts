/**
 * `pnpm seed --ppl 100000 [--concurrency 16]`: fills a realistic country (PLT-11) — 132
 * establishments in six regions with their units, cells and places, PPL spread by legal status,
 * sex and security level, depositors and visitors, balances from bank deposits and shop
 * purchases, visit regimes and bookings, VIVIF devices, disciplinary cases and conduct ratings —
 * through the services' own routes, on the database and Redis of `.env` (or the environment).
 * Idempotent: what exists is skipped, so a second run adds nothing. See scripts/seed/.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedCountry } from './seed/index';

// The repo's `.env`, as the services read it (the real environment wins): the seed's own reads and
// the services it starts then use the same database, Redis and keys.
const envFile = join(__dirname, '..', '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

const { values } = parseArgs({
  options: {
    ppl: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
    processes: { type: 'boolean', default: false },
  },
});

const ppl = Number(values.ppl);
if (!Number.isInteger(ppl) || ppl < 0) {
  console.error('Usage: pnpm seed --ppl <N> [--concurrency <requests in flight>] [--processes]');
  process.exit(2);
}

seedCountry({ ppl, concurrency: Number(values.concurrency), processes: values.processes, env: {} })
  .then((r) => {
    for (const p of r.phases) console.log(`${p.phase.padEnd(20)} ${p.seconds.toFixed(1).padStart(7)} s  (from ${p.from.toFixed(1)} s)`);
    for (const [table, n] of Object.entries(r.counts)) console.log(`${table.padEnd(40)} ${n}`);
    console.log(r.ledger.length === 0 ? 'ledger: balanced' : `ledger: ${r.ledger.length} problems\n${r.ledger.slice(0, 20).join('\n')}`);
    console.log(`seeded ${ppl} PPL in ${r.seconds.toFixed(1)} s`);
    process.exit(r.ledger.length === 0 ? 0 : 1);
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
