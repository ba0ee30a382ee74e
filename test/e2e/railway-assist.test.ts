/**
 * Scenarios h–k: editing help for Railway configs and the Explorer's Deploy Plan view, through the UI of the
 * packaged extension in code-server. Fixtures: test/e2e/fixtures/railway-assist/{toml,toml-completion,json}.
 *   h. railway.toml: the hover over a `[deploy]` key gives its description and docs link; over a
 *      `restartPolicyType` value, its allowed values.
 *   i. railway.toml: `restartPolicyType = "` + Ctrl+Space offers ON_FAILURE, ALWAYS, NEVER; accepting ON_FAILURE
 *      and saving writes exactly `restartPolicyType = "ON_FAILURE"` (no doubled closing quote); on an empty line
 *      of `[deploy]` the keys are offered.
 *   j. railway.json: the same hover and value completion, next to VS Code's own JSON support (which reads the
 *      same schema): our hover's heading ("deploy.healthcheckTimeout — integer") and "Allowed:" line, and our
 *      unquoted value labels, are what only Deploy Doctor's server returns (server/src/engine/railway/assist.ts).
 *   k. The Deploy Plan view (collapsed at first) shows the service and "Start: <command>" from railway.toml;
 *      clicking the start node opens railway.toml with the command selected.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TIMEOUT, fixturesDir, useCodeServer, waitFor, type Scenario, type Workbench } from './harness';

const inCodeServer = useCodeServer('railway-assist');
/** The fixtures of this file live under test/e2e/fixtures/railway-assist/. */
const scenario: Scenario = (fixture, name, body) => inCodeServer(`railway-assist/${fixture}`, name, body);

const fixture = (name: string, file: string): string => readFileSync(join(fixturesDir, 'railway-assist', name, file), 'utf8');

const RESTART_POLICIES = ['ON_FAILURE', 'ALWAYS', 'NEVER'];
const HEALTHCHECK_TIMEOUT_DOC = 'Seconds Railway keeps retrying the healthcheck before the deploy fails.';
const HEALTHCHECK_DOCS_URL = 'https://docs.railway.com/deployments/healthchecks';
const ALLOWED_RESTART_POLICIES = 'Allowed: ON_FAILURE, ALWAYS, NEVER';

/** The hover over `healthcheckTimeout` is ours: heading with the key path and type, description, docs link (screenshot "key"). */
async function expectKeyHover(workbench: Workbench): Promise<void> {
  // The first request of the scenario: the language server may still be starting.
  const hover = await workbench.hoverOverText('healthcheckTimeout', 'deploy.healthcheckTimeout — integer', 'healthcheckTimeout', TIMEOUT.diagnostics);
  const text = (await hover.textContent()) ?? '';
  assert.ok(text.includes(HEALTHCHECK_TIMEOUT_DOC), `the hover does not describe healthcheckTimeout: ${text}`);
  assert.ok(text.includes('Default: 300'), `the hover does not give the default: ${text}`);
  const link = hover.locator('a', { hasText: 'Railway docs' }).first();
  await link.waitFor({ state: 'visible', timeout: TIMEOUT.ui });
  assert.equal(await link.getAttribute('data-href'), HEALTHCHECK_DOCS_URL, "the hover's docs link points elsewhere");
  await workbench.screenshot('key');
}

/** The hover over the restartPolicyType value `value` is ours: it names the key and lists the allowed values (screenshot "value"). */
async function expectValueHover(workbench: Workbench, value: string): Promise<void> {
  const hover = await workbench.hoverOverText(value, ALLOWED_RESTART_POLICIES, 'restartPolicyType');
  const text = (await hover.textContent()) ?? '';
  assert.ok(text.includes('deploy.restartPolicyType — one of 3 values'), `the value hover does not name its key: ${text}`);
  await workbench.screenshot('value');
}

/** Ends a hover: the mouse leaves the editor text and the widget goes. */
async function dismissHover(workbench: Workbench): Promise<void> {
  await workbench.page.mouse.move(0, 0);
  await workbench.hover.first().waitFor({ state: 'hidden', timeout: TIMEOUT.ui });
}

