/** Which project a document belongs to: workspace folders, files outside them, untitled and foreign schemes. */

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { applyTextEdits, editsFor, Harness } from './harness';
import { BAD_PROCFILE, FLASK_APP, GOOD_PROCFILE, healthyProject } from './fixtures';

test('multi-root: each folder is its own project', async (t) => {
  const h = await Harness.for(t, { files: healthyProject, extraFolders: ['second folder'] });
  const first = h.uri('Procfile');
  const second = h.uri('../second folder/Procfile');
  h.open(first, GOOD_PROCFILE, 'procfile');
  h.open(second, BAD_PROCFILE, 'procfile');
  assert.deepEqual(await h.diagnosticItems(first), []);
  const items = await h.diagnosticItems(second);
  assert.equal(items.length, 1);
  assert.equal(items[0].code, 'procfile-syntax');
});

test('a workspace folder added later is picked up', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  const added = join(h.tempRoot, 'added later');
  mkdirSync(added);
  writeFileSync(join(added, 'Procfile'), BAD_PROCFILE);
  const mark = h.mark();
  void h.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
    event: { added: [{ uri: pathToFileURL(added).href, name: 'added later' }], removed: [] },
  });
  await h.waitFor('workspace/diagnostic/refresh', mark);
  const items = await h.diagnosticItems(pathToFileURL(join(added, 'Procfile')).href);
  assert.equal(items.length, 1);
});

test('a file outside every workspace folder is analysed with its own folder as the project', async (t) => {
  const h = await Harness.for(t, { noFolders: true });
  const loose = mkdtempSync(join(tmpdir(), 'loose ✓ '));
  t.after(() => rmSync(loose, { recursive: true, force: true }));
  writeFileSync(join(loose, 'app.py'), FLASK_APP);
  writeFileSync(join(loose, 'requirements.txt'), 'flask\ngunicorn\n');
  const uri = pathToFileURL(join(loose, 'Procfile')).href;
  h.open(uri, BAD_PROCFILE, 'procfile');
  const items = await h.diagnosticItems(uri);
  assert.equal(items.length, 1);
  const actions = await h.quickFixes(uri, items[0].range, items);
  const [change] = editsFor(actions.find((a) => a.isPreferred)?.edit, uri);
  assert.equal(applyTextEdits(BAD_PROCFILE, change.edits), GOOD_PROCFILE);
});

test('an untitled document is analysed alone, under a name from its language', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  const uri = 'untitled:Untitled-1';
  h.open(uri, BAD_PROCFILE, 'procfile');
  const items = await h.diagnosticItems(uri);
  const spacing = items.find((d) => d.range.end.character === 4);
  assert.ok(spacing, JSON.stringify(items));
  const actions = await h.quickFixes(uri, spacing.range, [spacing]);
  const preferred = actions.find((a) => a.isPreferred);
  const [change] = editsFor(preferred?.edit, uri);
  assert.equal(change.version, 1);
  assert.match(applyTextEdits(BAD_PROCFILE, change.edits), /^web: gunicorn/);

  const plain = 'untitled:Untitled-2';
  h.open(plain, BAD_PROCFILE, 'plaintext');
  assert.deepEqual(await h.diagnosticItems(plain), [], 'an untitled text of no known kind is not analysed');
});

test('documents of other schemes (git, output, …) get no diagnostics', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  for (const uri of ['git:/repo/Procfile?%7B%22ref%22%3A%22HEAD%22%7D', 'vscode-vfs://github/org/repo/Procfile', 'output:extension-output']) {
    h.open(uri, BAD_PROCFILE, 'procfile');
    assert.deepEqual(await h.diagnosticItems(uri), [], uri);
  }
});

test('a quick fix for a file with spaces and non-ASCII letters in its path addresses it by the URI the editor sent', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  // Percent-encoded ü and space, in lowercase hex: as valid as Node's uppercase spelling, and not what the
  // server would make of the path itself, so an edit that names this URI took it from the editor.
  const uri = h.uri('services/über api/Procfile').replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  assert.notEqual(uri, h.uri('services/über api/Procfile'));
  h.write('services/über api/app.py', FLASK_APP);
  h.open(uri, BAD_PROCFILE, 'procfile');
  const items = await h.diagnosticItems(uri);
  assert.equal(items.length, 1);
  const actions = await h.quickFixes(uri, items[0].range, items);
  const changes = editsFor(actions[0].edit, uri);
  assert.equal(changes.length, 1, 'the edit names the document by the very URI it was opened with');
});
