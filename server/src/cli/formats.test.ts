/** The output formats on hand-made findings: positions, wording, colours, SARIF structure and GitHub escaping. */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type * as Sarif from 'sarif';
import { memoryFiles, type Finding } from '../engine/index';
import type { RuleMeta } from '../engine/rule';
import { testEngine } from '../node/testing';
import { createStyle, shouldColor } from './color';
import { annotation, escapeData, escapeProperty, formatGithub } from './format-github';
import { formatJson } from './format-json';
import { fingerprinter, formatSarif, sarifLog } from './format-sarif';
import { formatText, summary } from './format-text';
import { buildReport, isInside, type CheckReport } from './report';

const rules: RuleMeta[] = [
  { id: 'first-rule', defaultSeverity: 'error', summary: 'The first rule.', fileKinds: ['procfile'] },
  { id: 'second-rule', defaultSeverity: 'warning', summary: 'The second rule.', fileKinds: ['dockerfile'] },
];

const tree = {
  Procfile: 'web: gunicorn app:app\nworker: celery\n',
  'docker/Dockerfile': 'FROM python:3.12\n# 😀 emoji before\nCMD ["gunicorn", "😀x"]\n',
};

function finding(over: Partial<Finding> & Pick<Finding, 'file' | 'range'>): Finding {
  return { ruleId: 'first-rule', severity: 'error', message: 'Something is wrong.', related: [], fixes: [], ...over };
}

function report(findings: Finding[], root = '/home/dev/shop', cwd = '/home/dev/shop'): CheckReport {
  return buildReport({ version: '9.8.7', dirArg: '.', root, cwd, files: memoryFiles(tree), rules, findings });
}

// The finding is the `x` after the emoji, which counts two UTF-16 units.
const cmdStart = tree['docker/Dockerfile'].indexOf('😀x') + 2;
const sample: Finding[] = [
  finding({
    file: 'Procfile',
    range: { start: 5, end: 21 },
    message: 'gunicorn is wrong',
    fixes: [{ title: 'Fix it', edits: [{ file: 'Procfile', range: { start: 5, end: 5 }, text: 'PYTHONPATH=. ' }], isPreferred: true }],
    related: [{ file: 'docker/Dockerfile', range: { start: 0, end: 4 }, message: 'the base image' }],
  }),
  finding({ file: 'Procfile', ruleId: 'second-rule', severity: 'warning', range: { start: 22, end: 28 }, message: 'line one\nline two' }),
  finding({ file: 'docker/Dockerfile', ruleId: 'second-rule', severity: 'info', range: { start: cmdStart, end: cmdStart + 1 }, message: 'after an emoji' }),
];

describe('report', () => {
  test('offsets become 0-based line/character in UTF-16 units; paths relative to the current directory', () => {
    const r = report(sample, '/home/dev/shop/sub', '/home/dev/shop');
    assert.equal(r.findings[0].path, 'sub/Procfile');
    assert.deepEqual(r.findings[0].range, { start: { line: 0, character: 5 }, end: { line: 0, character: 21 } });
    assert.equal(r.findings[0].lineText, 'web: gunicorn app:app');
    assert.deepEqual(r.findings[1].range.start, { line: 1, character: 0 });
    // `CMD ["gunicorn", "` is 18 characters, then the emoji's two UTF-16 units.
    assert.deepEqual(r.findings[2].range, { start: { line: 2, character: 20 }, end: { line: 2, character: 21 } });
    assert.equal(r.findings[0].related[0].path, 'sub/docker/Dockerfile');
    assert.equal(r.findings[0].fixes[0].edits[0].path, 'sub/Procfile');
    assert.equal(r.pathBase, '/home/dev/shop');
  });

  test('a folder outside the current directory: paths relative to the folder', () => {
    const r = report(sample, '/elsewhere/project', '/home/dev/shop');
    assert.equal(r.findings[0].path, 'Procfile');
    assert.equal(r.pathBase, '/elsewhere/project');
    assert.ok(isInside('/a', '/a') && isInside('/a', '/a/b') && !isInside('/a', '/ab') && !isInside('/a/b', '/a') && isInside('/a', '/a/..b'));
  });
});

