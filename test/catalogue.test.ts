/**
 * The rule catalogue is consistent everywhere a rule must appear: the
 * registry (unique TLnnn codes, kebab-case names), its documentation page
 * (title and the fixed headings, in order), its fixtures (a bad_ file that
 * expects the rule, an ok_ file) and the SARIF rule table.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { sarifRuleTable } from '../server/src/core/report/sarif';
import { RULES } from '../server/src/core/rules';
import { SEVERITIES } from '../server/src/core/types';
import { FIXTURES_DIR, parseMarkers, pythonFiles } from './helpers/fixtures';

const DOCS_DIR = join(__dirname, '..', 'docs', 'rules');

/** The `##` headings every rule page has, in this order (other headings may sit between them). */
const DOC_HEADINGS = [
  'What it does',
  'Why is this bad?',
  'Example',
  'Use instead',
  'Known limits',
  'Fix',
  'References',
] as const;

describe('rule registry', () => {
  test('codes are unique and look like TL000', () => {
    const codes = RULES.map((r) => r.code);
    for (const code of codes) assert.match(code, /^TL\d{3}$/);
    assert.equal(new Set(codes).size, codes.length, `duplicate codes in ${codes.join(', ')}`);
  });

  test('names are unique and kebab-case', () => {
    const names = RULES.map((r) => r.name);
    for (const name of names) assert.match(name, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
    assert.equal(new Set(names).size, names.length, `duplicate names in ${names.join(', ')}`);
  });

  test('every rule has a known default severity and a one-sentence summary', () => {
    for (const rule of RULES) {
      assert.ok(SEVERITIES.includes(rule.severity), `${rule.code}: severity ${rule.severity}`);
      assert.ok(rule.summary.trim().length > 0 && /\.$/.test(rule.summary.trim()), `${rule.code}: summary should be a sentence`);
    }
  });
});

describe('rule documentation', () => {
  for (const rule of RULES) {
    test(`docs/rules/${rule.name}.md has the title and the standard headings in order`, () => {
      const file = join(DOCS_DIR, `${rule.name}.md`);
      assert.ok(existsSync(file), `missing docs/rules/${rule.name}.md`);
      const lines = readFileSync(file, 'utf8').split(/\r?\n/);
      const title = lines.find((l) => l.trim() !== '');
      assert.equal(title?.trim(), `# ${rule.name} (${rule.code})`, `docs/rules/${rule.name}.md: first line must be the title`);
      const headings = lines.filter((l) => /^##\s/.test(l)).map((l) => l.replace(/^##\s+/, '').trim());
      for (const h of DOC_HEADINGS) {
        const count = headings.filter((x) => x === h).length;
        assert.equal(count, 1, `docs/rules/${rule.name}.md: expected one "## ${h}" heading, found ${count}`);
      }
      const order = headings.filter((h) => (DOC_HEADINGS as readonly string[]).includes(h));
      assert.deepEqual(order, [...DOC_HEADINGS], `docs/rules/${rule.name}.md: headings out of order`);
    });
  }

  test('no page documents a rule that is not registered (README.md is the index)', () => {
    if (!existsSync(DOCS_DIR)) return;
    const names = new Set(RULES.map((r) => `${r.name}.md`));
    const stray = readdirSync(DOCS_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md' && !names.has(f));
    assert.deepEqual(stray, [], 'docs/rules pages without a rule');
  });
});

describe('rule fixtures', () => {
  for (const rule of RULES) {
    test(`test/fixtures/${rule.name} has a bad_ file expecting ${rule.code} and an ok_ file`, () => {
      const dir = join(FIXTURES_DIR, rule.name);
      assert.ok(existsSync(dir), `missing test/fixtures/${rule.name}/`);
      const files = pythonFiles(dir);
      const bad = files.filter((f) => basename(f).startsWith('bad_'));
      const ok = files.filter((f) => basename(f).startsWith('ok_'));
      assert.ok(
        bad.some((f) => parseMarkers(readFileSync(f, 'utf8')).some((m) => m.code === rule.code)),
        `test/fixtures/${rule.name}: no bad_*.py with a "# expect: ${rule.code}" marker`,
      );
      assert.ok(ok.length > 0, `test/fixtures/${rule.name}: no ok_*.py`);
    });
  }
});

describe('SARIF rule table', () => {
  test('lists every rule with id, name, description, help URI and default level', () => {
    const table = sarifRuleTable();
    const levelFor = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
    assert.equal(table.length, RULES.length, 'one SARIF rule per registered rule');
    for (const rule of RULES) {
      const entry = table.find((r) => r.id === rule.code);
      assert.ok(entry, `${rule.code} missing from the SARIF rule table`);
      assert.equal(entry.name, rule.name, `${rule.code}: name`);
      assert.equal(typeof entry.shortDescription?.text, 'string', `${rule.code}: shortDescription.text`);
      assert.ok(entry.shortDescription.text.trim().length > 0, `${rule.code}: empty shortDescription.text`);
      assert.ok(entry.helpUri.endsWith(`docs/rules/${rule.name}.md`), `${rule.code}: helpUri ${entry.helpUri}`);
      assert.equal(entry.defaultConfiguration?.level, levelFor[rule.severity], `${rule.code}: defaultConfiguration.level`);
    }
  });
});
