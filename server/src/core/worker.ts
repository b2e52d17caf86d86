/**
 * Worker-thread entry: loads the parser once, then answers batches of file
 * jobs with their summaries (or the reason a file was skipped).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, type FileJob, type FileJobOptions } from './analyzeFile';
import { createParser } from './parser';

const options = workerData as FileJobOptions;

async function main(): Promise<void> {
  const parser = await createParser();
  parentPort!.on('message', (msg: { id: number; jobs: FileJob[] }) => {
    const outcomes = msg.jobs.map((job) => analyzeFile(job, parser, options));
    parentPort!.postMessage({ id: msg.id, outcomes });
  });
  parentPort!.postMessage({ ready: true });
}

void main();
