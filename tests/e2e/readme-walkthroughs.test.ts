import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { startSuite, type RunningSuite } from '../support/suite';
import {
  BashSession,
  commandsOf,
  compare,
  DEMO_COUNTRY,
  expectedOf,
  PNPM_RUN_TSX,
  Walkthrough,
  walkthroughBlocks,
} from '../support/walkthrough';

/**
 * Issue 9, "a new user's first ten minutes": every walk-through of the README, run as a reader
 * would type it — in one bash session from the repo's root, `pnpm … token` and `bank-file` included —
 * against the whole suite through its gateway (in this process, as the other end-to-end tests start
 * it, on a fresh database, with no establishment registered: the walk-through registers its own).
 *
 * - `localhost:3000` is the running gateway; a `<unit id>` is what the README's `→ {"id":"<unit id>",…}`
 *   captured from an earlier answer.
 * - Every curl must answer the status the README names, else a 2xx; every field the README shows
 *   in a `→ {…}` answer must be there with that value. A read (no body, no -X) that does not yet
 *   answer so is asked again for a while, as its reader would ("watch its progress").
 * - A block that appends `KEY=value` to `.env` (and asks for a restart) is applied to the suite's
 *   settings and to the session's environment instead of the real `.env`.
 * - Files the walk-through writes go to the git-ignored `.data/walkthrough`; a PDF must be a PDF.
 *
 * `WALKTHROUGH_TIMES=1` prints how long each command took (minting tokens is most of it).
 */
const ROOT = resolve(__dirname, '../..');
const README = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
// The demo country's calls need a seeded database: tests/e2e/seed.test.ts runs them.
const blocks = walkthroughBlocks(README).filter((b) => b.section !== DEMO_COUNTRY);
const settings: Record<string, string> = Object.assign({}, ...blocks.map((b) => b.settings ?? {}));

/** What git sees as changed or new in the work tree. */
const workTree = () => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' });
const treeBefore = workTree();

let suite: RunningSuite;
let bash: BashSession;
let reader: Walkthrough;
/** The blocks that ran through: each builds on the ones before it. */
const passed = new Set<number>();

beforeAll(async () => {
  rmSync(resolve(ROOT, '.data/walkthrough'), { recursive: true, force: true });
  // A setting a block adds goes to every service, as `.env` does; each reads only its own.
  suite = await startSuite({ classification: settings, folio: settings, visits: settings, discipline: settings }, {}, []);
  const { JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE } = suite.config;
  bash = new BashSession(ROOT, { ...process.env, ...settings, JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, NODE_ENV: 'development' });
  expect((await bash.run(PNPM_RUN_TSX)).exit).toBe(0);
  const timed = process.env.WALKTHROUGH_TIMES
    ? (ms: number, c: { text: string }) => console.log(`${ms} ms: ${c.text.slice(0, 80)}`)
    : undefined;
  reader = new Walkthrough(bash, ROOT, suite.url, { timed });
}, 60_000);

afterAll(async () => {
  await bash?.close();
  await suite?.close();
});

describe('PLT-11 every README walk-through runs as written against the running suite', () => {
  it('PLT-11 the README has the walk-throughs this test runs, each command with its expected answers readable', () => {
    expect(blocks.map((b) => b.section)).toEqual(
      expect.arrayContaining([
        'A first call',
        "A paymaster's day (folio)",
        'The establishment and its board (classification)',
        'A visit day (visits)',
        'Intimate visits, lawyers and officials (visits)',
        'A VIVIF video visit (visits)',
        'A disciplinary case (discipline)',
        'The council secretary: a grave case (discipline)',
        'A month of the JETEE (discipline)',
      ]),
    );
    expect(settings).toEqual({ RECAUDO_REFERENCE_LAYOUT: expect.any(String), VIVIF_JITSI_SECRET: expect.any(String) });
    for (const b of blocks) for (const c of b.commands) expect(() => expectedOf(c.answer)).not.toThrow();
  });

  // One test per block, in the README's order: each builds on the ones before (the person admitted, the Folio, the tokens).
  it.each(blocks.filter((b) => b.commands.length > 0).map((b, i) => [i + 1, b.section, b] as const))(
    'PLT-11 walk-through block %i (%s): every command answers as the README says',
    async (i, _section, block) => {
      const earlier = Array.from({ length: i - 1 }, (_, k) => k + 1).filter((k) => !passed.has(k));
      try {
        for (const c of block.commands) await reader.run(c);
      } catch (err) {
        if (earlier.length === 0) throw err;
        throw new Error(
          `${(err as Error).message}\n(blocks ${earlier.join(', ')} before it did not run through, and this one builds on them)`,
        );
      }
      passed.add(i);
    },
    120_000,
  );

  it('PLT-11 when the walk-throughs have run then what they wrote is in .data/walkthrough, out of the git tree', () => {
    expect(statSync(resolve(ROOT, '.data/walkthrough/extracto.pdf')).size).toBeGreaterThan(1_000);
    expect(workTree()).toBe(treeBefore);
  });
});

describe('PLT-11 the README reader', () => {
  it('PLT-11 when a command spans lines and quotes then it is one command, and a → comment is its expected answer', () => {
    const cmds = commandsOf(
      [
        `TOKEN=$(pnpm --silent run token --role dg)   # a token`,
        `curl -s x/units -d '{"a":1,`,
        `  "b":"#2"}'`,
        `# → 201 {"id":"<unit id>",…,"n":{"c":1}}`,
        `curl -s x/units/<unit id> \\`,
        `  -H 'a: b'   # → {"id":"<unit id>"}`,
      ].join('\n'),
    );
    expect(cmds).toEqual([
      { text: 'TOKEN=$(pnpm --silent run token --role dg)' },
      { text: `curl -s x/units -d '{"a":1,\n  "b":"#2"}'`, answer: '201 {"id":"<unit id>",…,"n":{"c":1}}' },
      { text: `curl -s x/units/<unit id> \\\n  -H 'a: b'`, answer: '{"id":"<unit id>"}' },
    ]);
    expect(expectedOf(cmds[1]!.answer)).toEqual({ status: 201, body: { id: '<unit id>', n: { c: 1 } } });
    expect(compare({ id: '<unit id>', n: { c: 1 } }, { id: 'u-1', n: { c: 2, d: 3 } })).toEqual({
      differences: ['$.n.c: expected 1, got 2'],
      captures: { 'unit id': 'u-1' },
    });
    expect(expectedOf('a receipt, and what remains')).toEqual({});
  });
});
