import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
/**
 * The README's walk-throughs as data: its bash blocks, split into the commands a reader types, each
 * with what the README says it answers (`# → 201 {"id":"<unit id>",…}`). The walk-through test runs
 * them against the running suite (issue 9: "run every README walk-through in a test so it stays true").
 */

export interface WalkCommand {
  /** The command as written (continuation lines and multi-line quotes included, comments left out). */
  text: string;
  /** The `# → …` comment that follows it, if any. */
  answer?: string;
}

export interface WalkBlock {
  /** The `##` heading the block sits under. */
  section: string;
  commands: WalkCommand[];
  /** `KEY=value` lines a block appends to `.env` (settings the suite is restarted with), instead of commands. */
  settings?: Record<string, string>;
}

/** The README section whose calls need a seeded country (`pnpm seed`): the seed's test runs them, not the walk-through test. */
export const DEMO_COUNTRY = 'A demo country: `pnpm seed`';

/** Every ```bash block of the README that is a walk-through: all but the one that starts the suite (`scripts/up.sh`). Commands for a cluster are in ```sh blocks, which are not run here. */
export function walkthroughBlocks(readme: string): WalkBlock[] {
  const blocks: WalkBlock[] = [];
  let section = '';
  const lines = readme.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) section = line.slice(3).trim();
    if (line.trim() !== '```bash') continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    const code = body.join('\n');
    if (code.includes('scripts/up.sh')) continue;
    const commands = commandsOf(code);
    const settings = envSettings(commands);
    blocks.push(settings ? { section, commands: [], settings } : { section, commands });
  }
  return blocks;
}

/** A block made only of `echo 'KEY=value' >> .env` lines: the settings it adds, else undefined. */
function envSettings(commands: WalkCommand[]): Record<string, string> | undefined {
  const pairs = commands.map((c) => /^echo\s+'([A-Z_][A-Z0-9_]*)=([^']*)'\s*>>\s*\.env$/.exec(c.text.trim()));
  if (pairs.length === 0 || pairs.some((m) => !m)) return undefined;
  return Object.fromEntries(pairs.map((m) => [m![1]!, m![2]!]));
}

/**
 * The commands of a bash block as bash reads them: a command goes on while a quote is open or a
 * line ends in `\`; `#` outside quotes starts a comment. A comment holding `→` is the answer of
 * the command before it (on its line or on the lines after it).
 */
export function commandsOf(code: string): WalkCommand[] {
  const commands: WalkCommand[] = [];
  let current: string[] = [];
  let quote: "'" | '"' | undefined;
  for (const line of code.split('\n')) {
    let codePart = line;
    let comment: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quote === "'") {
        if (ch === "'") quote = undefined;
      } else if (ch === '\\') i++;
      else if (quote === '"') {
        if (ch === '"') quote = undefined;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
        codePart = line.slice(0, i);
        comment = line.slice(i);
        break;
      }
    }
    if (codePart.trim() !== '' || quote || current.length > 0) current.push(codePart.trimEnd());
    const continues = quote !== undefined || /\\$/.test(codePart.trimEnd());
    if (!continues && current.length > 0) {
      commands.push({ text: current.join('\n') });
      current = [];
    }
    if (comment?.includes('→') && commands.length > 0) {
      const last = commands[commands.length - 1]!;
      last.answer ??= comment.slice(comment.indexOf('→') + 1).trim();
    }
  }
  if (current.length > 0) commands.push({ text: current.join('\n') });
  return commands;
}

export interface Expected {
  /** The status the README names (`→ 201 …`), else any 2xx. */
  status?: number;
  /** The JSON the README shows, `…` left out: the answer must hold it (placeholders such as `"<unit id>"` are captured). */
  body?: unknown;
}

/** What a `→` comment promises: an optional status, then an optional JSON object with `…` for what is left out. */
export function expectedOf(answer: string | undefined): Expected {
  if (!answer) return {};
  const m = /^(\d{3})?\s*(\{.*)?/s.exec(answer)!;
  const out: Expected = m[1] ? { status: Number(m[1]) } : {};
  if (!m[2]) return out;
  const object = balanced(m[2]);
  const json = object.replace(/,\s*…/g, '').replace(/…\s*,?/g, '');
  try {
    out.body = JSON.parse(json);
  } catch {
    throw new Error(`The README's answer ${object} is not JSON once its "…" are left out: keep it so, the walk-through test reads it`);
  }
  return out;
}

/** The `{…}` at the start of a text, up to its matching brace (strings skipped). */
function balanced(text: string): string {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(0, i + 1);
  }
  return text;
}

