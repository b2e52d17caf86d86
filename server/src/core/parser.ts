/**
 * Loads web-tree-sitter and the Python grammar once per thread and hands out
 * parsers. The two .wasm files are looked up beside the bundle (dist/) first,
 * then in node_modules, so the same code runs bundled and from sources.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

let ready: Promise<Language> | undefined;

function locate(file: string, fromPackage: () => string): string {
  const candidates = [join(__dirname, file), join(__dirname, '..', file)];
  for (const c of candidates) if (existsSync(c)) return c;
  return fromPackage();
}

/** Initialises the runtime and loads the Python grammar (idempotent). */
export function loadPython(): Promise<Language> {
  ready ??= (async () => {
    const runtime = locate('tree-sitter.wasm', () => require.resolve('web-tree-sitter/tree-sitter.wasm'));
    await Parser.init({ locateFile: () => runtime });
    // Read here rather than by path: web-tree-sitter would read a path through a dynamic import(),
    // which a bundle loaded from V8's code cache (boot/codeCache.ts) cannot always run.
    const grammar = locate('tree-sitter-python.wasm', () => join(dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm'));
    return Language.load(readFileSync(grammar));
  })();
  return ready;
}

export async function createParser(): Promise<Parser> {
  const language = await loadPython();
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
