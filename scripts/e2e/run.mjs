#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end suite in a real VS Code.
//   1. checks the system programs it needs (Debian: chromium ripgrep libkrb5-dev, and python3 make g++);
//   2. installs code-server once into .cache/e2e (scripts/e2e/install-code-server.mjs; skipped when cached);
//   3. packages the extension (`npm run package`) and installs the .vsix into a fresh extensions folder with
//      code-server's --install-extension, which also proves the package is complete;
//   4. runs test/e2e/*.test.ts with node's test runner (through tsx), one file at a time; each file starts its
//      own code-server and headless Chromium and drives them with playwright-core.
// Screenshots (and logs of failed scenarios) land in test/e2e/artifacts/. The total time is printed at the end.
//
// Arguments filter the test files by name: `npm run test:e2e -- editor` runs test/e2e/editor.test.ts only.
// E2E_SKIP_PACKAGE=1 reuses the .vsix from the last `npm run package` (for iterating on the tests).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot, checkPrerequisites, CODE_SERVER_VERSION, installCodeServer, npmCommand, which } from './install-code-server.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const e2eDir = join(repoRoot, 'test', 'e2e');
const artifactsDir = join(e2eDir, 'artifacts');
const runDir = join(cacheRoot, 'run');
const started = performance.now();
const phases = [];

function log(line) {
  console.log(`e2e: ${line}`);
}

async function phase(name, work) {
  const t = performance.now();
  const result = await work();
  phases.push(`${name} ${seconds(performance.now() - t)}`);
  return result;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs a command with inherited output; resolves with its exit code. */
function run(command, args, options = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
    child.on('error', (error) => {
      console.error(`e2e: ${command} could not be started: ${error.message}`);
      done(-1);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

/** Runs a command and returns its exit code and combined output. */
function capture(command, args, options = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => done({ code: -1, output: error.message }));
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

function fail(message) {
  console.error(`e2e: ${message}`);
  log(`failed after ${seconds(performance.now() - started)}`);
  process.exit(1);
}

async function main() {
  const filters = process.argv.slice(2);
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const vsix = join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);

  try {
    checkPrerequisites();
  } catch (error) {
    fail(error.message);
  }

  const entry = await phase(`code-server ${CODE_SERVER_VERSION}`, async () => {
    try {
      return await installCodeServer({ log });
    } catch (error) {
      fail(error.message);
    }
  });

  await phase('package', async () => {
    if (process.env.E2E_SKIP_PACKAGE === '1' && existsSync(vsix)) {
      log(`reusing ${manifest.name}-${manifest.version}.vsix (E2E_SKIP_PACKAGE=1)`);
      return;
    }
    log('npm run package');
    rmSync(vsix, { force: true });
    const { command, args } = npmCommand();
    const code = await run(command, [...args, 'run', '--silent', 'package']);
    if (code !== 0 || !existsSync(vsix)) fail(`"npm run package" failed (exit ${code}) or did not write ${vsix}`);
  });

  // A fresh extensions folder and scratch space for every run; the install cache is kept.
  rmSync(runDir, { recursive: true, force: true });
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  await phase('install .vsix', async () => {
    const scratch = join(runDir, 'install-extension');
    mkdirSync(scratch, { recursive: true });
    const { code, output } = await capture(process.execPath, [
      entry,
      '--user-data-dir', join(scratch, 'user-data'),
      '--config', join(scratch, 'config.yaml'),
      '--extensions-dir', extensionsDir,
      '--install-extension', vsix,
    ]);
    const installed = readdirSync(extensionsDir).find((name) => name.startsWith(`${manifest.publisher}.${manifest.name}-`));
    if (code !== 0 || !/successfully installed/.test(output) || !installed) {
      fail(`code-server could not install ${vsix} (exit ${code}):\n${output.trim()}`);
    }
    log(`installed ${installed}`);
  });

  const files = readdirSync(e2eDir)
    .filter((name) => name.endsWith('.test.ts'))
    .filter((name) => !filters.length || filters.some((filter) => name.includes(filter)))
    .sort()
    .map((name) => join('test', 'e2e', name));
  if (!files.length) fail(`no test files in test/e2e match ${filters.join(', ')}`);

  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  const code = await phase('tests', () =>
    // Every wait in the harness has its own deadline; the ten-minute test timeout only stops a scenario that
    // hangs anyway from holding up CI.
    run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=600000', '--test-reporter=spec', ...files], {
      env: {
        ...process.env,
        E2E_CODE_SERVER_ENTRY: entry,
        E2E_EXTENSIONS_DIR: extensionsDir,
        E2E_RUN_DIR: runDir,
        // The browser checkPrerequisites found: E2E_CHROMIUM when set, else `chromium` on PATH.
        E2E_CHROMIUM: process.env.E2E_CHROMIUM || which('chromium'),
      },
    }),
  );

  log(`screenshots in ${artifactsDir.slice(repoRoot.length + 1)}/`);
  log(`total ${seconds(performance.now() - started)} (${phases.join(', ')})`);
  process.exit(code);
}

main().catch((error) => fail(error?.stack ?? String(error)));
