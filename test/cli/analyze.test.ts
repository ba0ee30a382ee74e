/**
 * `deploy-doctor analyze` end to end: the bundled CLI on log files and standard input — the text report, the
 * DESIGN §3 JSON, the Markdown report, exit codes and usage errors — and a 60 MB log streamed in bounded memory.
 */

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLEAN_LOG, SEED_ERROR_LINE, SEED_LOG, SEED_PASSWORD, SEED_PROJECT } from '../seed-000';
import { assertBuilt, cliPath, fixture, removeFixtures, repoRoot, runCli } from './run';

before(assertBuilt);
after(removeFixtures);

function logFile(text: string, name = 'deploy.log'): { dir: string; path: string } {
  const dir = fixture({ [name]: text });
  return { dir, path: join(dir, name) };
}

describe('analyze: reports and exit codes', () => {
  test('a failing log: exit 1, the root cause with its evidence line and the symptoms', () => {
    const { path } = logFile(SEED_LOG);
    const run = runCli(['analyze', path]);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^Root cause: .+ \[module_not_found_\w+\] \d+%\n/);
    assert.match(run.stdout, new RegExp(`\\n {2}L${SEED_ERROR_LINE} {2}ModuleNotFoundError: No module named 'backend'\\n`));
    assert.match(run.stdout, /\nSymptoms:\n(?: {2}.*\n| {4}.*\n)*? {2}Healthcheck failed: /);
    assert.match(run.stdout, /Railway log, \d+ lines read, \d+ secrets? masked\n$/);
    assert.ok(!run.stdout.includes(SEED_PASSWORD), 'the password is masked');
    assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colours when stdout is not a terminal');
    assert.equal(run.stderr, '');
  });

  test('a clean log: exit 0 and "No failure found"', () => {
    const { path } = logFile(CLEAN_LOG);
    const run = runCli(['analyze', path]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^No failure found in this log \(2 lines read\)\.\n/);
  });

  test('standard input with -: the same diagnosis as from the file', () => {
    const { path } = logFile(SEED_LOG);
    const fromFile = runCli(['analyze', path, '--format', 'json']);
    const fromStdin = runCli(['analyze', '-', '--format', 'json'], { input: SEED_LOG });
    assert.equal(fromStdin.status, 1, fromStdin.stderr);
    assert.equal(fromStdin.stdout, fromFile.stdout);
    assert.equal(runCli(['analyze', '-'], { input: CLEAN_LOG }).status, 0);
  });

  test('--format json is exactly the DESIGN §3 shape', () => {
    const { path } = logFile(SEED_LOG);
    const run = runCli(['analyze', path, '--format', 'json']);
    assert.equal(run.status, 1, run.stderr);
    const body = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['causes', 'symptoms', 'platform', 'redactions']);
    assert.equal(body.platform, 'railway');
    assert.ok(typeof body.redactions === 'number' && body.redactions >= 1);
    const causes = body.causes as Record<string, unknown>[];
    assert.ok(causes.length >= 1);
    for (const cause of causes) {
      const keys = Object.keys(cause);
      assert.deepEqual(
        keys.filter((k) => k !== 'ruleId'),
        ['category', 'confidence', 'message', 'evidence', 'locations', 'fixes', 'explains'],
      );
      for (const e of cause.evidence as Record<string, unknown>[]) assert.deepEqual(Object.keys(e), ['line', 'text']);
      for (const f of cause.fixes as Record<string, unknown>[]) assert.deepEqual(Object.keys(f), ['title']);
      for (const l of cause.locations as Record<string, unknown>[]) assert.deepEqual(Object.keys(l), ['file', 'range']);
    }
    assert.match(causes[0].category as string, /^module_not_found_/);
    assert.ok((causes[0].evidence as { line: number }[]).some((e) => e.line === SEED_ERROR_LINE));
    const symptoms = body.symptoms as Record<string, unknown>[];
    const healthcheck = symptoms.find((s) => s.id === 'healthcheck_failed');
    assert.ok(healthcheck);
    assert.deepEqual(Object.keys(healthcheck), ['id', 'message', 'evidence', 'explainedBy']);
    assert.ok((healthcheck.explainedBy as string[]).includes(causes[0].category as string));
    assert.ok(!run.stdout.includes(SEED_PASSWORD));
  });

  test('--format markdown prints the report the panel copies', () => {
    const { path } = logFile(SEED_LOG);
    const run = runCli(['analyze', path, '-f', 'markdown']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^# Deploy log diagnosis\n\nPlatform: Railway · /);
    assert.match(run.stdout, /\n## Root cause: /);
    assert.match(run.stdout, new RegExp(`\\nL${SEED_ERROR_LINE} {2}ModuleNotFoundError: No module named 'backend'\\n`));
  });

  test('--root links causes to the config: file:line and the fix (paths relative to the current directory)', () => {
    const project = fixture({
      ...Object.fromEntries(Object.entries(SEED_PROJECT).map(([path, text]) => [`api/${path}`, text])),
      'deploy.log': SEED_LOG,
    });
    const text = runCli(['analyze', 'deploy.log', '--root', 'api'], { cwd: project });
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, /^Root cause: Module not found on the import path \[module_not_found_pythonpath\] \d+%\n/);
    assert.match(text.stdout, /\n {2}api\/Procfile:1 {2}\S.*\n {2}fix: Prepend PYTHONPATH=\. to the start command\n/);
    const json = runCli(['analyze', 'deploy.log', '--root', 'api', '--format', 'json'], { cwd: project });
    const body = JSON.parse(json.stdout) as { causes: { locations: { file: string; range: { start: { line: number; character: number } } }[]; fixes: unknown[] }[] };
    const [location] = body.causes[0].locations;
    assert.equal(location.file, 'api/Procfile');
    assert.equal(location.range.start.line, 0, '0-based lines');
    assert.deepEqual(body.causes[0].fixes, [{ title: 'Prepend PYTHONPATH=. to the start command' }]);
  });

  test('a UTF-8 BOM and CRLF line ends do not change the diagnosis', () => {
    const plain = runCli(['analyze', logFile(SEED_LOG).path, '--format', 'json']);
    const windows = runCli(['analyze', logFile(`\ufeff${SEED_LOG.replace(/\n/g, '\r\n')}`).path, '--format', 'json']);
    assert.equal(windows.status, 1, windows.stderr);
    assert.deepEqual(
      (JSON.parse(windows.stdout) as { causes: { category: string }[] }).causes.map((c) => c.category),
      (JSON.parse(plain.stdout) as { causes: { category: string }[] }).causes.map((c) => c.category),
    );
  });
});

