/**
 * How busy the machine is, from /proc/stat (Linux): shared by the benchmarks,
 * which wait for a quiet machine before each measurement because the machines
 * they run on are shared with other work.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Idle and total jiffies of all CPUs so far. */
export function readCpuTimes() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0);
  const total = f.slice(0, 8).reduce((s, x) => s + x, 0);
  return { idle, total };
}

/** Idle CPUs (0..nproc) over a short window. */
export async function idleCpus(ms = 400) {
  const a = readCpuTimes();
  await sleep(ms);
  const b = readCpuTimes();
  const total = b.total - a.total;
  return total > 0 ? ((b.idle - a.idle) / total) * availableParallelism() : availableParallelism();
}

/** Waits (up to `maxSeconds`) until at least 75 % of the CPUs are idle; returns the idle CPUs last seen. */
export async function waitForQuiet(maxSeconds) {
  const need = availableParallelism() * 0.75;
  const deadline = Date.now() + maxSeconds * 1000;
  let idle = await idleCpus();
  while (idle < need && Date.now() < deadline) {
    await sleep(1000);
    idle = await idleCpus();
  }
  return idle;
}
