/**
 * Report formatters on synthetic findings: the text layout and summary, the
 * statistics table, the JSON fields, the SARIF 2.1.0 shape (required fields,
 * 1-based regions, relative URIs, a complete rule table) and GitHub
 * workflow-command escaping.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { characterColumn, inCharacterColumns } from '../server/src/core/report/columns';
import { formatGithub, escapeData, escapeProperty } from '../server/src/core/report/github';
import { formatJson } from '../server/src/core/report/json';
import { formatSarif, sarifRuleTable, threadlintVersion } from '../server/src/core/report/sarif';
import { displayPath, formatStatistics, formatText, summaryLine } from '../server/src/core/report/text';
import { docsUrl, RULES } from '../server/src/core/rules';
import type { FileProblem, Finding, Severity } from '../server/src/core/types';

const cwd = '/proj';

function finding(code: string, path: string, line: number, character: number, extra: Partial<Finding> = {}): Finding {
  const rule = RULES.find((r) => r.code === code)!;
  return {
    code,
    rule: rule.name,
    severity: rule.severity,
    message: `message for ${code}`,
    path,
    range: { start: { line, character }, end: { line, character: character + 4 } },
    related: [],
    ...extra,
  };
}

const findings: Finding[] = [
  finding('TL002', '/proj/app/views.py', 2, 4, {
    message: 'CACHE is mutated in place',
    related: [
      { path: '/proj/app/state.py', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, message: 'CACHE is defined here' },
    ],
  }),
  finding('TL002', '/proj/app/views.py', 9, 0),
  finding('TL008', '/proj/app/middleware.py', 0, 8, { severity: 'information' }),
  finding('TL005', '/proj/dir with space/m.py', 4, 2, { severity: 'error' }),
  finding('TL009', '/elsewhere/tool.py', 1, 1, { severity: 'hint' }),
];

const problems: FileProblem[] = [
  { path: '/proj/bad.py', kind: 'skipped', reason: 'not valid UTF-8' },
  { path: '/proj/broken.py', kind: 'partial', reason: 'syntax error at line 3' },
];

describe('text', () => {
  test('one line per finding with relative paths and 1-based positions, problems, then a summary', () => {
    assert.equal(
      formatText(findings, problems, { cwd }),
      [
        'app/views.py:3:5: TL002 CACHE is mutated in place',
        'app/views.py:10:1: TL002 message for TL002',
        'app/middleware.py:1:9: TL008 message for TL008',
        'dir with space/m.py:5:3: TL005 message for TL005',
        '/elsewhere/tool.py:2:2: TL009 message for TL009',
        'bad.py: skipped: not valid UTF-8',
        'broken.py: partial: syntax error at line 3',
        'Found 5 findings (1 error, 2 warnings, 1 information, 1 hint) in 4 files.',
        '1 file skipped, 1 file analysed only in part.',
        '',
      ].join('\n'),
    );
  });

  test('no findings', () => {
    assert.equal(formatText([], [], { cwd }), 'All checks passed!\n');
    assert.equal(summaryLine([]), 'All checks passed!');
  });

  test('singular forms', () => {
    assert.equal(summaryLine([findings[1]]), 'Found 1 finding (1 warning) in 1 file.');
    assert.equal(summaryLine([findings[2]]), 'Found 1 finding (1 information) in 1 file.');
  });

  test('summary: false drops the summary lines only', () => {
    assert.equal(formatText([findings[1]], [problems[0]], { cwd, summary: false }), 'app/views.py:10:1: TL002 message for TL002\nbad.py: skipped: not valid UTF-8\n');
    assert.equal(formatText([], [], { cwd, summary: false }), '');
  });

  test('colour only when asked', () => {
    assert.doesNotMatch(formatText(findings, problems, { cwd }), /\x1b\[/);
    const coloured = formatText(findings, problems, { cwd, color: true });
    assert.match(coloured, /\x1b\[1mapp\/views\.py\x1b\[0m/);
    assert.equal(coloured.replace(/\x1b\[[0-9;]*m/g, ''), formatText(findings, problems, { cwd }));
  });

  test('statistics: count per rule code and name, most frequent first', () => {
    assert.equal(
      formatStatistics(findings),
      ['2  TL002  shared-mutable-mutation', '1  TL005  check-then-act', '1  TL008  long-lived-object-state', '1  TL009  process-wide-state-change', ''].join('\n'),
    );
    assert.equal(formatStatistics([]), '');
  });

  test('displayPath', () => {
    assert.equal(displayPath('/proj/a/b.py', '/proj'), 'a/b.py');
    assert.equal(displayPath('/other/b.py', '/proj'), '/other/b.py');
    assert.equal(displayPath('/proj2/b.py', '/proj'), '/proj2/b.py');
  });
});

describe('json', () => {
  const parsed = JSON.parse(formatJson(findings, problems, { cwd }));

  test('an array with one object per finding', () => {
    assert.ok(Array.isArray(parsed));
    assert.equal(parsed.length, findings.length);
  });

  test('fields', () => {
    assert.deepEqual(parsed[0], {
      code: 'TL002',
      rule: 'shared-mutable-mutation',
      severity: 'warning',
      message: 'CACHE is mutated in place',
      filename: '/proj/app/views.py',
      location: { row: 3, column: 5 },
      end_location: { row: 3, column: 9 },
      related: [{ filename: '/proj/app/state.py', location: { row: 1, column: 1 }, end_location: { row: 1, column: 6 }, message: 'CACHE is defined here' }],
      url: 'https://github.com/threadlint/threadlint/blob/main/docs/rules/shared-mutable-mutation.md',
    });
    assert.equal(parsed[3].severity, 'error');
    assert.deepEqual(parsed[1].related, []);
  });

  test('no findings: an empty array', () => {
    assert.equal(formatJson([], [], { cwd }).trim(), '[]');
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatSarif(findings, problems, { cwd }));
  const run = log.runs[0];

  test('top-level shape', () => {
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    assert.equal(run.tool.driver.name, 'threadlint');
    assert.match(run.tool.driver.informationUri, /^https:\/\//);
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    assert.equal(run.tool.driver.version, pkg.version);
    assert.equal(threadlintVersion(), pkg.version);
    assert.deepEqual(run.originalUriBaseIds, { ROOT: { uri: 'file:///proj/' } });
  });

  test('the rule table lists every registered rule', () => {
    const table = sarifRuleTable();
    assert.deepEqual(table.map((r) => r.id), RULES.map((r) => r.code));
    assert.deepEqual(run.tool.driver.rules, table);
    for (const [i, entry] of table.entries()) {
      const rule = RULES[i];
      assert.equal(entry.name, rule.name);
      assert.equal(entry.shortDescription.text, rule.summary);
      assert.ok(entry.fullDescription.text.length > 0);
      assert.equal(entry.helpUri, docsUrl(rule));
      const expected: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
      assert.equal(entry.defaultConfiguration.level, expected[rule.severity]);
    }
  });

  test('results: rule id and index, level, message, 1-based region, relative URI', () => {
    assert.equal(run.results.length, findings.length);
    const first = run.results[0];
    assert.equal(first.ruleId, 'TL002');
    assert.equal(run.tool.driver.rules[first.ruleIndex].id, 'TL002');
    assert.equal(first.level, 'warning');
    assert.deepEqual(first.message, { text: 'CACHE is mutated in place' });
    assert.deepEqual(first.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'app/views.py', uriBaseId: 'ROOT' },
          region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 },
        },
      },
    ]);
    assert.deepEqual(first.relatedLocations, [
      {
        id: 1,
        message: { text: 'CACHE is defined here' },
        physicalLocation: {
          artifactLocation: { uri: 'app/state.py', uriBaseId: 'ROOT' },
          region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 6 },
        },
      },
    ]);
    assert.equal(run.results[1].relatedLocations, undefined);
  });

  test('levels: information and hint become note, error stays error', () => {
    assert.deepEqual(run.results.map((r: { level: string }) => r.level), ['warning', 'warning', 'note', 'error', 'note']);
  });

  test('URIs are percent-encoded; files outside the working folder get absolute file URIs', () => {
    assert.deepEqual(run.results[3].locations[0].physicalLocation.artifactLocation, { uri: 'dir%20with%20space/m.py', uriBaseId: 'ROOT' });
    assert.deepEqual(run.results[4].locations[0].physicalLocation.artifactLocation, { uri: 'file:///elsewhere/tool.py' });
  });

  test('every region is 1-based', () => {
    for (const result of run.results) {
      const region = result.locations[0].physicalLocation.region;
      assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endLine >= 1 && region.endColumn >= 1);
    }
  });

  test('skipped files become tool execution notifications', () => {
    assert.equal(run.invocations.length, 1);
    assert.equal(run.invocations[0].executionSuccessful, true);
    const notes = run.invocations[0].toolExecutionNotifications;
    assert.equal(notes.length, 2);
    assert.deepEqual(notes[0], {
      level: 'warning',
      message: { text: 'Skipped: not valid UTF-8' },
      descriptor: { id: 'skipped' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'bad.py', uriBaseId: 'ROOT' } } }],
    });
    assert.equal(notes[1].level, 'note');
  });

  test('no findings: an empty results array, the rule table still complete', () => {
    const empty = JSON.parse(formatSarif([], [], { cwd })).runs[0];
    assert.deepEqual(empty.results, []);
    assert.equal(empty.tool.driver.rules.length, RULES.length);
    assert.deepEqual(empty.invocations[0].toolExecutionNotifications, []);
  });
});

describe('github', () => {
  test('one annotation per finding; information and hint are notices', () => {
    const lines = formatGithub(findings, [], { cwd }).trimEnd().split('\n');
    assert.deepEqual(lines, [
      '::warning file=app/views.py,line=3,col=5,endLine=3,endColumn=9,title=TL002 shared-mutable-mutation::CACHE is mutated in place%0Aapp/state.py:1:1: CACHE is defined here',
      '::warning file=app/views.py,line=10,col=1,endLine=10,endColumn=5,title=TL002 shared-mutable-mutation::message for TL002',
      '::notice file=app/middleware.py,line=1,col=9,endLine=1,endColumn=13,title=TL008 long-lived-object-state::message for TL008',
      '::error file=dir with space/m.py,line=5,col=3,endLine=5,endColumn=7,title=TL005 check-then-act::message for TL005',
      '::notice file=/elsewhere/tool.py,line=2,col=2,endLine=2,endColumn=6,title=TL009 process-wide-state-change::message for TL009',
    ]);
  });

  test('escaping: data escapes %, CR and LF; properties also escape : and ,', () => {
    assert.equal(escapeData('50% done\r\nnext: a,b'), '50%25 done%0D%0Anext: a,b');
    assert.equal(escapeProperty('C:\\a,b%\n'), 'C%3A\\a%2Cb%25%0A');
    const tricky = finding('TL002', '/proj/we,ird:name.py', 0, 0, { message: '100% sure:\nline two, with comma' });
    assert.equal(
      formatGithub([tricky], [], { cwd }),
      '::warning file=we%2Cird%3Aname.py,line=1,col=1,endLine=1,endColumn=5,title=TL002 shared-mutable-mutation::100%25 sure:%0Aline two, with comma\n',
    );
  });

  test('skipped files become warnings on the file', () => {
    assert.equal(
      formatGithub([], problems, { cwd }),
      '::warning file=bad.py,title=threadlint skipped this file::not valid UTF-8\n' +
        '::warning file=broken.py,title=threadlint analysed this file only in part::syntax error at line 3\n',
    );
  });

  test('nothing to report: empty output', () => {
    assert.equal(formatGithub([], [], { cwd }), '');
  });
});

describe('columns in characters', () => {
  // `😀` is two UTF-16 code units (the analysis's and LSP's count) and one character (Ruff's count).
  const text = 'A = 1\r\nlabel = "😀é"; STATE[k] = label\nplain = 1\n';
  const utf16 = text.split(/\r\n|\n/)[1].indexOf('STATE');

  test('characterColumn counts a surrogate pair once, and nothing else differently', () => {
    assert.equal(utf16, 15);
    assert.equal(characterColumn('label = "😀é"; STATE[k] = label', utf16), 14);
    assert.equal(characterColumn('plain = 1', 6), 6);
    assert.equal(characterColumn(undefined, 7), 7);
    assert.equal(characterColumn('ab', 5), 5, 'past the end of the line: counted on as units');
  });

  test('inCharacterColumns converts findings and related locations on lines with astral characters only', () => {
    const f = finding('TL002', '/proj/emoji.py', 1, utf16, {
      related: [{ path: '/proj/emoji.py', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, message: 'defined here' }],
    });
    const plain = finding('TL002', '/proj/plain.py', 0, 4);
    const read = (path: string) => (path === '/proj/emoji.py' ? text : 'x = 1\n');
    const [converted, untouched] = inCharacterColumns([f, plain], read);
    assert.deepEqual(converted.range, { start: { line: 1, character: 14 }, end: { line: 1, character: 18 } });
    assert.deepEqual(converted.related[0].range, f.related[0].range);
    assert.equal(untouched, plain, 'a file without astral characters is left as it is');
    assert.equal(f.range.start.character, utf16, 'the input is not changed');
  });

  test('text and full formats agree on the column', () => {
    const f = finding('TL002', '/proj/emoji.py', 1, utf16);
    const read = () => text;
    const concise = formatText(inCharacterColumns([f], read), [], { cwd, summary: false });
    const full = formatText([f], [], { cwd, summary: false, source: read });
    assert.match(concise, /^emoji\.py:2:15: TL002/);
    assert.match(full, /^emoji\.py:2:15: TL002/);
  });
});
