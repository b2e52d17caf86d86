/**
 * The extension manifest (package.json) agrees with the code: every command
 * the client registers is contributed with a title and the "threadlint"
 * category (and none is contributed that the client lacks), every setting has
 * a scope and a description, the severity schema lists every rule code, and
 * .vscodeignore ships only what the extension runs (the e2e test checks the
 * packaged .vsix itself).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../server/src/core/rules';
import { SEVERITIES } from '../server/src/core/types';

const ROOT = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const extensionSource = readFileSync(join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');

/** The command ids in the client's `Commands` table (the client cannot be imported outside VS Code). */
function clientCommands(): string[] {
  const table = /export const Commands = \{([^}]*)\}/.exec(extensionSource);
  assert.ok(table, 'client/src/extension.ts defines `export const Commands = { ... }`');
  return [...table[1].matchAll(/'(threadlint\.[A-Za-z]+)'/g)].map((m) => m[1]);
}

describe('extension manifest', () => {
  test('main is the bundled client and the server starts from dist/server.js', () => {
    assert.equal(pkg.main, './dist/extension.js');
    assert.match(extensionSource, /asAbsolutePath\('dist\/server\.js'\)/);
    assert.match(readFileSync(join(ROOT, 'scripts', 'build.mjs'), 'utf8'), /client\/src\/extension\.ts/);
  });

  test('the client registers exactly the contributed commands, each titled and categorised', () => {
    const contributed = pkg.contributes.commands as { command: string; title: string; category: string }[];
    assert.deepEqual(contributed.map((c) => c.command).sort(), clientCommands().sort());
    for (const c of contributed) {
      assert.equal(c.category, 'threadlint', c.command);
      assert.ok(c.title.length > 0, c.command);
    }
  });

  test('activates on Python files and on every command', () => {
    const events: string[] = pkg.activationEvents;
    assert.ok(events.includes('onLanguage:python'));
    for (const command of clientCommands()) assert.ok(events.includes(`onCommand:${command}`), command);
  });

  test('every setting has a type, a default, a scope and a description', () => {
    const properties: Record<string, Record<string, unknown>> = pkg.contributes.configuration.properties;
    const expected = [
      'threadlint.enable',
      'threadlint.select',
      'threadlint.ignore',
      'threadlint.severity',
      'threadlint.exclude',
      'threadlint.framework',
      'threadlint.diagnosticsDelay',
      'threadlint.trace.server',
    ];
    assert.deepEqual(Object.keys(properties).sort(), expected.sort());
    for (const [key, schema] of Object.entries(properties)) {
      assert.ok(schema.type, `${key}: type`);
      assert.ok('default' in schema, `${key}: default`);
      assert.equal(schema.scope, key === 'threadlint.trace.server' ? 'window' : 'resource', `${key}: scope`);
      assert.ok(schema.description || schema.markdownDescription, `${key}: description`);
    }
    assert.equal(properties['threadlint.diagnosticsDelay'].default, 150);
    assert.deepEqual(properties['threadlint.framework'].enum, ['auto', 'django', 'flask', 'none']);
  });

  test('the severity setting lists every rule code with the four severities', () => {
    const schema = pkg.contributes.configuration.properties['threadlint.severity'];
    assert.deepEqual(Object.keys(schema.properties).sort(), RULES.map((r) => r.code).sort());
    for (const level of Object.values(schema.properties) as { enum: string[] }[]) assert.deepEqual(level.enum, [...SEVERITIES]);
    assert.deepEqual(schema.additionalProperties.enum, [...SEVERITIES], 'rule names are accepted as keys too');
  });

  test('works in untrusted workspaces (it never runs workspace code), not in virtual ones (it reads files from disk)', () => {
    assert.deepEqual(pkg.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: false });
  });

  test('.vscodeignore leaves everything out but the files the extension runs', () => {
    const lines = readFileSync(join(ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**', 'the first pattern excludes everything');
    const shipped = lines.slice(1);
    for (const line of shipped) assert.ok(line.startsWith('!'), `after **, only re-inclusions: ${line}`);
    for (const needed of ['!package.json', '!dist/extension.js', '!dist/server.js', '!dist/server.bundle.js', '!dist/worker.js', '!dist/worker.bundle.js', '!dist/tree-sitter.wasm', '!dist/tree-sitter-python.wasm']) {
      assert.ok(shipped.includes(needed), `.vscodeignore does not ship ${needed.slice(1)}`);
    }
    for (const line of shipped) {
      assert.doesNotMatch(line, /^!(client|server|test|examples|bench|node_modules|scripts)\b|\.map$|\.ts$/, `ships sources or maps: ${line}`);
    }
  });
});
