/**
 * `deploy-doctor check` end to end: the bundled CLI run as a process on fixture folders — exit codes, the text
 * report, severity options and usage errors. Formats have their own file.
 */

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertBuilt, fixture, flaskApp, packageVersion, removeFixtures, runCli } from './run';

before(assertBuilt);
after(removeFixtures);

const brokenProcfile = { ...flaskApp, Procfile: 'web:gunicorn app:app\n' };
const crlfProcfile = { ...flaskApp, Procfile: 'web: gunicorn app:app\r\n' };

describe('check: exit codes and the text report', () => {
  test('a correct project: exit 0 and "No problems found in <dir>"', () => {
    const dir = fixture({ ...flaskApp, Procfile: 'web: gunicorn app:app\n' });
    const run = runCli(['check'], { cwd: dir });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, 'No problems found in .\n');
    assert.equal(run.stderr, '');
  });

  test('the folder argument is echoed in the clean summary', () => {
    const dir = fixture({ ...flaskApp, Procfile: 'web: gunicorn app:app\n' });
    const run = runCli(['check', basename(dir)], { cwd: dirname(dir) });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, `No problems found in ${basename(dir)}\n`);
  });

  test('Procfile `web:gunicorn app:app`: exit 1, the finding at Procfile:1:1 with its fix and a summary', () => {
    const dir = fixture(brokenProcfile);
    const run = runCli(['check', dir]);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const lines = run.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Procfile:1:1: error [procfile-syntax] '));
    assert.ok(at >= 0, run.stdout);
    assert.match(lines[at], /`web:`/);
    assert.match(lines[at + 1], /^ {4}fix: \S/);
    assert.match(run.stdout, /\n\d+ problems? \(\d+ errors?(, [^)]*)?\) in \d+ files?\n$/);
    assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colours when stdout is not a terminal');
    assert.equal(run.stderr, '');
  });

  test('paths are relative to the current directory when the folder is inside it', () => {
    const dir = fixture({ 'services/api/Procfile': 'web:gunicorn app:app\n', 'services/api/app.py': flaskApp['app.py'] });
    const run = runCli(['check', 'services/api'], { cwd: dir });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^services\/api\/Procfile:1:1: error \[procfile-syntax\]/m);
  });

  test('--fail-on none: findings are printed but the exit code is 0', () => {
    const dir = fixture(brokenProcfile);
    const run = runCli(['check', dir, '--fail-on', 'none']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Procfile:1:1: error \[procfile-syntax\]/m);
  });

  test('--rule procfile-syntax=off drops the rule: exit 0', () => {
    const dir = fixture(brokenProcfile);
    const run = runCli(['check', dir, '--rule', 'procfile-syntax=off']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /procfile-syntax/);
  });

  test('--rule id=warning lowers the severity below the default threshold (and --rule=… works too)', () => {
    const dir = fixture(brokenProcfile);
    for (const args of [['--rule', 'procfile-syntax=warning'], ['--rule=procfile-syntax=warning']]) {
      const run = runCli(['check', dir, ...args]);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /^Procfile:1:1: warning \[procfile-syntax\]/m);
      const strict = runCli(['check', dir, ...args, '--fail-on', 'warning']);
      assert.equal(strict.status, 1);
    }
  });

  test('a warning-only project passes by default and fails with --fail-on warning or info', () => {
    const dir = fixture(crlfProcfile);
    const lenient = runCli(['check', dir]);
    assert.match(lenient.stdout, /^Procfile:1:\d+: warning \[procfile-syntax\]/m);
    assert.equal(lenient.status, 0);
    assert.equal(runCli(['check', dir, '--fail-on', 'warning']).status, 1);
    assert.equal(runCli(['check', dir, '--fail-on=info']).status, 1);
    assert.equal(runCli(['check', dir, '--fail-on', 'error']).status, 0);
  });

  test('--help and --version', () => {
    const help = runCli(['check', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: deploy-doctor check \[dir\] \[options\]\n/);
    for (const flag of ['--format', '--fail-on', '--rule', '--no-color', '--help', '--version']) assert.ok(help.stdout.includes(flag), flag);
    assert.equal(runCli(['check', '-h', '--bogus']).status, 0, '--help wins over other arguments');
    const top = runCli(['--help']);
    assert.equal(top.status, 0);
    assert.match(top.stdout, /^Usage: deploy-doctor <command>/);
    assert.match(top.stdout, /^ {2}check \[dir\] /m);
    assert.equal(runCli(['--version']).stdout, `${packageVersion}\n`);
    assert.equal(runCli(['check', '--version']).stdout, `${packageVersion}\n`);
  });
});

