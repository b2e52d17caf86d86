/**
 * The per-file job, shared by the worker threads and the in-thread path:
 * read (unless the text was given), refuse what is not Python source text,
 * parse, summarise, and free the tree.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Parser, Tree } from 'web-tree-sitter';
import { collect, NestingTooDeep, type CollectInput } from './analysis/collect';
import { SummaryCache } from './cache';
import { parseWithoutCommentRuns } from './commentRuns';
import type { ModelOptions } from './analysis/models';
import type { FileSummary } from './analysis/summary';

export interface FileJob {
  path: string;
  text?: string;
  module: string;
  isPackage: boolean;
  /** Set by a run with a summary cache for a file it has not read: the outcome then carries the file's cache key (SummaryCache.key). */
  cacheSalt?: string;
}

export type FileOutcome =
  | { ok: true; summary: FileSummary; key?: string }
  | { ok: false; reason: string };

export interface FileJobOptions extends ModelOptions {
  maxFileBytes: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Source text of a file, or the reason it is not analysed. */
export function readSource(path: string, maxBytes: number): { text: string } | { reason: string } {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return { reason: 'not a regular file' };
    size = st.size;
  } catch (e) {
    return { reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  if (size > maxBytes) return { reason: `file is larger than the ${Math.round(maxBytes / 1024)} KiB limit (${Math.round(size / 1024)} KiB)` };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  return decodeSource(bytes);
}

/** PEP 263: `# -*- coding: NAME -*-` on one of the first two lines. */
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
/** Names of Latin-1, which decodes every byte (Node's TextDecoder may not know all of them). */
export const LATIN1_NAMES = /^(latin-?1|iso-?8859-1|l1|cp819)$/;
export const UTF8_NAMES = /^utf-?8(-sig)?$/;

/** The encoding a coding comment declares, as written, or undefined. */
function declaredCoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(400, bytes.length));
  // Most files have none: a cheap first test before the lines are split.
  if (head.indexOf('coding') < 0) return undefined;
  return head.toString('latin1').split(/\r?\n|\r/, 2).map((line) => CODING.exec(line)?.[1]).find((name) => name !== undefined);
}

/** The encoding a PEP 263 coding comment declares, lower case with `-` for `_`, or undefined. */
export function codingOf(bytes: Uint8Array): string | undefined {
  return declaredCoding(bytes)?.toLowerCase().replace(/_/g, '-');
}

function decodeDeclared(bytes: Uint8Array, declared: string): { text: string } | { reason: string } {
  const name = declared.toLowerCase().replace(/_/g, '-');
  if (LATIN1_NAMES.test(name)) return { text: Buffer.from(bytes).toString('latin1') };
  try {
    return { text: new TextDecoder(name, { fatal: true }).decode(bytes) };
  } catch (e) {
    return { reason: /not supported/i.test(String(e)) ? `encoding ${declared} (from its coding comment) is not supported` : `not valid ${declared} (declared by its coding comment)` };
  }
}

export function decodeSource(bytes: Uint8Array): { text: string } | { reason: string } {
  if (bytes.includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  const declared = declaredCoding(bytes);
  // A coding comment other than UTF-8 wins, as in Python (GBK bytes may also happen to be valid UTF-8);
  // text not valid in it (or an encoding Node does not know) is tried as UTF-8 still.
  if (declared !== undefined && !UTF8_NAMES.test(declared.toLowerCase().replace(/_/g, '-'))) {
    const decoded = decodeDeclared(bytes, declared);
    if ('text' in decoded) return decoded;
  }
  try {
    let text = decoder.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    return declared !== undefined ? decodeDeclared(bytes, declared) : { reason: 'not valid UTF-8' };
  }
}

/**
 * The text the grammar reads: a lone CR ends a line for Python (and for LSP
 * clients) but not for tree-sitter, so it is read as LF. Same length, so
 * offsets and positions agree with the original text.
 */
export function forGrammar(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Summarises a parsed tree; what cannot be analysed becomes a reason, never an exception. */
export function summariseTree(tree: Tree, input: CollectInput, options: ModelOptions): FileOutcome {
  try {
    return { ok: true, summary: collect(tree, input, options) };
  } catch (e) {
    // A stack overflow is a RangeError too; any other RangeError is a bug to report as one.
    if (e instanceof NestingTooDeep || (e instanceof RangeError && /call stack/i.test(e.message))) return { ok: false, reason: 'nesting too deep to analyse' };
    return { ok: false, reason: `internal error while analysing: ${(e as Error).message}` };
  }
}

export function analyzeFile(job: FileJob, parser: Parser, options: FileJobOptions): FileOutcome {
  let text = job.text;
  if (text === undefined) {
    const read = readSource(job.path, options.maxFileBytes);
    if ('reason' in read) return { ok: false, reason: read.reason };
    text = read.text;
  } else if (text.length > options.maxFileBytes) {
    return { ok: false, reason: `file is larger than the ${Math.round(options.maxFileBytes / 1024)} KiB limit` };
  }
  const key = job.cacheSalt === undefined ? undefined : SummaryCache.key(job.cacheSalt, job.module, job.isPackage, text);
  text = forGrammar(text);
  const tree = parseWithoutCommentRuns(parser, text);
  if (!tree) return { ok: false, reason: 'the parser gave up on this file' };
  try {
    const outcome = summariseTree(tree, { path: job.path, module: job.module, isPackage: job.isPackage, source: text }, options);
    return outcome.ok && key !== undefined ? { ...outcome, key } : outcome;
  } finally {
    tree.delete();
  }
}
