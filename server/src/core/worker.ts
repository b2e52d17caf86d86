/**
 * Worker-thread entry (see pool.ts): loads the parser once, then answers
 * batches of file jobs, each with the options of its project, with their
 * summaries (or the reason a file was skipped).
 */
import { parentPort } from 'node:worker_threads';
import { analyzeFile, type FileJob, type FileJobOptions } from './analyzeFile';
import { createParser } from './parser';

async function main(): Promise<void> {
  const parser = await createParser();
  parentPort!.on('message', (msg: { id: number; jobs: FileJob[]; options: FileJobOptions }) => {
    const outcomes = msg.jobs.map((job) => analyzeFile(job, parser, msg.options));
    parentPort!.postMessage({ id: msg.id, outcomes });
  });
  parentPort!.postMessage({ ready: true });
}

void main();
