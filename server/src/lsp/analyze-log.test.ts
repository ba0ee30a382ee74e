/** The wire shape of a log diagnosis: titles, file URIs on locations, versioned workspace edits on fixes. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogDiagnosis } from '../engine/index';
import { toResult } from './analyze-log';
import type { FileResolver } from './workspace';

const PROCFILE = 'web: gunicorn wsgi:app\n';

const files: FileResolver = {
  uri: (path) => (path === 'untitled-only' ? undefined : `file:///home/me/my%20app/${path}`),
  version: (path) => (path === 'Procfile' ? 7 : null),
  read: (path) => (path === 'Procfile' ? PROCFILE : undefined),
};

const diagnosis: LogDiagnosis = {
  platform: 'heroku',
  redactions: 1,
  lines: 40,
  causes: [
    {
      category: 'module_not_found_pythonpath',
      ruleId: 'first-party-import-unresolvable',
      confidence: 0.9,
      message: "No module named 'backend'",
      evidence: [{ line: 12, text: "ModuleNotFoundError: No module named 'backend'" }],
      locations: [
        { file: 'Procfile', range: { start: { line: 0, character: 5 }, end: { line: 0, character: 22 } }, label: 'the web process' },
        { file: 'untitled-only', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
      ],
      fixes: [
        { title: 'Prepend PYTHONPATH=. to the start command', isPreferred: true, edits: [{ file: 'Procfile', range: { start: 5, end: 5 }, text: 'PYTHONPATH=. ' }] },
        { title: 'Set the Root Directory in the dashboard' },
      ],
      explains: ['http_502'],
      signature: 'python.module-not-found',
      values: { module: 'backend' },
    },
  ],
  symptoms: [{ id: 'http_502', message: 'The router answered 502.', evidence: [{ line: 30, text: 'at=error code=H10' }], signature: 'heroku.h10', explainedBy: ['module_not_found_pythonpath'] }],
};

test('locations get file URIs (those that have none are left out) and fixes a versioned workspace edit', () => {
  const result = toResult(diagnosis, files, 'file:///home/me/my%20app');
  const cause = result.causes[0];
  assert.equal(cause.title, 'Module not found on the import path');
  assert.deepEqual(cause.locations, [{ ...diagnosis.causes[0].locations[0], uri: 'file:///home/me/my%20app/Procfile' }]);
  assert.deepEqual(cause.fixes[0].edit, {
    documentChanges: [
      {
        textDocument: { uri: 'file:///home/me/my%20app/Procfile', version: 7 },
        edits: [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, newText: 'PYTHONPATH=. ' }],
      },
    ],
  });
  assert.equal(cause.fixes[1].edit, undefined, 'advice without edits has no workspace edit');
  assert.equal(result.symptoms[0].title, 'HTTP 502 Bad Gateway');
  assert.equal(result.platformTitle, 'Heroku');
  assert.equal(result.folderUri, 'file:///home/me/my%20app');
  assert.match(result.reportMarkdown, /^# Deploy log diagnosis\n/);
});

test('without a project there are no locations, no edits and no folder', () => {
  const result = toResult(diagnosis, undefined, undefined);
  assert.deepEqual(result.causes[0].locations, []);
  assert.equal(result.causes[0].fixes[0].edit, undefined);
  assert.equal(result.causes[0].fixes[0].title, 'Prepend PYTHONPATH=. to the start command');
  assert.equal('folderUri' in result, false);
});
