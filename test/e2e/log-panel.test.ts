/**
 * Scenarios e–f: the "Analyze Deploy Log" panel, through its UI. The panel is a webview, so its page lives in
 * nested iframes (the workbench's `iframe.webview`, then `#active-frame`); the panel's stable selectors are its
 * `data-testid`s (client/webview/render.ts).
 *   e. Command Palette → Deploy Doctor: Analyze Deploy Log → "Paste into the Panel" → paste a seed-shaped log →
 *      Analyze → the root-cause card (category, evidence) → Copy Report puts Markdown on the clipboard → its file
 *      link opens the Procfile with the start command's module selected on line 1 → Apply Fix changes the
 *      Procfile (saved, then checked on disk) and its squiggle goes away.
 *   f. A log full of HTML and script is shown as text and runs nothing.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TIMEOUT, fixturesDir, useCodeServer, waitFor, type Workbench } from './harness';

const scenario = useCodeServer('log-panel');

const log = (name: string): string => readFileSync(join(fixturesDir, 'logs', name), 'utf8');

/** Opens the panel from the Command Palette, choosing "Paste into the Panel", and waits for its paste box. */
async function openPanel(workbench: Workbench) {
  const { page } = workbench;
  await workbench.runCommand('Deploy Doctor: Analyze Deploy Log');
  const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Paste into the Panel' });
  await choice.waitFor({ state: 'visible', timeout: TIMEOUT.ui });
  await choice.click();
  await workbench.waitForActiveTab('Deploy Log');
  const panel = workbench.webview();
  await panel.getByTestId('log-input').waitFor({ state: 'visible', timeout: TIMEOUT.workbench });
  return panel;
}

describe('Analyze Deploy Log panel (code-server)', () => {
  test('e: a pasted log shows the root cause; its link opens the Procfile at the start command; Apply Fix changes the file', () =>
    scenario('procfile-pythonpath', 'e-log-panel', async (workbench) => {
      const { page } = workbench;
      const panel = await openPanel(workbench);
      await panel.getByTestId('log-input').fill(log('procfile-pythonpath.log'));
      await panel.getByTestId('analyze-button').click();

      const card = panel.getByTestId('root-cause');
      await card.waitFor({ state: 'visible', timeout: TIMEOUT.diagnostics });
      const cardText = (await card.textContent()) ?? '';
      assert.ok(cardText.includes('module_not_found_pythonpath'), `the root cause is not module_not_found_pythonpath: ${cardText}`);
      assert.ok(cardText.includes("No module named 'backend'"), `the root-cause card shows no evidence line: ${cardText}`);
      await workbench.screenshot('root-cause');

      // Copy Report puts the diagnosis on the clipboard as Markdown.
      await panel.getByTestId('copy-report').click();
      await panel.getByTestId('notice').filter({ hasText: 'Report copied' }).waitFor({ state: 'visible', timeout: TIMEOUT.ui });
      const report = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
      assert.ok(report.includes("No module named 'backend'") && report.includes('PYTHONPATH=.'), `the copied report does not describe the cause:\n${report}`);

      // The link opens the Procfile with the start command's app module selected (line 1).
      const link = card.getByTestId('location-link').first();
      assert.match((await link.textContent()) ?? '', /Procfile/);
      await link.click();
      await workbench.waitForActiveTab('Procfile');
      // The location is the app module in the start command: line 1, selected.
      await waitFor(async () => /^Ln 1, Col \d+ \(\d+ selected\)$/.test(((await workbench.cursorPosition.textContent()) ?? '').trim()), TIMEOUT.ui, 'the start command on line 1 of the Procfile to be selected');
      await workbench.waitForErrorSquiggle();

      // Back in the panel, Apply Fix edits the Procfile.
      await workbench.switchToTab('Deploy Log');
      const apply = panel.getByTestId('root-cause').getByTestId('apply-fix').first();
      await apply.waitFor({ state: 'visible', timeout: TIMEOUT.ui });
      assert.match((await apply.getAttribute('aria-label')) ?? '', /PYTHONPATH=\./);
      await apply.click();
      await waitFor(async () => (await apply.getAttribute('data-state')) === 'applied', TIMEOUT.ui, 'the fix to be applied');
      await workbench.screenshot('fix-applied');

      await workbench.switchToTab('Procfile');
      await workbench.save();
      await workbench.expectFileContent('Procfile', 'web: PYTHONPATH=. gunicorn --chdir server wsgi:app --workers 2 --timeout 30 --bind 0.0.0.0:$PORT\n');
      await waitFor(async () => (await workbench.errorSquiggles.count()) === 0, TIMEOUT.diagnostics, 'the squiggle to go away after the fix');
    }));

  test('f: a hostile log is shown as text and runs nothing', () =>
    scenario('procfile-pythonpath', 'f-hostile-log', async (workbench) => {
      const panel = await openPanel(workbench);
      await panel.getByTestId('log-input').fill(log('hostile.log'));
      await panel.getByTestId('analyze-button').click();

      const output = panel.getByTestId('output');
      const payload = '<img src=x onerror=window.__pwned=1>';
      // The payload comes back as an evidence line of the diagnosis: visible, as text.
      await output.getByText(payload, { exact: false }).first().waitFor({ state: 'visible', timeout: TIMEOUT.diagnostics });
      await workbench.screenshot('rendered');

      // Nothing from the log became markup in the panel's page: no image, no element with an event handler,
      // no <b>, and the only scripts are VS Code's webview API shim and the panel's own nonce'd bundle.
      const frame = await workbench.webviewFrame();
      // (No helper functions inside: tsx would wrap them in a `__name` call that does not exist in the page.)
      const found = await frame.evaluate(() => {
        type Element = { id: string; outerHTML: string; textContent: string | null; getAttribute(name: string): string | null };
        const doc = (globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<Element> } }).document;
        return {
          pwned: (globalThis as Record<string, unknown>).__pwned,
          images: Array.from(doc.querySelectorAll('img')).length,
          bold: Array.from(doc.querySelectorAll('[data-testid="output"] b')).length,
          handlers: Array.from(doc.querySelectorAll('[onerror], [onload], [onclick], [onmouseover]')).length,
          unexpectedScripts: Array.from(doc.querySelectorAll('script'))
            .filter((script) => !(script.id === '_vscodeApiScript' || (script.getAttribute('nonce') && /\/dist\/webview\.js$/.test(script.getAttribute('src') ?? ''))))
            .map((script) => script.outerHTML.slice(0, 200)),
          scriptsMentioningPayload: Array.from(doc.querySelectorAll('script')).filter((script) => (script.textContent ?? '').includes('__pwned')).length,
        };
      });
      assert.deepEqual(found, { pwned: undefined, images: 0, bold: 0, handlers: 0, unexpectedScripts: [], scriptsMentioningPayload: 0 });
      for (const other of workbench.page.frames()) {
        assert.equal(await other.evaluate(() => (globalThis as Record<string, unknown>).__pwned).catch(() => undefined), undefined, `window.__pwned was set in ${other.url()}`);
      }
    }));
});
