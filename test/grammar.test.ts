/**
 * The TextMate injection grammar for pragmas (syntaxes/threadlint-pragma.tmLanguage.json):
 * it is registered in package.json, every regex compiles, and a small
 * tokenizer (top-level patterns, then the patterns of each capture) run on
 * sample comments gives the expected scopes to the directive words and the
 * rule codes. The grammar keeps to syntax that JavaScript's RegExp shares
 * with Oniguruma, so plain RegExp with the `d` flag stands in for VS Code's
 * engine here.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = join(__dirname, '..');
const GRAMMAR_PATH = join(ROOT, 'syntaxes', 'threadlint-pragma.tmLanguage.json');

interface Capture {
  name?: string;
  patterns?: Pattern[];
}
interface Pattern {
  include?: string;
  match?: string;
  name?: string;
  captures?: Record<string, Capture>;
  patterns?: Pattern[];
}
interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: Pattern[];
  repository: Record<string, Pattern>;
}

const grammar: Grammar = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8'));

/** A token: the text and the scopes the grammar gives it, outermost first. */
type Token = [text: string, scopes: string[]];

/** Flattens `include`s and nested `patterns` into the match patterns they stand for. */
function resolve(patterns: Pattern[]): Pattern[] {
  return patterns.flatMap((p) => {
    if (p.include) {
      assert.ok(p.include.startsWith('#'), `only repository includes are used, got ${p.include}`);
      const target = grammar.repository[p.include.slice(1)];
      assert.ok(target, `include ${p.include} names no repository entry`);
      return resolve([target]);
    }
    if (p.match) return [p];
    return resolve(p.patterns ?? []);
  });
}

/**
 * Tokenizes `text` the way a TextMate engine does for single-line `match`
 * rules: at each position the earliest match wins (ties: the first pattern);
 * unmatched text gets no scope of its own.
 */
function tokenize(text: string, patterns: Pattern[], outer: string[] = []): Token[] {
  const rules = resolve(patterns).map((p) => ({ p, re: new RegExp(p.match!, 'dg') }));
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    let best: { p: Pattern; m: RegExpExecArray } | undefined;
    for (const { p, re } of rules) {
      re.lastIndex = pos;
      const m = re.exec(text);
      if (m && m[0].length > 0 && (!best || m.index < best.m.index)) best = { p, m };
    }
    if (!best) break;
    const { p, m } = best;
    const scopes = p.name ? [...outer, p.name] : outer;
    let at = m.index;
    for (let group = 1; group < m.length; group++) {
      const span = m.indices![group];
      const capture = p.captures?.[String(group)];
      if (!span || !capture || span[0] === span[1]) continue;
      if (span[0] > at) tokens.push([text.slice(at, span[0]), scopes]);
      const inner = capture.name ? [...scopes, capture.name] : scopes;
      const captured = text.slice(span[0], span[1]);
      if (capture.patterns) tokens.push(...fillGaps(captured, tokenize(captured, capture.patterns, inner), inner));
      else tokens.push([captured, inner]);
      at = span[1];
    }
    const end = m.index + m[0].length;
    if (end > at) tokens.push([text.slice(at, end), scopes]);
    pos = end;
  }
  return tokens;
}

/** tokenize() skips unmatched text; inside a capture it keeps the capture's scopes. */
function fillGaps(text: string, tokens: Token[], scopes: string[]): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const token of tokens) {
    const start = text.indexOf(token[0], at);
    if (start > at) out.push([text.slice(at, start), scopes]);
    out.push(token);
    at = start + token[0].length;
  }
  if (at < text.length) out.push([text.slice(at), scopes]);
  return out;
}

/** The text of the tokens whose innermost scope starts with `prefix`. */
function scoped(tokens: Token[], prefix: string): string[] {
  return tokens.filter(([, scopes]) => scopes.at(-1)?.startsWith(prefix)).map(([text]) => text.trim());
}

const CODE = 'constant.language.rule-code.threadlint';
const NAME = 'support.constant.rule-name.threadlint';
const PRAGMA_WORD = 'keyword.other.pragma.threadlint';
const DIRECTIVE = 'keyword.control.directive.threadlint';

