/**
 * Worker threads for the per-file pass. A pool can outlive one `lint()` call:
 * the CLI starts one per scan and lends it to the `lint()` call of every
 * project, so each thread loads the parser and warms up once, not once per
 * project. Batches carry their options, so projects with other settings
 * share the same threads. One run at a time.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileJob, FileJobOptions, FileOutcome } from './analyzeFile';

/** Files per worker message: large enough to amortise messaging, small enough to balance load. */
const BATCH = 24;
/** Below this many files, starting workers costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 64;

interface Slot {
  worker: Worker;
  ready: boolean;
  busy: boolean;
}

interface Run {
  jobs: FileJob[];
  options: FileJobOptions;
  out: FileOutcome[];
  next: number;
  done: number;
  onProgress?: (done: number, total: number) => void;
  resolve: (out: FileOutcome[]) => void;
  reject: (error: Error) => void;
}

/**
 * The young generation of each worker thread's heap, in MB (Node's default is larger). Measured on
 * Django + stdlib with two workers, four alternating rounds on 2026-11-27: peak RSS 271–290 MB
 * (median ~281 MB) against 294–323 MB (~308 MB) with the default, wall and CPU time within noise
 * (docs/benchmarks.md, stop 26).
 */
const WORKER_YOUNG_GENERATION_MB = 24;

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private run: Run | undefined;
  private failed: Error | undefined;
  private closed = false;

  /** The worker script beside the bundle, when there is one (not when running from sources). */
  static script(): string | undefined {
    const script = join(__dirname, 'worker.js');
    return existsSync(script) ? script : undefined;
  }

  /**
   * Threads worth starting for `files` files: `wanted` when given, else THREADLINT_WORKERS when
   * set, else one per CPU (at most 8) from MIN_FILES_FOR_WORKERS files on; never more than there
   * are batches, and none without a worker script.
   */
  static countFor(files: number, wanted?: number): number {
    const env = process.env.THREADLINT_WORKERS;
    const n = wanted ?? (env !== undefined && /^\d+$/.test(env) ? Number(env) : files >= MIN_FILES_FOR_WORKERS ? Math.min(availableParallelism(), 8) : 0);
    return WorkerPool.script() ? Math.min(n, Math.ceil(files / BATCH)) : 0;
  }

  /** A pool sized for a run whose largest project has `largest` files to summarise, or undefined when no threads would pay. */
  static forFiles(largest: number): WorkerPool | undefined {
    const size = WorkerPool.countFor(largest);
    return size > 0 ? new WorkerPool(WorkerPool.script()!, size) : undefined;
  }

  /** The threads start with the first run, so a pool nothing needs (every file cached) costs nothing. */
  constructor(
    private readonly scriptPath: string,
    readonly size: number,
  ) {}

  /**
   * Starts the threads now rather than with the first run: the CLI does this as soon as the walk
   * of the folders has found enough files, so each thread loads its bundle and the parser while
   * the rest of the file list is being built.
   */
  startEarly(): void {
    if (!this.closed && !this.failed) this.start();
  }

  private start(): void {
    for (let i = this.slots.length; i < this.size; i++) {
      const slot: Slot = { worker: new Worker(this.scriptPath, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } }), ready: false, busy: false };
      slot.worker.on('message', (msg: { ready?: boolean; id?: number; outcomes?: FileOutcome[] }) => this.onMessage(slot, msg));
      slot.worker.on('error', (e) => this.fail(e));
      slot.worker.on('exit', (code) => {
        if (!this.closed && this.slots.includes(slot)) this.fail(new Error(`a worker thread exited (code ${code})`));
      });
      this.slots.push(slot);
    }
  }

  /** Summarises `jobs` on the pool's threads; outcomes in input order. */
  summarise(jobs: FileJob[], options: FileJobOptions, onProgress?: (done: number, total: number) => void): Promise<FileOutcome[]> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    if (this.run) return Promise.reject(new Error('the worker pool is busy'));
    if (jobs.length === 0) return Promise.resolve([]);
    this.start();
    return new Promise((resolve, reject) => {
      this.run = { jobs, options, out: new Array(jobs.length), next: 0, done: 0, onProgress, resolve, reject };
      for (const slot of this.slots) this.feed(slot);
    });
  }

  /** Stops the threads (and frees their memory); the next run starts new ones. */
  async release(): Promise<void> {
    if (this.run) throw new Error('the worker pool is busy');
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private feed(slot: Slot): void {
    const run = this.run;
    if (!run || !slot.ready || slot.busy || run.next >= run.jobs.length) return;
    const start = run.next;
    run.next = Math.min(run.jobs.length, start + BATCH);
    slot.busy = true;
    slot.worker.postMessage({ id: start, jobs: run.jobs.slice(start, run.next), options: run.options });
  }

  private onMessage(slot: Slot, msg: { ready?: boolean; id?: number; outcomes?: FileOutcome[] }): void {
    if (msg.ready) slot.ready = true;
    const run = this.run;
    if (msg.outcomes && msg.id !== undefined && run) {
      slot.busy = false;
      msg.outcomes.forEach((o, k) => (run.out[msg.id! + k] = o));
      run.done += msg.outcomes.length;
      run.onProgress?.(run.done, run.jobs.length);
      if (run.done === run.jobs.length) {
        this.run = undefined;
        run.resolve(run.out);
        return;
      }
    }
    this.feed(slot);
  }

  private fail(error: Error): void {
    if (this.failed || this.closed) return;
    this.failed = error;
    const run = this.run;
    this.run = undefined;
    void this.close();
    run?.reject(error);
  }
}
