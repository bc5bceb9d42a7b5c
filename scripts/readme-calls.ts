/**
 * `pnpm readme-calls "<README section>" [--gateway http://localhost:3000]`: runs the README's bash
 * blocks of one `##` section against a suite already running (`pnpm start`), as a reader would type
 * them in one shell, and checks each answer as the walk-through test does (the status its `→`
 * names, else a 2xx; every field it shows). Prints each command's time; exits 1 at the first that
 * answers otherwise. For the demo country: `pnpm readme-calls "A demo country: \`pnpm seed\`"`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BashSession, PNPM_RUN_TSX, Walkthrough, walkthroughBlocks } from '../tests/support/walkthrough';

const root = join(__dirname, '..');
const envFile = join(root, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { gateway: { type: 'string', default: 'http://localhost:3000' } },
});
const section = positionals[0];
const blocks = walkthroughBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
const chosen = blocks.filter((b) => b.section === section && b.commands.length > 0);
if (!section || chosen.length === 0) {
  console.error(`Usage: pnpm readme-calls "<section>"; sections with calls:\n${[...new Set(blocks.map((b) => b.section))].join('\n')}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const bash = new BashSession(root, { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' });
  let failed = false;
  try {
    if ((await bash.run(PNPM_RUN_TSX)).exit !== 0) throw new Error('bash did not take the pnpm shortcut');
    const reader = new Walkthrough(bash, root, values.gateway, {
      readAgainMs: 0,
      timed: (ms, c) => console.log(`${String(ms).padStart(6)} ms  ${c.text.split('\n')[0]!.slice(0, 110)}`),
    });
    for (const c of chosen.flatMap((b) => b.commands)) await reader.run(c);
  } catch (err) {
    console.error((err as Error).message);
    failed = true;
  } finally {
    await bash.close();
  }
  process.exit(failed ? 1 : 0);
}

void main();