describe('pragma grammar', () => {
  test('is registered in package.json as an injection into source.python', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const entries = pkg.contributes?.grammars ?? [];
    const entry = entries.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
    assert.ok(entry, `no contributes.grammars entry for ${grammar.scopeName}`);
    assert.deepEqual(entry.injectTo, ['source.python']);
    assert.ok(existsSync(join(ROOT, entry.path)), `grammar path ${entry.path} does not exist`);
    assert.equal(join(ROOT, entry.path), GRAMMAR_PATH);
    assert.equal(grammar.injectionSelector, 'L:comment.line.number-sign.python');
  });

  test('every regex compiles as a JavaScript RegExp', () => {
    const all = [...grammar.patterns, ...Object.values(grammar.repository)];
    const matches = resolve(all).concat(
      Object.values(grammar.repository).flatMap((p) =>
        Object.values(p.captures ?? {}).flatMap((c) => resolve(c.patterns ?? [])),
      ),
    );
    assert.ok(matches.length >= 5);
    for (const p of matches) assert.doesNotThrow(() => new RegExp(p.match!, 'd'), p.match);
  });

  test('ignore[...] with codes and names', () => {
    const tokens = tokenize('# threadlint: ignore[TL002, shared-mutable-mutation]', grammar.patterns);
    assert.deepEqual(scoped(tokens, PRAGMA_WORD), ['threadlint']);
    assert.deepEqual(scoped(tokens, DIRECTIVE), ['ignore']);
    assert.deepEqual(scoped(tokens, CODE), ['TL002']);
    assert.deepEqual(scoped(tokens, NAME), ['shared-mutable-mutation']);
    assert.deepEqual(scoped(tokens, 'punctuation.definition.list'), ['[', ']']);
    for (const [text, scopes] of tokens) {
      if (text.includes('TL002')) assert.ok(scopes.includes('meta.pragma.threadlint'), 'codes sit inside the pragma');
    }
  });

  test('bare ignore and ignore-file, with and without codes', () => {
    assert.deepEqual(scoped(tokenize('# threadlint: ignore', grammar.patterns), DIRECTIVE), ['ignore']);
    assert.deepEqual(scoped(tokenize('# threadlint:ignore-file', grammar.patterns), DIRECTIVE), ['ignore-file']);
    const fileWide = tokenize('# threadlint: ignore-file[TL001,TL012]', grammar.patterns);
    assert.deepEqual(scoped(fileWide, DIRECTIVE), ['ignore-file']);
    assert.deepEqual(scoped(fileWide, CODE), ['TL001', 'TL012']);
  });

  test('a pragma after code-like text in the same comment', () => {
    const tokens = tokenize('# cache fill  # threadlint: ignore[TL005]  why: warmed at startup', grammar.patterns);
    assert.deepEqual(scoped(tokens, CODE), ['TL005']);
    assert.deepEqual(scoped(tokens, DIRECTIVE), ['ignore']);
  });

  test('noqa with comma- or space-separated codes, and bare', () => {
    assert.deepEqual(scoped(tokenize('# noqa: TL002, E501', grammar.patterns), CODE), ['TL002', 'E501']);
    assert.deepEqual(scoped(tokenize('# noqa: TL002 TL006 because of reasons', grammar.patterns), CODE), ['TL002', 'TL006']);
    const bare = tokenize('# noqa', grammar.patterns);
    assert.deepEqual(scoped(bare, PRAGMA_WORD), ['noqa']);
    assert.deepEqual(scoped(bare, CODE), []);
  });

  test('look-alikes are not highlighted', () => {
    for (const comment of [
      '# threadlint: ignored by design',
      '# threadlint: ignore_all',
      '# please ignore[TL002]',
      '# knoqa: TL002',
      '# TL002 is about shared dicts',
    ]) {
      const tokens = tokenize(comment, grammar.patterns);
      assert.deepEqual(scoped(tokens, CODE).concat(scoped(tokens, DIRECTIVE)), [], comment);
    }
  });
});
