/**
 * The entry scripts dist/cli.js, dist/server.js and dist/worker.js: each loads
 * its bundle (dist/<name>.bundle.js) through the V8 code cache (codeCache.ts).
 * The bundle's name and a hash of it are set at build time (scripts/build.mjs);
 * the CLI's entry also sets the JIT flags for batch runs (jit.ts) first.
 */
import { join } from 'node:path';
import { loadBundle } from './codeCache';
import { tuneForBatch } from './jit';

declare const THREADLINT_BUNDLE: string;
declare const THREADLINT_BUNDLE_ID: string;
/** True for the CLI: a batch run, which gets the JIT settings of jit.ts. */
declare const THREADLINT_BATCH: boolean;

if (THREADLINT_BATCH) tuneForBatch();
loadBundle(join(__dirname, THREADLINT_BUNDLE), module, THREADLINT_BUNDLE_ID);
