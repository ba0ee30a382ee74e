/**
 * The end-to-end harness: code-server (VS Code 1.100 in the browser) with the packaged extension installed,
 * driven through its UI by Playwright in Debian's Chromium. scripts/e2e/run.mjs (`npm run test:e2e`) installs
 * code-server, packages and installs the .vsix, then runs the *.test.ts files beside this one with these
 * variables set:
 *   E2E_CODE_SERVER_ENTRY  code-server's out/node/entry.js
 *   E2E_EXTENSIONS_DIR     the extensions folder holding the installed .vsix
 *   E2E_RUN_DIR            scratch space of this run (user data, browser profiles, workspace copies)
 *   E2E_CHROMIUM           the browser (default /usr/bin/chromium)
 *
 * Every wait polls for state with a deadline and a message saying what did not happen; nothing sleeps for a
 * fixed time. Every scenario ends with a screenshot in test/e2e/artifacts/<scenario>.png (and a .log beside it
 * on failure), and every process started here is stopped when the test file ends, whatever happened.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const fixturesDir = join(here, 'fixtures');
export const artifactsDir = join(here, 'artifacts');

/** Deadlines, generous for a loaded 2-core machine; a passing run meets each in a fraction of it. */
export const TIMEOUT = {
  serverStart: 60_000,
  workbench: 90_000,
  /** Opening a file → its first diagnostics: extension activation + language server start + first analysis. */
  diagnostics: 60_000,
  ui: 20_000,
  stop: 10_000,
} as const;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with "npm run test:e2e", which installs code-server and the extension first.`);
  return value;
}

export const runDir = (): string => requiredEnv('E2E_RUN_DIR');

// ---------------------------------------------------------------------------------------------------------------
// Polling

export type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Calls `probe` until it returns something truthy and returns that; throws after `timeout` ms with `message`
 * and the last value or error seen. Probes may throw while the UI is still settling.
 */
export async function waitFor<T>(probe: () => T | Promise<T>, timeout: number, message: string, interval = 100): Promise<Truthy<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as Truthy<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message.split('\n')[0] : JSON.stringify(last);
      throw new Error(`Timed out after ${(timeout / 1000).toFixed(0)} s waiting for ${message} (last: ${detail})`);
    }
    await new Promise((done) => setTimeout(done, interval));
  }
}

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

// ---------------------------------------------------------------------------------------------------------------
// Workspaces and scenarios

/** A fresh copy of a fixture workspace under the run folder. */
export function copyFixture(fixture: string, scenario: string): string {
  const source = join(fixturesDir, fixture);
  if (!existsSync(source)) throw new Error(`No fixture workspace ${fixture} in ${fixturesDir}`);
  const target = join(runDir(), 'workspaces', scenario);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true });
  return target;
}

/**
 * Runs one scenario in a fresh copy of `fixture`, in a new page of `browser` opened on that folder. A screenshot
 * is saved at the end whatever happened; a failure also leaves the browser console and code-server's log.
 */
export async function inWorkspace(
  context: BrowserContext,
  server: CodeServer,
  fixture: string,
  scenario: string,
  body: (workbench: Workbench) => Promise<void>,
): Promise<void> {
  const folder = copyFixture(fixture, scenario);
  mkdirSync(artifactsDir, { recursive: true });
  const page = await context.newPage();
  const browserConsole: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') browserConsole.push(`[${message.type()}] ${message.text()}`);
  });
  page.on('pageerror', (error) => browserConsole.push(`[pageerror] ${error.message}`));
  try {
    const workbench = await Workbench.open(page, server, folder, scenario);
    await body(workbench);
  } catch (error) {
    const report = [
      `scenario ${scenario} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      '',
      '--- browser console (errors and warnings) ---',
      ...browserConsole.slice(-60),
      '',
      `--- code-server log (${server.logFile}) ---`,
      server.logTail(60),
    ].join('\n');
    writeFileSync(join(artifactsDir, `${scenario}.log`), `${report}\n`);
    throw error;
  } finally {
    await page.screenshot({ path: join(artifactsDir, `${scenario}.png`) }).catch(() => {});
    await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The workbench, through its UI

export class Workbench {
  private constructor(
    readonly page: Page,
    readonly folder: string,
    readonly scenario: string,
  ) {}

  static async open(page: Page, server: CodeServer, folder: string, scenario: string): Promise<Workbench> {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`, { timeout: TIMEOUT.workbench });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: TIMEOUT.workbench });
    const workbench = new Workbench(page, folder, scenario);
    // The Explorer lists the folder once the remote file system answers.
    await page.locator('.explorer-folders-view .monaco-list-row[role="treeitem"]').first().waitFor({ state: 'visible', timeout: TIMEOUT.workbench });
    return workbench;
  }

  /** Saves a screenshot of the page now as test/e2e/artifacts/<scenario>-<label>.png. */
  async screenshot(label: string): Promise<void> {
    mkdirSync(artifactsDir, { recursive: true });
    await this.page.screenshot({ path: join(artifactsDir, `${this.scenario}-${label}.png`) });
  }

  /** The editor area (not the hovers and widgets floating above it). */
  get editor(): Locator {
    return this.page.locator('.part.editor .editor-instance .monaco-editor').first();
  }

  get errorSquiggles(): Locator {
    return this.page.locator('.part.editor .editor-instance .monaco-editor .squiggly-error');
  }

  /** The hover widget that is showing (VS Code keeps hidden ones in the DOM). */
  get hover(): Locator {
    return this.page.locator('.monaco-hover:not(.hidden)').filter({ has: this.page.locator('.hover-contents') });
  }

  explorerItem(name: string): Locator {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[role="treeitem"][aria-label="${name}"]`);
  }

  /** Opens a file at the top of the workspace by clicking it in the Explorer, and waits until its editor shows it. */
  async openFile(name: string): Promise<void> {
    const item = this.explorerItem(name);
    await item.waitFor({ state: 'visible', timeout: TIMEOUT.ui });
    await item.click();
    await this.page.locator('.part.editor .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: TIMEOUT.ui });
    await this.editor.locator('.view-lines').waitFor({ state: 'visible', timeout: TIMEOUT.ui });
  }

  /** Waits for the first error squiggle in the editor (the language server's diagnostics have arrived). */
  async waitForErrorSquiggle(): Promise<Locator> {
    const squiggle = this.errorSquiggles.first();
    await squiggle.waitFor({ state: 'visible', timeout: TIMEOUT.diagnostics }).catch((error: unknown) => {
      throw new Error(`No error squiggle appeared in ${this.scenario} within ${TIMEOUT.diagnostics / 1000} s: ${(error as Error).message.split('\n')[0]}`);
    });
    return squiggle;
  }

  /**
   * The text under the squiggle: the rendered line it sits on, cut at the columns its left and right edges
   * fall on (the editor font is monospace, so a column is the line's width over its length).
   */
  async textUnder(squiggle: Locator): Promise<string> {
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('The squiggle has no position on screen');
    for (const line of await this.editor.locator('.view-lines .view-line').all()) {
      const lineBox = await line.boundingBox();
      if (!lineBox || box.y + box.height / 2 < lineBox.y || box.y + box.height / 2 > lineBox.y + lineBox.height) continue;
      const text = ((await line.textContent()) ?? '').replace(/\u00a0/g, ' ');
      const content = line.locator(':scope > span');
      const contentBox = await content.boundingBox();
      if (!contentBox || !text.length) return '';
      const column = contentBox.width / text.length;
      const start = Math.round((box.x - contentBox.x) / column);
      const end = Math.round((box.x + box.width - contentBox.x) / column);
      return text.slice(start, end);
    }
    throw new Error('No editor line under the squiggle');
  }

  /** Moves the mouse over the squiggle until the marker hover shows, re-hovering if it does not come up. */
  async hoverOver(squiggle: Locator): Promise<Locator> {
    return waitFor(
      async () => {
        const box = await squiggle.boundingBox();
        if (!box) return false;
        await this.page.mouse.move(box.x - 40, box.y + box.height * 2 + 200);
        await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
        const hover = this.hover.first();
        await hover.waitFor({ state: 'visible', timeout: 3_000 });
        return hover;
      },
      TIMEOUT.ui,
      'the hover over the squiggle',
    );
  }

  /**
   * The screen point in the middle of `text` on the first rendered editor line that contains `line` (default:
   * `text` itself), found the way `textUnder` reads columns (the editor font is monospace).
   */
  async pointAt(text: string, line = text): Promise<{ x: number; y: number }> {
    let best: { x: number; y: number } | undefined;
    for (const row of await this.editor.locator('.view-lines .view-line').all()) {
      const rendered = ((await row.textContent()) ?? '').replace(/\u00a0/g, ' ');
      const lineAt = rendered.indexOf(line);
      const index = lineAt < 0 ? -1 : rendered.indexOf(text, lineAt);
      if (index < 0) continue;
      const rowBox = await row.boundingBox();
      const contentBox = await row.locator(':scope > span').boundingBox();
      if (!rowBox || !contentBox) continue;
      const column = contentBox.width / rendered.length;
      const point = { x: contentBox.x + (index + text.length / 2) * column, y: rowBox.y + rowBox.height / 2 };
      if (!best || point.y < best.y) best = point;
    }
    if (!best) throw new Error(`no editor line shows "${text}"${line === text ? '' : ` in a line with "${line}"`}`);
    return best;
  }

  /**
   * Moves the mouse over `text` (on the first line containing `line`) until a hover shows that contains
   * `expected`, re-hovering if it does not come up (the language server may still be starting: give the first
   * request of a scenario TIMEOUT.diagnostics).
   */
  async hoverOverText(text: string, expected: string, line = text, timeout: number = TIMEOUT.ui): Promise<Locator> {
    const hover = this.hover.first();
    return waitFor(
      async () => {
        const point = await this.pointAt(text, line);
        await this.page.mouse.move(point.x - 40, point.y + 300);
        await hover.waitFor({ state: 'hidden', timeout: 3_000 });
        await this.page.mouse.move(point.x, point.y, { steps: 4 });
        await hover.waitFor({ state: 'visible', timeout: 3_000 });
        await waitFor(async () => ((await hover.textContent()) ?? '').includes(expected), 3_000, `the hover to say "${expected}"`);
        return hover;
      },
      timeout,
      `a hover over "${text}" that says "${expected}"`,
    );
  }

  /** Clicks the first editor line that contains `text` and puts the cursor at its end. */
  async cursorToEndOf(text: string): Promise<void> {
    const point = await this.pointAt(text);
    await this.page.mouse.click(point.x, point.y);
    await this.page.keyboard.press('End');
  }

  /** The suggest widget while it shows. */
  get suggestWidget(): Locator {
    return this.page.locator('.part.editor .monaco-editor .suggest-widget.visible');
  }

  /** The labels of the rows the suggest widget shows. */
  async suggestLabels(): Promise<string[]> {
    return this.suggestWidget.locator('.monaco-list-row .label-name').evaluateAll((elements) => elements.map((element) => element.textContent ?? ''));
  }

  /**
   * Opens the suggest widget at the cursor (Ctrl+Space) until it offers every label in `expected` (closing and
   * reopening it when it does not: the language server may still be starting); returns the labels it shows.
   */
  async suggest(expected: readonly string[], timeout: number = TIMEOUT.ui): Promise<string[]> {
    let labels: string[] = [];
    await waitFor(
      async () => {
        // Ctrl+Space on an open widget would toggle its details instead of asking again.
        if (await this.suggestWidget.isVisible()) {
          await this.page.keyboard.press('Escape');
          await this.suggestWidget.waitFor({ state: 'hidden', timeout: 2_000 });
        }
        await this.page.keyboard.press('Control+Space');
        await this.suggestWidget.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 3_000 });
        return waitFor(
          async () => {
            labels = await this.suggestLabels();
            return expected.every((label) => labels.includes(label));
          },
          3_000,
          `the suggestions to include ${JSON.stringify(expected)}`,
        );
      },
      timeout,
      `the suggest widget to offer ${JSON.stringify(expected)} (it offered ${JSON.stringify(labels)})`,
    );
    return labels;
  }

  /** Selects the suggestion labelled exactly `label` with the arrow keys and accepts it with Enter. */
  async acceptSuggestion(label: string): Promise<void> {
    const focused = this.suggestWidget.locator('.monaco-list-row.focused .label-name');
    await waitFor(
      async () => {
        if ((await focused.textContent({ timeout: 1_000 })) === label) return true;
        await this.page.keyboard.press('ArrowDown');
        return false;
      },
      TIMEOUT.ui,
      `"${label}" to be selected in the suggest widget`,
    );
    await this.page.keyboard.press('Enter');
    await this.suggestWidget.waitFor({ state: 'hidden', timeout: TIMEOUT.ui });
  }

  /** The status bar's cursor position, e.g. "Ln 5, Col 17 (51 selected)". */
  get cursorPosition(): Locator {
    return this.page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first();
  }

  /**
   * Puts the cursor on the squiggle, opens the Quick Fix menu (Ctrl+.) and runs the action titled `title` with
   * the keyboard (the menu blocks pointer events until the mouse moves, which makes clicks unreliable).
   */
  async applyQuickFix(squiggle: Locator, title: string): Promise<void> {
    const menu = this.page.locator('.action-widget');
    const rows = menu.locator('.monaco-list-row.action');
    await waitFor(
      async () => {
        if (await menu.isVisible()) await this.page.keyboard.press('Escape');
        const box = await squiggle.boundingBox();
        if (!box) return false;
        await this.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await this.page.keyboard.press('Control+.');
        await rows.first().waitFor({ state: 'visible', timeout: 3_000 });
        const titles = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
        if (!titles.includes(title)) throw new Error(`the Quick Fix menu offers ${JSON.stringify(titles)}`);
        return true;
      },
      TIMEOUT.ui,
      `the Quick Fix menu to offer "${title}"`,
    );
    const focused = menu.locator('.monaco-list-row.action.focused');
    await waitFor(
      async () => {
        if ((await focused.getAttribute('aria-label', { timeout: 1_000 })) === title) return true;
        await this.page.keyboard.press('ArrowDown');
        return false;
      },
      TIMEOUT.ui,
      `"${title}" to be selected in the Quick Fix menu`,
    );
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: TIMEOUT.ui });
  }

  /** Saves the active editor with Ctrl+S and waits until its tab is no longer dirty. */
  async save(): Promise<void> {
    await this.editor.click({ position: { x: 5, y: 5 } }).catch(() => {});
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.part.editor .tab.active.dirty').waitFor({ state: 'detached', timeout: TIMEOUT.ui });
  }

  /** Waits until `file` (relative to the workspace) holds exactly `expected` on disk. */
  async expectFileContent(file: string, expected: string): Promise<void> {
    const path = join(this.folder, file);
    let actual = '';
    try {
      await waitFor(
        () => {
          actual = readFileSync(path, 'utf8');
          return actual === expected;
        },
        TIMEOUT.ui,
        `${file} to hold the expected text`,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\nexpected: ${JSON.stringify(expected)}\nactual:   ${JSON.stringify(actual)}`);
    }
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its rows. */
  async openProblems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible', timeout: TIMEOUT.ui });
    }
    return panel.locator('.monaco-list-row');
  }

  /**
   * Runs a command from the Command Palette by its title. The palette lists what is registered when it opens,
   * and a workbench that has just loaded may not have read the extensions' contributions yet: when the command
   * is not offered, the palette is closed and opened again.
   */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    const match = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await waitFor(
      async () => {
        if (await input.isVisible()) {
          await this.page.keyboard.press('Escape');
          await input.waitFor({ state: 'hidden', timeout: 2_000 });
        }
        await this.page.keyboard.press('Control+Shift+P');
        await input.waitFor({ state: 'visible', timeout: 2_000 });
        await input.fill(`>${title}`);
        await match.waitFor({ state: 'visible', timeout: 3_000 });
        return true;
      },
      TIMEOUT.ui,
      `the Command Palette to offer "${title}"`,
    );
    await waitFor(
      async () => (await this.page.locator('.quick-input-list .monaco-list-row.focused').textContent({ timeout: 1_000 }))?.includes(title),
      TIMEOUT.ui,
      `"${title}" to be the first match in the Command Palette`,
    );
    await this.page.keyboard.press('Enter');
  }

  /** The page of the open webview panel: nested iframes, the workbench's `iframe.webview`, then its `#active-frame`. */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }
}
