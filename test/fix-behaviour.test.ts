/**
 * The fixes change what the programs do under threads, and nothing else.
 * Small racy programs (test/fixtures-behaviour: a shared counter, a lazily
 * built cache, per-request data in a global) run under CPython with many
 * threads released together by a Barrier and `sys.setswitchinterval(1e-6)`,
 * before and after threadlint fixes them: the invariant each program prints
 * breaks before (tried a few times) and holds after (every time); run with a
 * single thread, the output is the same before and after.
 *
 * CPython's GIL only switches threads at a few points, so a bare `x += 1`
 * rarely loses an update; each program widens its racy region with
 * `time.sleep(0)` (in the read-modify-write's value, the cache's builder, the
 * request's work) so the race shows within a few runs.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { fixAll } from '../server/src/core/fixes/fixAll';
import { DEFAULT_SETTINGS } from '../server/src/core/types';

const run = promisify(execFile);
const DIR = join(__dirname, 'fixtures-behaviour');
const scratch = mkdtempSync(join(tmpdir(), 'threadlint-behaviour-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const python = spawnSync('python3', ['--version']).error ? null : 'python3';

interface Program {
  file: string;
  level: 'safe' | 'unsafe';
  /** The rule whose fix is exercised, and the fix applied. */
  code: string;
  fix: RegExp;
  /** Arguments: threads, work per thread. */
  args: [number, number];
}

const PROGRAMS: Program[] = [
  { file: 'counter.py', level: 'safe', code: 'TL006', fix: /^Guard `counter` update with `_counter_lock`$/, args: [8, 100] },
  { file: 'lazy_cache.py', level: 'safe', code: 'TL005', fix: /^Use double-checked locking for `_cache`/, args: [8, 100] },
  { file: 'request_global.py', level: 'unsafe', code: 'TL001', fix: /^Move `CURRENT_USER` to threading\.local/, args: [8, 100] },
];

async function output(path: string, args: number[]): Promise<string> {
  const { stdout } = await run(python!, [path, ...args.map(String)], { timeout: 20_000 });
  return stdout.trim();
}

const ok = (line: string) => /ok=True$/.test(line);

describe('fixed programs keep their invariant under threads', () => {
  for (const p of PROGRAMS) {
    test(`${p.file}: ${p.code} fixed; breaks before, holds after, same output single-threaded`, async (t) => {
      if (!python) {
        t.skip('python3 not available');
        return;
      }
      const before = join(scratch, `before_${p.file}`);
      const afterPath = join(scratch, p.file);
      copyFileSync(join(DIR, p.file), before);
      copyFileSync(join(DIR, p.file), afterPath);

      const fixed = await fixAll([{ path: afterPath }], { settings: DEFAULT_SETTINGS, workers: 0, level: p.level });
      const change = fixed.changed.get(afterPath);
      assert.ok(change, `${p.file}: nothing was fixed`);
      assert.deepEqual([...fixed.fixedByRule], [[p.code, 1]]);
      assert.deepEqual(fixed.result.findings, [], `${p.file}: findings remain after the fix`);
      writeFileSync(afterPath, change.after);
      // The fix applied is the one this program is about (what the editor would show first for this level).
      const first = await fixAll([{ path: before }], { settings: DEFAULT_SETTINGS, workers: 0, level: p.level, maxRounds: 0 });
      const offered = first.result.findings[0]?.fixes?.find((f) => f.isPreferred)?.title ?? '';
      assert.match(offered, p.fix);

      // Before: the invariant breaks (a few tries), after: it holds every time.
      let broke = false;
      const seen: string[] = [];
      for (let i = 0; i < 5 && !broke; i++) {
        const line = await output(before, p.args);
        seen.push(line);
        broke = !ok(line);
      }
      assert.ok(broke, `${p.file}: the race did not show in ${seen.length} runs: ${seen.join(' | ')}`);
      const runs = await Promise.all([1, 2, 3].map(() => output(afterPath, p.args)));
      for (const line of runs) assert.ok(ok(line), `${p.file} after the fix: ${line}\n${readFileSync(afterPath, 'utf8')}`);

      // One thread: the same output before and after.
      const [single, singleFixed] = await Promise.all([output(before, [1, 50]), output(afterPath, [1, 50])]);
      assert.ok(ok(single), single);
      assert.equal(singleFixed, single);
    });
  }
});