describe('text', () => {
  test('grouped by file, GNU locations, fixes and related lines, a summary', () => {
    assert.equal(
      formatText(report(sample)),
      [
        'Procfile:1:6: error [first-rule] gunicorn is wrong',
        '    fix: Fix it',
        '    related: docker/Dockerfile:1:1 the base image',
        'Procfile:2:1: warning [second-rule] line one',
        '    line two',
        '',
        'docker/Dockerfile:3:21: info [second-rule] after an emoji',
        '',
        '3 problems (1 error, 1 warning, 1 info) in 2 files',
        '',
      ].join('\n'),
    );
  });

  test('no findings', () => {
    assert.equal(formatText(report([])), 'No problems found in .\n');
  });

  test('summary wording', () => {
    assert.equal(summary([{ severity: 'error' }], 1), '1 problem (1 error) in 1 file');
    assert.equal(summary([{ severity: 'warning' }, { severity: 'warning' }, { severity: 'hint' }], 2), '3 problems (2 warnings, 1 hint) in 2 files');
  });

  test('colours only when enabled', () => {
    const plain = formatText(report(sample), createStyle(false));
    const coloured = formatText(report(sample), createStyle(true));
    assert.doesNotMatch(plain, /\u001b/);
    assert.match(coloured, /\u001b\[31merror\u001b\[39m/);
    assert.match(coloured, /\u001b\[33mwarning\u001b\[39m/);
    assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), plain);
  });

  test('shouldColor: a terminal, no NO_COLOR (empty counts as unset), no --no-color', () => {
    assert.equal(shouldColor(true, {}, false), true);
    assert.equal(shouldColor(false, {}, false), false);
    assert.equal(shouldColor(true, { NO_COLOR: '1' }, false), false);
    assert.equal(shouldColor(true, { NO_COLOR: '' }, false), true);
    assert.equal(shouldColor(true, {}, true), false);
  });
});

describe('json', () => {
  test('DESIGN §3 keys with the additions after them', () => {
    const out = JSON.parse(formatJson(report(sample)));
    assert.deepEqual(Object.keys(out), ['version', 'findings']);
    assert.equal(out.version, '9.8.7');
    assert.deepEqual(out.findings[0], {
      ruleId: 'first-rule',
      severity: 'error',
      file: 'Procfile',
      range: { start: { line: 0, character: 5 }, end: { line: 0, character: 21 } },
      message: 'gunicorn is wrong',
      fixes: [{ title: 'Fix it' }],
      related: [{ file: 'docker/Dockerfile', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message: 'the base image' }],
      docsUrl: 'https://github.com/deploy-doctor/deploy-doctor/blob/main/docs/rules/first-rule.md',
    });
  });
});

describe('sarif', () => {
  // Parsed back from the text, so the assertions see what a consumer reads.
  const log = JSON.parse(formatSarif(report(sample))) as Sarif.Log;
  const run = log.runs[0];
  const results = run.results ?? [];

  test('driver rules carry every required and useful property', () => {
    assert.deepEqual(run.tool.driver.rules?.[1], {
      id: 'second-rule',
      name: 'SecondRule',
      shortDescription: { text: 'The second rule.' },
      fullDescription: { text: 'The second rule.' },
      help: {
        text: 'The second rule. Documentation: https://github.com/deploy-doctor/deploy-doctor/blob/main/docs/rules/second-rule.md',
        markdown: 'The second rule.\n\n[Documentation](https://github.com/deploy-doctor/deploy-doctor/blob/main/docs/rules/second-rule.md)',
      },
      helpUri: 'https://github.com/deploy-doctor/deploy-doctor/blob/main/docs/rules/second-rule.md',
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['deploy', 'dockerfile'] },
    });
    assert.equal(run.tool.driver.semanticVersion, '9.8.7');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///home/dev/shop/' } });
  });

  test('results: levels, ruleIndex, 1-based regions with an exclusive end column, related locations, fixes', () => {
    assert.deepEqual(
      results.map((r) => [r.level, r.ruleIndex]),
      [
        ['error', 0],
        ['warning', 1],
        ['note', 1],
      ],
    );
    const first = results[0];
    assert.deepEqual(first.locations?.[0].physicalLocation, {
      artifactLocation: { uri: 'Procfile', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 22 },
    });
    assert.deepEqual(first.relatedLocations, [
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'docker/Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 5 } },
        message: { text: 'the base image' },
      },
    ]);
    assert.deepEqual(first.fixes, [
      {
        description: { text: 'Fix it' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'Procfile', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 6 }, insertedContent: { text: 'PYTHONPATH=. ' } }],
          },
        ],
      },
    ]);
    assert.deepEqual(results[2].locations?.[0].physicalLocation?.region, { startLine: 3, startColumn: 21, endLine: 3, endColumn: 22 });
    assert.equal(results[1].relatedLocations, undefined);
  });

  test('fingerprints: same rule, file and line text → same hash with a running occurrence number', () => {
    const fp = fingerprinter();
    const a = fp({ ruleId: 'r', path: 'Procfile', lineText: '  web: x  ' });
    const b = fp({ ruleId: 'r', path: 'Procfile', lineText: 'web: x' });
    const c = fp({ ruleId: 'r', path: 'Procfile', lineText: 'web: y' });
    const d = fp({ ruleId: 'other', path: 'Procfile', lineText: 'web: x' });
    assert.match(a, /^[0-9a-f]{16}:1$/);
    assert.equal(b, `${a.slice(0, -2)}:2`);
    assert.notEqual(c.slice(0, 16), a.slice(0, 16));
    assert.notEqual(d.slice(0, 16), a.slice(0, 16));
    assert.equal(fingerprinter()({ ruleId: 'r', path: 'Procfile', lineText: 'web: x' }), a, 'stable across runs');
  });

  test('paths with spaces and # are percent-encoded in uris', () => {
    const r = buildReport({
      version: '1.0.0',
      dirArg: '.',
      root: '/p',
      cwd: '/p',
      files: memoryFiles({ 'my app/#1/Procfile': 'x' }),
      rules,
      findings: [finding({ file: 'my app/#1/Procfile', range: { start: 0, end: 1 } })],
    });
    const uri = sarifLog(r).runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri;
    assert.equal(uri, 'my%20app/%231/Procfile');
  });

  test('the real engine: every registered rule is listed', async () => {
    const engine = await testEngine();
    const r = buildReport({ version: '1.0.0', dirArg: '.', root: '/p', cwd: '/p', files: memoryFiles({}), rules: engine.rules, findings: [] });
    const listed = sarifLog(r).runs[0].tool.driver.rules?.map((x) => x.id);
    assert.deepEqual(listed, engine.rules.map((x) => x.id));
    assert.ok(listed.includes('procfile-syntax'));
  });
});