/**
 * Compares an answer with what the README shows: every field shown must be there with that value
 * (objects partially, like toMatchObject); a value `"<name>"` is a placeholder whose value is
 * captured for later commands. Returns the differences (empty when it holds) and the captures.
 */
export function compare(expected: unknown, actual: unknown, path = '$'): { differences: string[]; captures: Record<string, string> } {
  const differences: string[] = [];
  const captures: Record<string, string> = {};
  const placeholder = typeof expected === 'string' ? /^<([^<>]+)>$/.exec(expected) : null;
  if (placeholder) {
    if (typeof actual === 'string' || typeof actual === 'number') captures[placeholder[1]!] = String(actual);
    else differences.push(`${path}: expected a value for <${placeholder[1]}>, got ${JSON.stringify(actual)}`);
  } else if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length < expected.length)
      differences.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    else expected.forEach((e, i) => merge(compare(e, actual[i], `${path}[${i}]`)));
  } else if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) differences.push(`${path}: expected an object, got ${JSON.stringify(actual)}`);
    else for (const [k, e] of Object.entries(expected)) merge(compare(e, (actual as Record<string, unknown>)[k], `${path}.${k}`));
  } else if (expected !== actual) differences.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  return { differences, captures };

  function merge(r: { differences: string[]; captures: Record<string, string> }): void {
    differences.push(...r.differences);
    Object.assign(captures, r.captures);
  }
}

/** The placeholders (`<unit id>`) a command still holds. */
export const placeholdersIn = (text: string): string[] => [...text.matchAll(/<([a-z][a-z ]*[a-z])>/g)].map((m) => m[1]!);

/** What one command printed: each curl's answer (body and status), the rest of stdout, and stderr. */
export interface CommandOutput {
  exit: number;
  calls: { status: number; body: string }[];
  stdout: string;
  stderr: string;
}

const CALL_END = /\n?@@http:(\d{3})@@\n/g;
const DONE = /@@done:(\d+)@@\n$/;

/**
 * One bash session, as a reader's terminal: variables set by one command are there for the next.
 * `curl` is wrapped so that each call also prints its HTTP status after its body.
 */
export class BashSession {
  private readonly proc: ChildProcessWithoutNullStreams;
  private stdout = '';
  private stderr = '';
  private waiting?: () => void;

