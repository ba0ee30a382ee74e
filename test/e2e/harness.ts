/**
 * The end-to-end harness: code-server (VS Code 1.100 in the browser) with the packaged extension installed,
 * driven through its UI by Playwright in Debian's Chromium. `npm run test:e2e` (scripts/e2e/run.mjs) sets it up
 * and runs the *.test.ts files beside this one. The parts:
 *   common.ts       paths, deadlines and `waitFor` (every wait polls with a deadline; nothing sleeps)
 *   code-server.ts  the processes: code-server with its own user data, headless Chromium
 *   workbench.ts    the workbench through its UI: Explorer, editor, hovers, Quick Fix, Problems, palette, webviews
 *   harness.ts      this file: scenarios, each in a fresh copy of a fixture workspace in a new page
 * Test files import everything from here.
 *
 * Every scenario ends with a screenshot in test/e2e/artifacts/<scenario>.png (and a .log beside it on failure).
 */

import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser, runDir, startCodeServer, type CodeServer } from './code-server';
import { artifactsDir, fixturesDir } from './common';
import { Workbench } from './workbench';

export { TIMEOUT, fixturesDir, repoRoot, waitFor } from './common';
export type { Workbench } from './workbench';

/** A fresh copy of a fixture workspace under the run folder. */
function copyFixture(fixture: string, scenario: string): string {
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
async function inWorkspace(
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

/** Runs `body` as the scenario `name` in a fresh copy of the fixture workspace `fixture`. */
export type Scenario = (fixture: string, name: string, body: (workbench: Workbench) => Promise<void>) => Promise<void>;

/**
 * One code-server (user settings = BASE_SETTINGS + `settings`) and one Chromium for the whole test file: started
 * before its first test and stopped after its last (node:test hooks). Returns the scenario runner over them.
 */
export function useCodeServer(name: string, settings: Record<string, unknown> = {}): Scenario {
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  before(async () => {
    server = await startCodeServer(name, settings);
    browser = await launchBrowser(name);
  });
  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });
  return (fixture, scenario, body) => {
    assert.ok(server && browser, 'code-server and Chromium were not started');
    return inWorkspace(browser, server, fixture, scenario, body);
  };
}