describe('github', () => {
  test('escaping: data encodes %, CR and LF; properties also : and ,', () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext%3A a%2C b');
    assert.equal(escapeData('%0A'), '%250A', 'an existing escape is not mistaken for one');
    assert.equal(escapeProperty('C:\\a,b'), 'C%3A\\a%2Cb');
  });

  test('one command per finding with 1-based, inclusive columns', () => {
    const lines = formatGithub(report(sample)).split('\n');
    assert.equal(lines[0], '::error file=Procfile,line=1,endLine=1,col=6,endColumn=21,title=deploy-doctor (first-rule)::gunicorn is wrong');
    assert.equal(lines[1], '::warning file=Procfile,line=2,endLine=2,col=1,endColumn=6,title=deploy-doctor (second-rule)::line one%0Aline two');
    assert.equal(lines[2], '::notice file=docker/Dockerfile,line=3,endLine=3,col=21,endColumn=21,title=deploy-doctor (second-rule)::after an emoji');
    assert.equal(lines[3], 'Procfile:1:6: error [first-rule] gunicorn is wrong', 'then the text report');
  });

  test('ranges: empty, multi-line, and running to the start of the next line', () => {
    const at = (start: [number, number], end: [number, number]): string =>
      annotation({
        severity: 'hint',
        path: 'a,b:c',
        ruleId: 'r',
        message: 'm%',
        range: { start: { line: start[0], character: start[1] }, end: { line: end[0], character: end[1] } },
      });
    assert.equal(at([0, 3], [0, 3]), '::notice file=a%2Cb%3Ac,line=1,endLine=1,col=4,endColumn=4,title=deploy-doctor (r)::m%25');
    assert.equal(at([0, 3], [2, 5]), '::notice file=a%2Cb%3Ac,line=1,endLine=3,title=deploy-doctor (r)::m%25');
    assert.equal(at([1, 0], [2, 0]), '::notice file=a%2Cb%3Ac,line=2,endLine=2,col=1,title=deploy-doctor (r)::m%25');
  });
});
