/**
 * Support for the robustness tests (fuzz.test.ts, workspace-robustness.test.ts):
 * a seeded PRNG, a `lint()` runner in a child process with a hang timer, the
 * built CLI, and the invariants every lint result must satisfy.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LintSettings, SourceInput } from '../../server/src/core/types';
import type { LintReply, LintRequest } from './lint-child';

export const REPO = join(__dirname, '..', '..');
export const CLI = join(REPO, 'dist', 'cli.js');

/** Per-file limit on the CPU time of one `lint()` call (CPU, not wall: the CI machines are shared and loaded). */
export const PER_FILE_CPU_MS = 5_000;
/** Wall-clock limit after which a `lint()` call counts as hung and its process is killed (THREADLINT_HANG_MS overrides it, to try the timer). */
export const HANG_MS = Number(process.env.THREADLINT_HANG_MS ?? 20_000);

/** mulberry32: a tiny, fast, seedable 32-bit PRNG (deterministic across platforms). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
}

/** Python-ish tokens the mutator and the token soup draw from: brackets, strings, keywords, odd whitespace. */
const TOKENS = [
  '(', ')', '[', ']', '{', '}', ':', ',', '.', '=', '+=', ':=', '->', '*', '**', '@', '\\', '...', '#', ';',
  '"', "'", '"""', "'''", 'f"{', '}"', 'b"\\x00"', 'r"\\', '0x', '1e', '1_000', '0.', 'j',
  'def', 'class', 'lambda', 'global', 'nonlocal', 'async', 'await', 'with', 'yield', 'return', 'if', 'elif',
  'else', 'for', 'while', 'try', 'except', 'finally', 'import', 'from', 'as', 'del', 'pass', 'match', 'case',
  'self', 'cls', 'request', 'CACHE', '__init__', 'threading.Lock()', 'threading.local()', 'os.environ', '.append(',
  '\n', '\n', '\n    ', '\n        ', '\n\t', '\t', ' ', '  ', '\r\n', '\r', '\f', '\v',
  'é', '𝔘', '\u200b', '\ufeff', '\u2028', 'ß', '中',
];

export function tokenSoup(rng: Rng): string {
  const n = 5 + rng.int(400);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    if (r < 0.7) parts.push(rng.pick(TOKENS));
    else if (r < 0.9) parts.push(`x${rng.int(50)}`);
    else parts.push(String(rng.int(1000)));
    if (rng.next() < 0.5) parts.push(' ');
  }
  return parts.join('');
}

