/**
 * A child process that runs `lint()` (on its own main thread, `workers: 0`)
 * for one request at a time, sent over IPC by `LintChild` in robustness.ts.
 * Running it out of process lets the test kill a lint that hangs, which a
 * timer in the test's own thread could not do while `lint()` runs
 * synchronously, and keeps the main-thread stack size the CLI and the
 * language server have.
 */
import { lint } from '../../server/src/core/lint';
import { DEFAULT_SETTINGS, type LintSettings, type SourceInput } from '../../server/src/core/types';

export interface LintRequest {
  id: number;
  inputs: SourceInput[];
  settings?: Partial<LintSettings>;
}

export type LintReply =
  | { id: number; ok: true; result: Awaited<ReturnType<typeof lint>>; wallMs: number; cpuMs: number }
  | { id: number; ok: false; error: string; wallMs: number; cpuMs: number };

process.on('message', (msg: LintRequest) => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const elapsed = () => {
    const cpu = process.cpuUsage(cpu0);
    return { wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  lint(msg.inputs, { settings: { ...DEFAULT_SETTINGS, ...msg.settings }, workers: 0 }).then(
    (result) => process.send!({ id: msg.id, ok: true, result, ...elapsed() } satisfies LintReply),
    (err: unknown) =>
      process.send!({ id: msg.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err), ...elapsed() } satisfies LintReply),
  );
});
process.send!({ ready: true });
