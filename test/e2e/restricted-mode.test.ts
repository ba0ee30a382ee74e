/**
 * Scenario g: restricted mode. Workspace trust is on (its own code-server with fresh user data, so no folder is
 * trusted yet); the user answers the trust prompt with "No, I don't trust the authors" and the folder opens in
 * restricted mode. Deploy Doctor declares `untrustedWorkspaces: supported` and never runs project code, so its
 * diagnostics must still appear.
 */

import { test } from 'node:test';
import { TIMEOUT, useCodeServer } from './harness';

const scenario = useCodeServer('restricted', {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'always',
  'security.workspace.trust.banner': 'always',
});

test('g: in restricted mode (untrusted folder) the Procfile diagnostic still appears', () =>
  scenario('procfile-pythonpath', 'g-restricted-mode', async (workbench) => {
    const { page } = workbench;
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Do you trust the authors of the files in this folder?' });
    await dialog.waitFor({ state: 'visible', timeout: TIMEOUT.workbench });
    await workbench.screenshot('trust-prompt');
    await dialog.getByRole('button', { name: "No, I don't trust the authors" }).click();
    await dialog.waitFor({ state: 'hidden', timeout: TIMEOUT.ui });
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: TIMEOUT.ui });

    await workbench.openFile('Procfile');
    await workbench.waitForErrorSquiggle();
    const rows = await workbench.openProblems();
    await rows.filter({ hasText: 'first-party-import-unresolvable' }).first().waitFor({ state: 'visible', timeout: TIMEOUT.ui });
    // Still restricted at the end: the diagnostics came without trusting the folder.
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: TIMEOUT.ui });
  }));
