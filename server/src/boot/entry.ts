/**
 * The entry scripts dist/cli.js, dist/server.js and dist/worker.js: each loads
 * its bundle (dist/<name>.bundle.js) through the V8 code cache (codeCache.ts).
 * The bundle's name and a hash of it are set at build time (scripts/build.mjs).
 */
import { join } from 'node:path';
import { loadBundle } from './codeCache';

declare const THREADLINT_BUNDLE: string;
declare const THREADLINT_BUNDLE_ID: string;

loadBundle(join(__dirname, THREADLINT_BUNDLE), module, THREADLINT_BUNDLE_ID);
