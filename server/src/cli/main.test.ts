/** The dispatcher in-process: help, versions, and internal errors turned into exit 2 without a stack trace. */

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { exitCodeFor, parseRuleSetting } from './check';
import type { CliIO } from './command';
import { UsageError } from './exit-codes';
import { commands, mainHelp, runCli } from './main';
import { VERSION } from './version';

const dir = mkdtempSync(join(tmpdir(), 'deploy-doctor-main-'));
writeFileSync(join(dir, 'Procfile'), 'web:gunicorn app:app\n');
after(() => rmSync(dir, { recursive: true, force: true }));

function io(env: Record<string, string> = {}, out?: (text: string) => void): CliIO & { stdout: string; stderr: string } {
  const captured = {
    cwd: dir,
    env,
    stdoutIsTTY: false,
    stdout: '',
    stderr: '',
    out: (text: string) => {
      if (out) out(text);
      captured.stdout += text;
    },
    err: (text: string) => {
      captured.stderr += text;
    },
  };
  return captured;
}

describe('runCli', () => {
  test('check in-process: exit 1 on the broken Procfile, 0 with --fail-on none', async () => {
    const a = io();
    assert.equal(await runCli(['check'], a), 1);
    assert.match(a.stdout, /^Procfile:1:1: error \[procfile-syntax\]/m);
    assert.equal(await runCli(['check', '--fail-on', 'none'], io()), 0);
  });

  test('an internal error: exit 2, one message, no stack unless DEPLOY_DOCTOR_DEBUG=1', async () => {
    const boom = (): never => {
      throw new Error('disk on fire');
    };
    const quiet = io({}, boom);
    assert.equal(await runCli(['check'], quiet), 2);
    assert.equal(quiet.stderr, 'deploy-doctor: internal error: disk on fire\nSet DEPLOY_DOCTOR_DEBUG=1 to see the stack trace.\n');
    const debug = io({ DEPLOY_DOCTOR_DEBUG: '1' }, boom);
    assert.equal(await runCli(['check'], debug), 2);
    assert.match(debug.stderr, /^deploy-doctor: internal error: Error: disk on fire\n\s+at /);
  });

  test('help: top level, `help <command>`, and the command list', async () => {
    const top = io();
    assert.equal(await runCli(['-h'], top), 0);
    assert.equal(top.stdout, mainHelp());
    for (const c of commands) assert.ok(top.stdout.includes(c.synopsis), c.name);
    const sub = io();
    assert.equal(await runCli(['help', 'check'], sub), 0);
    assert.match(sub.stdout, /^Usage: deploy-doctor check \[dir\]/);
    const unknown = io();
    assert.equal(await runCli(['help', 'nope'], unknown), 2);
    assert.match(unknown.stderr, /unknown command 'nope'/);
  });

  test('--version prints the package version', async () => {
    const v = io();
    assert.equal(await runCli(['--version'], v), 0);
    assert.equal(v.stdout, `${VERSION}\n`);
    assert.match(VERSION, /^\d+\.\d+\.\d+/);
  });

  test('an option before the command is a usage error', async () => {
    const e = io();
    assert.equal(await runCli(['--format', 'json'], e), 2);
    assert.equal(e.stderr, "deploy-doctor: unknown option '--format' before the command (known commands: check, analyze)\nRun 'deploy-doctor --help' for usage.\n");
  });
});

test('exitCodeFor: thresholds', () => {
  const f = (...s: ('error' | 'warning' | 'info' | 'hint')[]) => s.map((severity) => ({ severity }));
  assert.equal(exitCodeFor(f(), 'error'), 0);
  assert.equal(exitCodeFor(f('warning', 'info'), 'error'), 0);
  assert.equal(exitCodeFor(f('warning'), 'warning'), 1);
  assert.equal(exitCodeFor(f('error'), 'warning'), 1);
  assert.equal(exitCodeFor(f('info'), 'info'), 1);
  assert.equal(exitCodeFor(f('hint'), 'info'), 0);
  assert.equal(exitCodeFor(f('error'), 'none'), 0);
});

test('parseRuleSetting', () => {
  assert.deepEqual(parseRuleSetting('procfile-syntax=off'), { id: 'procfile-syntax', level: 'off' });
  assert.throws(() => parseRuleSetting('x'), UsageError);
  assert.throws(() => parseRuleSetting('=off'), UsageError);
  assert.throws(() => parseRuleSetting('x=hint'), /invalid level 'hint' for rule 'x' in --rule \(expected off, info, warning or error\)/);
});