describe('check: usage errors exit 2 with one clear line and a hint to --help', () => {
  const dir = (): string => fixture(brokenProcfile);

  const cases: [string, () => string[], RegExp][] = [
    ['an unknown flag', () => ['check', dir(), '--bogus'], /^deploy-doctor: unknown option '--bogus'$/],
    ['an unknown short flag', () => ['check', '-x'], /^deploy-doctor: unknown option '-x'$/],
    ['a bad --format', () => ['check', dir(), '--format', 'xml'], /^deploy-doctor: invalid value 'xml' for --format \(expected text, json, sarif or github\)$/],
    ['a bad --fail-on', () => ['check', dir(), '--fail-on', 'fatal'], /^deploy-doctor: invalid value 'fatal' for --fail-on/],
    ['--format without a value', () => ['check', dir(), '--format'], /^deploy-doctor: option '--format' needs a value/],
    ['a flag given a value', () => ['check', dir(), '--no-color=yes'], /^deploy-doctor: option '--no-color' takes no value$/],
    ['a missing folder', () => ['check', join(dir(), 'nope')], /^deploy-doctor: folder not found: .*nope$/],
    ['a file instead of a folder', () => ['check', join(dir(), 'Procfile')], /^deploy-doctor: not a folder: .*Procfile$/],
    ['two folders', () => ['check', dir(), dir()], /^deploy-doctor: unexpected argument /],
    ['an unknown rule id', () => ['check', dir(), '--rule', 'no-such-rule=off'], /^deploy-doctor: unknown rule 'no-such-rule' in --rule \(known rules: .*procfile-syntax.*\)$/],
    ['a bad rule level', () => ['check', dir(), '--rule', 'procfile-syntax=loud'], /^deploy-doctor: invalid level 'loud' for rule 'procfile-syntax'/],
    ['a --rule without =', () => ['check', dir(), '--rule', 'procfile-syntax'], /^deploy-doctor: --rule expects <id>=<level>, got 'procfile-syntax'$/],
  ];
  for (const [name, args, message] of cases) {
    test(name, () => {
      const run = runCli(args());
      assert.equal(run.status, 2, run.stdout + run.stderr);
      assert.equal(run.stdout, '', 'nothing on stdout');
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 2, run.stderr);
      assert.match(lines[0], message);
      assert.equal(lines[1], "Run 'deploy-doctor check --help' for usage.");
    });
  }

  test('an unknown subcommand lists the known ones', () => {
    const run = runCli(['analyse', 'deploy.log']);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, "deploy-doctor: unknown command 'analyse' (known commands: check, analyze)\nRun 'deploy-doctor --help' for usage.\n");
  });

  test('no command at all', () => {
    const run = runCli([]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^deploy-doctor: missing command \(known commands: check, analyze\)\n/);
  });

  test('a folder named like a flag can be given after --', () => {
    const parent = fixture({});
    const odd = join(parent, '--odd');
    mkdirSync(odd);
    writeFileSync(join(odd, 'Procfile'), 'web:gunicorn app:app\n');
    const run = runCli(['check', '--', '--odd'], { cwd: parent });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^--odd\/Procfile:1:1: error/m);
  });
});
