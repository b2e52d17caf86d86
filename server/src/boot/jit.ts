/**
 * JIT settings for short batch runs (the CLI). A scan is over in seconds, and
 * much of a cold run's CPU time goes to V8's optimising compiler: every thread
 * has its own isolate and compiles the analysis for itself, and a large
 * visitor is compiled again each time new code reaches a path it had not seen
 * (measured on Django with two worker threads: ~1.9 s of TurboFan compile
 * time in a 3.3 s-CPU run, docs/benchmarks.md). Less inlining and two costly
 * optimisation passes turned off make each compile much cheaper and the scan
 * faster; a long-running process (the language server) keeps V8's defaults.
 *
 * V8 flags are per process, so worker threads started afterwards share them.
 * THREADLINT_V8_TUNING=0 keeps V8's defaults (for comparisons).
 */
import { setFlagsFromString } from 'node:v8';

export const BATCH_V8_FLAGS = ['--max-inlined-bytecode-size-cumulative=100', '--no-turbo-escape', '--no-turbo-loop-peeling'];

export function tuneForBatch(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.THREADLINT_V8_TUNING === '0') return false;
  for (const flag of BATCH_V8_FLAGS) setFlagsFromString(flag);
  return true;
}
