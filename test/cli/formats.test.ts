/**
 * `check --format json|sarif|github` from the bundled CLI: each output parses and has the shape its consumer
 * requires (DESIGN §3 for JSON, GitHub code scanning's SARIF minimum and workflow commands, research/ecosystem.md
 * §5.3–5.4).
 */

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertBuilt, fixture, flaskApp, packageVersion, removeFixtures, runCli } from './run';

before(assertBuilt);
after(removeFixtures);

const broken = { ...flaskApp, Procfile: 'web:gunicorn app:app\n' };

interface JsonPosition {
  line: number;
  character: number;
}
interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  range: { start: JsonPosition; end: JsonPosition };
  message: string;
  fixes: { title: string }[];
  related: unknown[];
  docsUrl: string;
}

function procfileFinding<T extends { ruleId: string }>(items: T[], file: (t: T) => string): T {
  const found = items.find((f) => f.ruleId === 'procfile-syntax' && file(f) === 'Procfile');
  assert.ok(found, 'a procfile-syntax finding in Procfile');
  return found;
}

describe('--format json', () => {
  test('the DESIGN §3 shape, 0-based positions, exact keys', () => {
    const run = runCli(['check', fixture(broken), '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const out = JSON.parse(run.stdout) as { version: string; findings: JsonFinding[] };
    assert.deepEqual(Object.keys(out), ['version', 'findings']);
    assert.equal(out.version, packageVersion);
    const f = procfileFinding(out.findings, (x) => x.file);
    assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'file', 'range', 'message', 'fixes', 'related', 'docsUrl']);
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range.start, { line: 0, character: 0 });
    assert.deepEqual(Object.keys(f.range), ['start', 'end']);
    assert.deepEqual(Object.keys(f.range.end), ['line', 'character']);
    assert.equal(f.range.end.line, 0);
    assert.ok(f.range.end.character > 0);
    assert.ok(f.message.length > 0);
    assert.ok(f.fixes.length > 0);
    for (const fix of f.fixes) {
      assert.deepEqual(Object.keys(fix), ['title']);
      assert.ok(fix.title.length > 0);
    }
    assert.match(f.docsUrl, /^https:\/\/\S+procfile-syntax/);
  });

  test('a clean project prints an empty list, exit 0', () => {
    const run = runCli(['check', fixture({ ...flaskApp, Procfile: 'web: gunicorn app:app\n' }), '--format=json']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { version: packageVersion, findings: [] });
  });

  test('files in subfolders use forward slashes', () => {
    const dir = fixture({ 'api/Procfile': 'web:gunicorn app:app\n', 'api/app.py': flaskApp['app.py'] });
    const out = JSON.parse(runCli(['check', '-f', 'json'], { cwd: dir }).stdout) as { findings: JsonFinding[] };
    assert.ok(out.findings.some((f) => f.file === 'api/Procfile' && f.ruleId === 'procfile-syntax'), JSON.stringify(out));
  });
});

type Json = any;