  constructor(cwd: string, env: NodeJS.ProcessEnv) {
    this.proc = spawn('bash', ['--noprofile', '--norc'], { cwd, env });
    this.proc.stdout.on('data', (d: Buffer) => {
      this.stdout += d.toString('utf8');
      this.waiting?.();
    });
    this.proc.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString('utf8');
    });
    this.proc.on('exit', () => this.waiting?.());
    this.proc.stdin.write(`curl() { command curl --max-time 30 -w '\\n@@http:%{http_code}@@\\n' "$@"; }\n`);
  }

  /** Runs one command; its output once it is done, or an error after `ms`. */
  async run(command: string, ms = 60_000): Promise<CommandOutput> {
    this.stdout = '';
    this.stderr = '';
    this.proc.stdin.write(`${command}\nprintf '\\n@@done:%s@@\\n' "$?"\n`);
    const done = new Promise<void>((resolveDone, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no end after ${ms} ms of: ${command}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`)),
        ms,
      );
      this.waiting = () => {
        if (this.proc.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`bash ended (${this.proc.exitCode}) on: ${command}\nstderr: ${this.stderr}`));
          return;
        }
        if (!DONE.test(this.stdout)) return;
        clearTimeout(timer);
        this.waiting = undefined;
        resolveDone();
      };
      this.waiting();
    });
    await done;
    const exit = Number(DONE.exec(this.stdout)![1]);
    const out = this.stdout.replace(DONE, '');
    const calls: CommandOutput['calls'] = [];
    let rest = '';
    let from = 0;
    for (const m of out.matchAll(CALL_END)) {
      calls.push({ status: Number(m[1]), body: out.slice(from, m.index) });
      from = m.index + m[0].length;
    }
    rest = out.slice(from).replace(/^\n/, '');
    return { exit, calls, stdout: rest, stderr: this.stderr };
  }

  async close(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const closed = new Promise((r) => this.proc.once('close', r));
    this.proc.stdin.end('exit\n');
    await closed;
  }
}

/**
 * `pnpm --silent run <script> …` of a package.json script that is `tsx <file>` runs that file in
 * one Node process (`node --import tsx`), as pnpm would run it but without the two extra process
 * starts (pnpm's and tsx's own), which on two busy cores cost seconds per token; any other pnpm
 * command is pnpm's. Give it to the session before the walk-through's first command.
 */
export const PNPM_RUN_TSX = String.raw`pnpm() {
  if [ "$1" = --silent ] && [ "$2" = run ] && [ -n "$3" ]; then
    local file
    file="$(node -p '/^tsx (\S+\.ts)$/.exec(require("./package.json").scripts[process.argv[1]] ?? "")?.[1] ?? ""' "$3")"
    if [ -n "$file" ]; then shift 3; node --import tsx "$file" "$@"; return; fi
  fi
  command pnpm "$@"
}`;

/** A read the reader may repeat: curl with no body and no other method. */
const isRead = (text: string) => /\bcurl\b/.test(text) && !/\s(-d|--data\S*|-X|--request|-T)\s/.test(text);

export interface WalkthroughOptions {
  /** How long a read that does not yet answer as the README says is asked again ("watch its progress"). */
  readAgainMs?: number;
  /** Called with each command's time once it answered as the README says. */
  timed?: (ms: number, command: WalkCommand) => void;
}

/**
 * A reader going through README commands in one bash session against a running gateway:
 * `localhost:3000` becomes the gateway's address, a `<unit id>` what an earlier answer gave for it,
 * and each command must answer as its `→` comment says (the status it names, else a 2xx; every
 * field it shows, with that value). A file a command writes with `-o` must be there (a PDF a PDF).
 */
export class Walkthrough {
  /** What earlier answers gave for each placeholder. */
  readonly captured: Record<string, string> = {};

  constructor(
    private readonly bash: BashSession,
    private readonly root: string,
    private readonly gatewayUrl: string,
    private readonly options: WalkthroughOptions = {},
  ) {}

  /** Runs one command, asked again for a while if it is a read; throws with what differs from the README. */
  async run(c: WalkCommand): Promise<void> {
    const text = this.prepared(c);
    const until = Date.now() + (isRead(text) ? (this.options.readAgainMs ?? 20_000) : 0);
    for (;;) {
      const started = Date.now();
      const out = await this.bash.run(text);
      const { problems, captures } = this.check(c, out);
      if (problems.length === 0) {
        Object.assign(this.captured, captures);
        this.options.timed?.(Date.now() - started, c);
        return;
      }
      if (Date.now() > until) throw new Error(`README command:\n${c.text}\n→ ${problems.join('\n→ ')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** The command as the reader types it here. */
  private prepared(c: WalkCommand): string {
    const text = c.text.replaceAll('localhost:3000', new URL(this.gatewayUrl).host);
    const missing = placeholdersIn(text).filter((p) => !(p in this.captured));
    if (missing.length > 0) throw new Error(`No earlier answer gave ${missing.map((p) => `<${p}>`).join(', ')} for: ${c.text}`);
    return text.replace(/<([a-z][a-z ]*[a-z])>/g, (_, p: string) => this.captured[p]!);
  }

  /** Why an output is not what the README says (empty when it is), and what it captured. */
  private check(c: WalkCommand, out: CommandOutput): { problems: string[]; captures: Record<string, string> } {
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
      const path = resolve(this.root, file!);
      const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
      if (size === 0) problems.push(`${file} was not written`);
      else if (path.endsWith('.pdf') && readFileSync(path).subarray(0, 5).toString() !== '%PDF-') problems.push(`${file} is not a PDF`);
    }
    return { problems, captures };
  }
}