describe('Railway config assist and the Deploy Plan view (code-server)', () => {
  test('h: railway.toml hovers: a [deploy] key shows its description and docs link; a restartPolicyType value its allowed values', () =>
    scenario('toml', 'h-railway-toml-hover', async (workbench) => {
      await workbench.openFile('railway.toml');
      await expectKeyHover(workbench);
      await dismissHover(workbench);

      await expectValueHover(workbench, 'ALWAYS');
    }));

  test('i: railway.toml completion: restartPolicyType values (accepting ON_FAILURE writes no doubled quote) and [deploy] keys', () =>
    scenario('toml-completion', 'i-railway-toml-completion', async (workbench) => {
      const { page } = workbench;
      const original = fixture('toml-completion', 'railway.toml');
      assert.ok(original.endsWith('healthcheckTimeout = 120\n'), 'the fixture changed');
      await workbench.openFile('railway.toml');

      // A new line at the end of [deploy]; the editor closes the quote as it is typed: restartPolicyType = "|"
      await workbench.cursorToEndOf('healthcheckTimeout = 120');
      await page.keyboard.press('Enter');
      await page.keyboard.type('restartPolicyType = "');
      const values = await workbench.suggest(RESTART_POLICIES, TIMEOUT.diagnostics);
      assert.deepEqual(values.slice(0, 3), RESTART_POLICIES, 'the restart policies are not offered first, in schema order');
      await workbench.screenshot('values');
      await workbench.acceptSuggestion('ON_FAILURE');
      await workbench.save();
      await workbench.expectFileContent('railway.toml', original.replace('healthcheckTimeout = 120\n', 'healthcheckTimeout = 120\nrestartPolicyType = "ON_FAILURE"\n'));

      // An empty line in [deploy]: its keys.
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      const keys = await workbench.suggest(['startCommand', 'healthcheckPath']);
      assert.ok(!keys.includes('healthcheckTimeout') && !keys.includes('restartPolicyType'), `keys already in [deploy] are offered again: ${JSON.stringify(keys)}`);
      await workbench.screenshot('keys');
      await page.keyboard.press('Escape');
      await workbench.suggestWidget.waitFor({ state: 'hidden', timeout: TIMEOUT.ui });
    }));

  test("j: railway.json: our hover and value completion are offered beside VS Code's JSON support", () =>
    scenario('json', 'j-railway-json-assist', async (workbench) => {
      const { page } = workbench;
      const original = fixture('json', 'railway.json');
      assert.ok(original.includes('    "healthcheckTimeout": 120\n  }'), 'the fixture changed');
      await workbench.openFile('railway.json');
      await expectKeyHover(workbench);
      await dismissHover(workbench);

      // A new last property of "deploy"; the editor closes each quote as it is typed: "restartPolicyType": "|"
      await workbench.cursorToEndOf('"healthcheckTimeout": 120');
      await page.keyboard.type(',');
      await page.keyboard.press('Enter');
      await page.keyboard.type('"restartPolicyType": "');
      // Our items carry the bare value as their label; the JSON language service labels its own `"ON_FAILURE"`.
      await workbench.suggest(RESTART_POLICIES);
      await workbench.screenshot('values');
      await workbench.acceptSuggestion('ON_FAILURE');
      await workbench.save();
      await workbench.expectFileContent('railway.json', original.replace('    "healthcheckTimeout": 120\n', '    "healthcheckTimeout": 120,\n    "restartPolicyType": "ON_FAILURE"\n'));

      await expectValueHover(workbench, 'ON_FAILURE');
    }));

  test('k: the Deploy Plan view shows the start command from railway.toml; its node opens the file with the command selected', () =>
    scenario('toml', 'k-deploy-plan-view', async (workbench) => {
      const { page } = workbench;
      const toml = fixture('toml', 'railway.toml');
      const command = /^startCommand = "(.*)"$/m.exec(toml)?.[1];
      assert.ok(command, 'the fixture has no startCommand');
      const lines = toml.split('\n');
      const line = lines.findIndex((text) => text.startsWith('startCommand'));
      const column = lines[line].indexOf(command);

      const header = page.locator('.pane-header[aria-label="Deploy Plan Section"]');
      await header.waitFor({ state: 'visible', timeout: TIMEOUT.diagnostics });
      assert.equal(await header.getAttribute('aria-expanded'), 'false', 'the Deploy Plan view is expected to start collapsed');
      await header.click();
      await waitFor(async () => (await header.getAttribute('aria-expanded')) === 'true', TIMEOUT.ui, 'the Deploy Plan view to expand');

      const view = page.locator('.pane', { has: header });
      const row = (label: string) => view.locator('.monaco-list-row[role="treeitem"]', { has: page.locator('.label-name', { hasText: label }) }).first();
      const service = row('project root');
      await service.waitFor({ state: 'visible', timeout: TIMEOUT.diagnostics });
      assert.match((await service.textContent()) ?? '', /RAILPACK · Railway/, 'the service row does not show its builder and platform');
      const start = row(`Start: ${command}`);
      await start.waitFor({ state: 'visible', timeout: TIMEOUT.ui });
      assert.match((await start.textContent()) ?? '', /deploy\.startCommand in railway\.toml/, 'the start node does not say where the command is written');
      await workbench.screenshot('view');

      await start.click();
      await workbench.waitForActiveTab('railway.toml');
      // The status bar gives the cursor, which a selection leaves at its end: the command's last column + 1.
      const expected = `Ln ${line + 1}, Col ${column + command.length + 1} (${command.length} selected)`;
      await waitFor(
        async () => {
          const shown = ((await workbench.cursorPosition.textContent({ timeout: 1_000 })) ?? '').trim();
          if (shown !== expected) throw new Error(`the status bar shows "${shown}"`);
          return true;
        },
        TIMEOUT.ui,
        `the status bar to show the start command selected: "${expected}"`,
      );
    }));
});