describe('analyze: usage and input errors exit 2', () => {
  test('a missing file', () => {
    const run = runCli(['analyze', 'no-such.log']);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, "deploy-doctor: log file not found: no-such.log\nRun 'deploy-doctor analyze --help' for usage.\n");
  });

  test('a folder instead of a file, and a missing --root folder', () => {
    const { dir, path } = logFile(SEED_LOG);
    const folder = runCli(['analyze', dir]);
    assert.equal(folder.status, 2);
    assert.match(folder.stderr, /^deploy-doctor: not a file: /);
    const root = runCli(['analyze', path, '--root', join(dir, 'nowhere')]);
    assert.equal(root.status, 2);
    assert.match(root.stderr, /^deploy-doctor: folder not found: /);
  });

  test('no log argument, an unknown format, an extra argument', () => {
    const none = runCli(['analyze']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /^deploy-doctor: missing the log to analyse \(a file, or - for standard input\)\n/);
    const format = runCli(['analyze', '-', '--format', 'sarif']);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /invalid value 'sarif' for --format \(expected text, json or markdown\)/);
    const extra = runCli(['analyze', 'a.log', 'b.log']);
    assert.equal(extra.status, 2);
    assert.match(extra.stderr, /unexpected argument 'b\.log'/);
  });

  test('--help describes the command; the top-level help lists it', () => {
    const help = runCli(['analyze', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: deploy-doctor analyze <log\|-> \[options\]\n/);
    assert.match(help.stdout, /--root <dir>/);
    const top = runCli(['--help']);
    assert.match(top.stdout, /\n {2}analyze <log\|-> +Find the root cause in a deploy log/);
  });
});

describe('analyze: big logs', () => {
  test('a 60 MB log streams through with peak memory under 200 MB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-doctor-big-'));
    try {
      const path = join(dir, 'big.log');
      const line = '2026-07-03T15:02:33.991117109Z [INFO] 100.64.0.2:34232 - "GET /api/items?page=2 HTTP/1.1" 200 OK\n';
      const block = line.repeat(Math.ceil((1024 * 1024) / line.length));
      const fd = openSync(path, 'w');
      for (let written = 0; written < 60 * 1024 * 1024; written += block.length) writeSync(fd, block);
      writeSync(fd, SEED_LOG);
      closeSync(fd);
      // Reports the process's peak resident memory (VmHWM) when it exits.
      const probe = join(dir, 'peak-rss.cjs');
      writeFileSync(
        probe,
        "process.on('exit', () => { const m = /VmHWM:\\s*(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/status', 'utf8')); if (m) require('fs').writeSync(2, `peak-rss-kb=${m[1]}\\n`); });\n",
      );
      const started = performance.now();
      const { status, stdout, stderr } = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--require', probe, cliPath, 'analyze', path, '--format', 'json'], { cwd: repoRoot });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
        child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ status: code, stdout: out, stderr: err }));
      });
      const seconds = (performance.now() - started) / 1000;
      assert.equal(status, 1, stderr);
      const body = JSON.parse(stdout) as { causes: { category: string }[] };
      assert.match(body.causes[0]?.category ?? '', /^module_not_found_/);
      const peak = /peak-rss-kb=(\d+)/.exec(stderr);
      if (process.platform === 'linux') {
        assert.ok(peak, stderr);
        const mb = Number(peak[1]) / 1024;
        assert.ok(mb < 200, `peak RSS ${mb.toFixed(0)} MB for a 60 MB log (${seconds.toFixed(1)} s)`);
        process.stdout.write(`# 60 MB log: peak RSS ${mb.toFixed(0)} MB, ${seconds.toFixed(1)} s\n`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