describe('--format sarif', () => {
  const sarifOf = (files: Record<string, string>): Json => {
    const run = runCli(['check', fixture(files), '--format', 'sarif']);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return JSON.parse(run.stdout);
  };

  test('the properties GitHub code scanning requires, none of them empty', () => {
    const log = sarifOf(broken);
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.equal(driver.name, 'deploy-doctor');
    assert.equal(driver.semanticVersion, packageVersion);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);

    assert.ok(driver.rules.length >= 1);
    assert.ok(driver.rules.some((r: Json) => r.id === 'procfile-syntax'));
    for (const rule of driver.rules) {
      assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/);
      for (const text of [rule.shortDescription.text, rule.fullDescription.text, rule.help.text]) {
        assert.ok(typeof text === 'string' && text.length > 0 && text.length <= 1024, rule.id);
      }
      assert.match(rule.helpUri, new RegExp(`^https://\\S+${rule.id}`));
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }

    assert.ok(Array.isArray(run.results));
    for (const result of run.results) {
      assert.equal(driver.rules[result.ruleIndex].id, result.ruleId, 'ruleIndex points at the rule');
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.ok(result.message.text.length > 0);
      assert.ok(result.locations.length >= 1 && result.locations.length <= 10);
      const loc = result.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.doesNotMatch(loc.artifactLocation.uri, /^(\/|file:)/, 'relative uri');
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(loc.region[key]) && loc.region[key] >= 1, key);
      assert.match(result.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{16}:\d+$/);
    }
    assertNoEmptyStrings(log, '$');
  });

  test('the Procfile finding: 1-based region, level error, a fix as a replacement', () => {
    const result = procfileFinding(sarifOf(broken).runs[0].results as Json[], (r) => r.locations[0].physicalLocation.artifactLocation.uri);
    assert.equal(result.level, 'error');
    const region = result.locations[0].physicalLocation.region;
    assert.deepEqual({ startLine: region.startLine, startColumn: region.startColumn, endLine: region.endLine }, { startLine: 1, startColumn: 1, endLine: 1 });
    assert.ok(region.endColumn > region.startColumn);
    assert.ok(result.fixes[0].description.text.length > 0);
    assert.equal(result.fixes[0].artifactChanges[0].artifactLocation.uri, 'Procfile');
  });

  test('the fingerprint survives lines inserted above the finding', () => {
    const fingerprint = (procfile: string): string => {
      const results = sarifOf({ ...flaskApp, Procfile: procfile }).runs[0].results as Json[];
      return procfileFinding(results, (r) => r.locations[0].physicalLocation.artifactLocation.uri).partialFingerprints.primaryLocationLineHash;
    };
    const before = fingerprint('web:gunicorn app:app\n');
    const moved = fingerprint('# the web process\n\nweb:gunicorn app:app\n');
    assert.equal(moved, before);
    assert.notEqual(fingerprint('web:gunicorn other:app\nworker: celery -A app worker\n'), before);
  });

  test('a clean project has an empty results array and still lists the rules', () => {
    const log = sarifOf({ ...flaskApp, Procfile: 'web: gunicorn app:app\n' });
    assert.deepEqual(log.runs[0].results, []);
    assert.ok(log.runs[0].tool.driver.rules.length >= 1);
  });
});

function assertNoEmptyStrings(value: Json, path: string): void {
  if (typeof value === 'string') assert.notEqual(value, '', `${path} is an empty string`);
  else if (Array.isArray(value)) value.forEach((v, i) => assertNoEmptyStrings(v, `${path}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) assertNoEmptyStrings(v, `${path}.${k}`);
}

describe('--format github', () => {
  test('one workflow command per finding, then the text report', () => {
    const run = runCli(['check', fixture(broken), '--format', 'github']);
    assert.equal(run.status, 1, run.stderr);
    const lines = run.stdout.split('\n');
    const annotation = lines.find((l) => l.startsWith('::error file=Procfile,'));
    assert.ok(annotation, run.stdout);
    assert.match(annotation, /^::error file=Procfile,line=1,endLine=1,col=1,endColumn=\d+,title=deploy-doctor \(procfile-syntax\)::\S/);
    // The message keeps its `:` (only properties escape it) and has no raw line breaks.
    assert.match(annotation.slice(annotation.indexOf('::', 2) + 2), /`web:`/);
    const firstText = lines.findIndex((l) => !l.startsWith('::'));
    assert.ok(lines.slice(0, firstText).every((l) => /^::(error|warning|notice) /.test(l)), 'annotations come first');
    assert.match(lines[firstText], /^Procfile:1:1: error \[procfile-syntax\]/);
    assert.match(run.stdout, /\n\d+ problems? \(.*\) in \d+ files?\n$/);
  });

  test('`:` and `,` in a path are escaped in the file property', () => {
    const dir = fixture({ 'a,b:c/Procfile': 'web:gunicorn app:app\n', 'a,b:c/app.py': flaskApp['app.py'] });
    const run = runCli(['check', '--format', 'github'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^::error file=a%2Cb%3Ac\/Procfile,line=1,/m);
    // The text report after the annotations shows the path as it is.
    assert.match(run.stdout, /^a,b:c\/Procfile:1:1: error/m);
  });

  test('warnings become ::warning', () => {
    const run = runCli(['check', fixture({ ...flaskApp, Procfile: 'web: gunicorn app:app\r\n' }), '--format', 'github']);
    assert.match(run.stdout, /^::warning file=Procfile,line=1,.*title=deploy-doctor \(procfile-syntax\)::/m);
  });

  test('a clean project prints no annotations', () => {
    const run = runCli(['check', fixture({ ...flaskApp, Procfile: 'web: gunicorn app:app\n' }), '--format', 'github']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^No problems found in /);
  });
});
