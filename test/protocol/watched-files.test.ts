/** Changes on disk, reported by the client's file watchers, reach diagnostics of files nobody has open. */

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { Harness } from './harness';
import { BAD_PROCFILE, FLASK_APP, GOOD_PROCFILE, healthyProject } from './fixtures';

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

test('a Procfile changed on disk makes the server ask for a refresh, and the new content is analysed', async (t) => {
  const h = await Harness.for(t, { files: { ...healthyProject, Procfile: GOOD_PROCFILE } });
  const uri = h.uri('Procfile');
  assert.deepEqual(await h.diagnosticItems(uri), [], 'a file that is not open is read from disk');

  h.write('Procfile', BAD_PROCFILE);
  const mark = h.mark();
  h.watchedFilesChanged([{ uri, type: CHANGED }]);
  await h.waitFor('workspace/diagnostic/refresh', mark);
  const items = await h.diagnosticItems(uri);
  assert.equal(items.length, 1);
  assert.equal(items[0].code, 'procfile-syntax');
});

test('created and deleted files update the project listing', async (t) => {
  const h = await Harness.for(t, { files: { ...healthyProject, 'api/app.py': FLASK_APP, 'api/requirements.txt': 'flask\ngunicorn\n' } });
  const uri = h.uri('api/Procfile');
  assert.deepEqual(await h.diagnosticItems(uri), [], 'nothing there yet');

  h.write('api/Procfile', BAD_PROCFILE);
  let mark = h.mark();
  h.watchedFilesChanged([{ uri, type: CREATED }]);
  await h.waitFor('workspace/diagnostic/refresh', mark);
  const created = await h.diagnosticItems(uri);
  assert.deepEqual(created.map((d) => d.code), ['procfile-syntax'], 'the new file is part of the project');

  rmSync(h.path('api/Procfile'));
  mark = h.mark();
  h.watchedFilesChanged([{ uri, type: DELETED }]);
  await h.waitFor('workspace/diagnostic/refresh', mark);
  assert.deepEqual(await h.diagnosticItems(uri), []);
});

test('the open editor text wins over the file on disk', async (t) => {
  const h = await Harness.for(t, { files: { ...healthyProject, Procfile: BAD_PROCFILE } });
  const uri = h.uri('Procfile');
  h.open(uri, GOOD_PROCFILE, 'procfile');
  assert.deepEqual(await h.diagnosticItems(uri), []);
  h.close(uri);
  assert.equal((await h.diagnosticItems(uri)).length, 1, 'after closing, the disk content counts again');
});