/** 1 to 6 random edits that keep the file valid UTF-8 without NUL bytes (those get their own cases). */
export function mutate(rng: Rng, source: Buffer): Buffer {
  let s = source.toString('utf8');
  const edits = 1 + rng.int(6);
  for (let e = 0; e < edits; e++) {
    const at = rng.int(s.length + 1);
    switch (rng.int(8)) {
      case 0: // insert a token
        s = s.slice(0, at) + rng.pick(TOKENS) + s.slice(at);
        break;
      case 1: // delete a range
        s = s.slice(0, at) + s.slice(at + 1 + rng.int(64));
        break;
      case 2: {
        // duplicate a range elsewhere
        const len = 1 + rng.int(200);
        const to = rng.int(s.length + 1);
        s = s.slice(0, to) + s.slice(at, at + len) + s.slice(to);
        break;
      }
      case 3: // replace a character with a printable ASCII one
        s = s.slice(0, at) + String.fromCharCode(32 + rng.int(95)) + s.slice(at + 1);
        break;
      case 4: // a new line with random indentation
        s = `${s.slice(0, at)}\n${rng.pick(['', ' ', '   ', '    ', '\t', ' \t', '\t    ', '        '])}${s.slice(at)}`;
        break;
      case 5: {
        // swap two lines
        const lines = s.split('\n');
        const i = rng.int(lines.length);
        const j = rng.int(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        s = lines.join('\n');
        break;
      }
      case 6: {
        // re-indent one line with tabs
        const lines = s.split('\n');
        const i = rng.int(lines.length);
        lines[i] = lines[i].replace(/^( {4})+/, (m) => '\t'.repeat(m.length / 4));
        s = lines.join('\n');
        break;
      }
      default: // open a bracket or a string that never closes
        s = s.slice(0, at) + rng.pick(['(', '[', '{', '"""', "'", 'f"{']) + s.slice(at);
    }
  }
  return Buffer.from(s, 'utf8');
}

/** Builds dist/ when it is missing (a single test file run outside `npm test`). */
export function ensureBuilt(): void {
  if (existsSync(CLI) && existsSync(join(REPO, 'dist', 'server.js'))) return;
  const build = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node dist/cli.js ARGS` (optionally through a wrapper such as `setpriv ...`), killed after `timeout` ms. */
export function runCli(args: string[], cwd: string, options: { env?: Record<string, string>; wrapper?: string[]; timeout?: number; cli?: string } = {}): CliRun {
  const env = { ...process.env, ...options.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const command = [...(options.wrapper ?? []), process.execPath, options.cli ?? CLI, ...args];
  const start = performance.now();
  const r = spawnSync(command[0], command.slice(1), { cwd, env, encoding: 'utf8', timeout: options.timeout ?? 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: performance.now() - start };
}

/** `path: kind: reason` lines, as the text report (stdout) and the JSON report (stderr) print skipped files. */
export function problemLines(output: string): { path: string; kind: string; reason: string }[] {
  const out: { path: string; kind: string; reason: string }[] = [];
  for (const line of output.split('\n')) {
    const m = /^(.+?): (skipped|partial): (.+)$/.exec(line);
    if (m) out.push({ path: m[1], kind: m[2], reason: m[3] });
  }
  return out;
}

/** Describes a CLI run that crashed or hung, for assertion messages. */
export function describeRun(r: CliRun): string {
  return `status ${r.status}, signal ${r.signal}, ${Math.round(r.ms)} ms\n--- stdout\n${r.stdout.slice(0, 4000)}\n--- stderr\n${r.stderr.slice(0, 4000)}`;
}

/**
 * `lint()` in a child process (test/helpers/lint-child.ts), one request at a
 * time. A request that does not answer within HANG_MS kills the child (the
 * next request starts a fresh one) and resolves as a hang.
 */
export class LintChild {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 0;
  private pending: { id: number; resolve: (r: LintReply | { id: number; ok: false; error: string; hung?: boolean; wallMs: number; cpuMs: number }) => void } | undefined;
  private stderr = '';

  private start(): Promise<void> {
    const child = fork(join(__dirname, 'lint-child.ts'), [], {
      cwd: REPO,
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child = child;
    this.stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-8000);
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code, signal) => reject(new Error(`lint child exited before it was ready (${code ?? signal}):\n${this.stderr}`)));
    });
    child.on('message', (msg: LintReply | { ready: true }) => {
      if ('id' in msg && this.pending?.id === msg.id) {
        const p = this.pending;
        this.pending = undefined;
        p.resolve(msg);
      }
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) {
        this.child = undefined;
        this.ready = undefined;
      }
      const p = this.pending;
      if (p) {
        this.pending = undefined;
        p.resolve({ id: p.id, ok: false, error: `the process running lint() died (${code ?? signal}):\n${this.stderr}`, wallMs: 0, cpuMs: 0 });
      }
    });
    return ready;
  }

  async lint(inputs: SourceInput[], settings?: Partial<LintSettings>): Promise<LintReply & { hung?: boolean }> {
    this.ready ??= this.start();
    await this.ready;
    const child = this.child!;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        child.kill('SIGKILL');
        resolve({ id, ok: false, hung: true, error: `lint() did not answer within ${HANG_MS} ms`, wallMs: HANG_MS, cpuMs: NaN });
      }, HANG_MS);
      this.pending = {
        id,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      child.send({ id, inputs, settings } satisfies LintRequest);
    });
  }

  close(): void {
    this.child?.kill();
    this.child = undefined;
    this.ready = undefined;
  }
}
