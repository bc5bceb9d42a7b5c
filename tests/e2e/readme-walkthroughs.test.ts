import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { startSuite, type RunningSuite } from '../support/suite';
import {
  BashSession,
  commandsOf,
  compare,
  expectedOf,
  placeholdersIn,
  walkthroughBlocks,
  type CommandOutput,
  type WalkCommand,
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
const blocks = walkthroughBlocks(README);
const settings: Record<string, string> = Object.assign({}, ...blocks.map((b) => b.settings ?? {}));
const READ_AGAIN_MS = 20_000;

/** What git sees as changed or new in the work tree. */
const workTree = () => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' });
const treeBefore = workTree();

let suite: RunningSuite;
let bash: BashSession;
const captured: Record<string, string> = {};
/** The blocks that ran through: each builds on the ones before it. */
const passed = new Set<number>();

beforeAll(async () => {
  rmSync(resolve(ROOT, '.data/walkthrough'), { recursive: true, force: true });
  // A setting a block adds goes to every service, as `.env` does; each reads only its own.
  suite = await startSuite({ classification: settings, folio: settings, visits: settings, discipline: settings }, {}, []);
  const { JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE } = suite.config;
  bash = new BashSession(ROOT, { ...process.env, ...settings, JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, NODE_ENV: 'development' });
  expect((await bash.run(PNPM_RUN_TSX)).exit).toBe(0);
}, 60_000);

/**
 * `pnpm --silent run <script> …` of a package.json script that is `tsx <file>` runs that file in
 * one Node process (`node --import tsx`), as pnpm would run it but without the two extra process
 * starts (pnpm's and tsx's own), which on two busy cores cost seconds per token; any other pnpm
 * command is pnpm's.
 */
const PNPM_RUN_TSX = String.raw`pnpm() {
  if [ "$1" = --silent ] && [ "$2" = run ] && [ -n "$3" ]; then
    local file
    file="$(node -p '/^tsx (\S+\.ts)$/.exec(require("./package.json").scripts[process.argv[1]] ?? "")?.[1] ?? ""' "$3")"
    if [ -n "$file" ]; then shift 3; node --import tsx "$file" "$@"; return; fi
  fi
  command pnpm "$@"
}`;
afterAll(async () => {
  await bash?.close();
  await suite?.close();
});

/** A command as the reader types it here: the suite's address, and what earlier answers gave for each placeholder. */
function prepared(c: WalkCommand): string {
  const text = c.text.replaceAll('localhost:3000', new URL(suite.url).host);
  const missing = placeholdersIn(text).filter((p) => !(p in captured));
  if (missing.length > 0) throw new Error(`No earlier answer gave ${missing.map((p) => `<${p}>`).join(', ')} for: ${c.text}`);
  return text.replace(/<([a-z][a-z ]*[a-z])>/g, (_, p: string) => captured[p]!);
}

/** Why an output is not what the README says (empty when it is), and what it captured. */
function check(c: WalkCommand, out: CommandOutput): { problems: string[]; captures: Record<string, string> } {
  const problems: string[] = [];
  let captures: Record<string, string> = {};
  if (out.exit !== 0) problems.push(`exit ${out.exit}: ${out.stderr.slice(-500)}`);
  const expected = expectedOf(c.answer);
  out.calls.forEach(({ status, body }, i) => {
    const last = i === out.calls.length - 1;
    const wanted = last && expected.status ? `${expected.status}` : '2xx';
    if (last && expected.status ? status !== expected.status : status < 200 || status > 299) {
      problems.push(`curl #${i + 1} answered ${status} (the README expects ${wanted}): ${body.slice(0, 500)}`);
    }
  });
  const answer = out.calls.at(-1);
  if (expected.body !== undefined && answer) {
    let json: unknown;
    try {
      json = JSON.parse(answer.body);
    } catch {
      problems.push(`the answer is not JSON: ${answer.body.slice(0, 300)}`);
    }
    if (json !== undefined) {
      const r = compare(expected.body, json);
      problems.push(...r.differences.map((d) => `${d} (answer: ${answer.body.slice(0, 300)})`));
      captures = r.captures;
    }
  }
  for (const [, file] of c.text.matchAll(/\s-o\s+(\S+)/g)) {
    const path = resolve(ROOT, file!);
    const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    if (size === 0) problems.push(`${file} was not written`);
    else if (path.endsWith('.pdf') && readFileSync(path).subarray(0, 5).toString() !== '%PDF-') problems.push(`${file} is not a PDF`);
  }
  return { problems, captures };
}

/** A read the reader may repeat: curl with no body and no other method. */
const isRead = (text: string) => /\bcurl\b/.test(text) && !/\s(-d|--data\S*|-X|--request|-T)\s/.test(text);

async function runCommand(c: WalkCommand): Promise<void> {
  const text = prepared(c);
  const until = Date.now() + (isRead(text) ? READ_AGAIN_MS : 0);
  for (;;) {
    const started = Date.now();
    const out = await bash.run(text);
    if (process.env.WALKTHROUGH_TIMES) console.log(`${Date.now() - started} ms: ${c.text.slice(0, 80)}`);
    const { problems, captures } = check(c, out);
    if (problems.length === 0) {
      Object.assign(captured, captures);
      return;
    }
    if (Date.now() > until) throw new Error(`README command:\n${c.text}\n→ ${problems.join('\n→ ')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

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
        for (const c of block.commands) await runCommand(c);
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
