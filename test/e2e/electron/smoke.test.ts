/**
 * Extension-host smoke test for VS Code desktop through @vscode/test-electron (`npm run test:electron`, config in
 * .vscode-test.mjs). It needs a machine that can download VS Code, so neither `npm test` nor CI runs it: CI
 * proves the extension in code-server instead (test/e2e/*.test.ts). Bundled to CommonJS by .vscode-test.mjs,
 * because the extension host's mocha loads test files with require().
 *
 * The workspace is test/e2e/fixtures/procfile-pythonpath, opened read-only: nothing here edits it.
 */

import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'deploy-doctor.deploy-doctor';

async function poll<T>(probe: () => T | undefined, timeout: number, message: string): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout / 1000} s waiting for ${message}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

suite('Deploy Doctor in VS Code desktop', () => {
  test('activates, reports the Procfile diagnostic with its docs link, and offers the PYTHONPATH fix', async function (this: Mocha.Context) {
    this.timeout(90_000);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open (.vscode-test.mjs sets workspaceFolder)');

    const procfile = vscode.Uri.joinPath(folder.uri, 'Procfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(procfile));
    await extension.activate();
    assert.ok(extension.isActive, 'the extension did not activate');

    const diagnostic = await poll(
      () => vscode.languages.getDiagnostics(procfile).find((d) => d.source === 'deploy-doctor'),
      60_000,
      'a deploy-doctor diagnostic on the Procfile',
    );
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    assert.equal(code, 'first-party-import-unresolvable');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(typeof diagnostic.code === 'object' ? diagnostic.code.target.toString() : '', /\/docs\/rules\/first-party-import-unresolvable\.md$/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', procfile, diagnostic.range);
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Prepend PYTHONPATH=. to the start command'), `code actions offered: ${JSON.stringify(titles)}`);
  });
});
