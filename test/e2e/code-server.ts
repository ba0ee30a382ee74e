/**
 * The processes of an end-to-end run: code-server (VS Code 1.100 in the browser) with the packaged extension
 * installed, and Debian's Chromium for Playwright to drive. scripts/e2e/run.mjs (`npm run test:e2e`) installs
 * code-server, packages and installs the .vsix, then runs the test files with these variables set:
 *   E2E_CODE_SERVER_ENTRY  code-server's out/node/entry.js
 *   E2E_EXTENSIONS_DIR     the extensions folder holding the installed .vsix
 *   E2E_RUN_DIR            scratch space of this run (user data, browser profiles, workspace copies)
 *   E2E_CHROMIUM           the browser (run.mjs passes `chromium` from PATH; default /usr/bin/chromium, Debian's)
 *
 * Every process started here is stopped when the test file ends, whatever happened.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { TIMEOUT, waitFor } from './common';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with "npm run test:e2e", which installs code-server and the extension first.`);
  return value;
}

export const runDir = (): string => requiredEnv('E2E_RUN_DIR');

// ---------------------------------------------------------------------------------------------------------------
// Process bookkeeping: whatever is still running when this test process exits is killed with it.

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // code-server runs detached in a process group of its own: the group holds its VS Code server, the
    // extension host and the language server, so they end together.
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of running) killGroup(child, 'SIGKILL');
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// code-server

/** User settings that keep the workbench quiet: no welcome page, walkthroughs, tips, update or telemetry traffic. */
export const BASE_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'npm.autoDetect': 'off',
  'remote.autoForwardPorts': false,
  'chat.commandCenter.enabled': false,
  'files.autoSave': 'off',
  'workbench.editor.enablePreview': false,
  'editor.hover.delay': 300,
};

export interface CodeServer {
  readonly name: string;
  readonly url: string;
  readonly logFile: string;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function tail(file: string, lines = 40): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** The environment for code-server: this process's, without what node's test runner sets for its own children. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_')) delete env[key];
  return env;
}

/**
 * Starts code-server on a free loopback port with its own user data (settings = BASE_SETTINGS + `settings`)
 * and the shared extensions folder, and waits until it answers. Fails with code-server's log when it exits or
 * does not answer in time.
 */
export async function startCodeServer(name: string, settings: Record<string, unknown> = {}): Promise<CodeServer> {
  const entry = requiredEnv('E2E_CODE_SERVER_ENTRY');
  const extensionsDir = requiredEnv('E2E_EXTENSIONS_DIR');
  if (!existsSync(entry)) throw new Error(`code-server is not installed at ${entry}: run "npm run test:e2e".`);
  const dir = join(runDir(), `code-server-${name}`);
  rmSync(dir, { recursive: true, force: true });
  const userDataDir = join(dir, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2)}\n`);
  const logFile = join(dir, 'code-server.log');

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const log = openSync(logFile, 'a');
    const child = spawn(
      process.execPath,
      [
        entry,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--ignore-last-opened',
        '--user-data-dir', userDataDir,
        '--extensions-dir', extensionsDir,
        '--config', join(dir, 'config.yaml'),
      ],
      { cwd: dir, detached: true, stdio: ['ignore', log, log], env: childEnv() },
    );
    closeSync(log);
    running.add(child);
    let spawnError: Error | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('exit', () => running.delete(child));

    const stop = async (): Promise<void> => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), TIMEOUT.stop);
      await exited;
      clearTimeout(timer);
      // The group may outlive its leader for a moment (extension host, language server): make sure it is gone.
      killGroup(child, 'SIGKILL');
    };

    try {
      await waitFor(
        async () => {
          if (spawnError) throw new Error(`code-server could not be started: ${spawnError.message}`);
          if (child.exitCode !== null || child.signalCode !== null) return 'exited';
          const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
          return response.ok;
        },
        TIMEOUT.serverStart,
        `code-server to answer on ${url}`,
        200,
      ).then((state) => {
        if (state === 'exited') throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
      });
    } catch (error) {
      await stop();
      const reason = error instanceof Error ? error.message : String(error);
      const addressInUse = /EADDRINUSE/.test(tail(logFile));
      if (addressInUse && attempt < 3) continue; // another process took the port between probe and bind
      throw new Error(`code-server did not start (${reason}). Last lines of ${logFile}:\n${tail(logFile)}`);
    }
    return { name, url, logFile, logTail: (lines) => tail(logFile, lines), stop };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Chromium

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless, with a fresh profile in the run folder. Playwright never downloads a browser here. */
export async function launchBrowser(name: string): Promise<BrowserContext> {
  const executablePath = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium is not installed at ${executablePath} (Debian package "chromium").`);
  const profile = join(runDir(), `chromium-${name}`);
  rmSync(profile, { recursive: true, force: true });
  try {
    return await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
      // The log panel's "Copy Report" writes to the clipboard; the tests read it back.
      permissions: ['clipboard-read', 'clipboard-write'],
      timeout: TIMEOUT.serverStart,
    });
  } catch (error) {
    throw new Error(`Chromium could not start (${executablePath}): ${error instanceof Error ? error.message : String(error)}`);
  }
}
