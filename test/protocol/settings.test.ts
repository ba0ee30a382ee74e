/** `deployDoctor.rules` pulled per document, and what happens when the user changes it. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Harness } from './harness';
import { BAD_PROCFILE, healthyProject } from './fixtures';

test('"off" silences a rule', async (t) => {
  const h = await Harness.for(t, { files: healthyProject, settings: { rules: { 'procfile-syntax': 'off' } } });
  const uri = h.uri('Procfile');
  h.open(uri, BAD_PROCFILE, 'procfile');
  assert.deepEqual(await h.diagnosticItems(uri), []);
});

test('"warning" lowers the severity, and settings are asked for with the document as scope', async (t) => {
  const h = await Harness.for(t, { files: healthyProject, settings: { rules: { 'procfile-syntax': 'warning' } } });
  const uri = h.uri('Procfile');
  h.open(uri, BAD_PROCFILE, 'procfile');
  const items = await h.diagnosticItems(uri);
  assert.equal(items.length, 1);
  assert.equal(items[0].severity, 2);
  const request = await h.waitFor('workspace/configuration');
  assert.deepEqual(request.params, { items: [{ scopeUri: uri, section: 'deployDoctor' }] });
});

test('a configuration change makes the server ask for a diagnostic refresh, and the new settings apply', async (t) => {
  const h = await Harness.for(t, { files: healthyProject, settings: { rules: { 'procfile-syntax': 'off' } } });
  const uri = h.uri('Procfile');
  h.open(uri, BAD_PROCFILE, 'procfile');
  assert.deepEqual(await h.diagnosticItems(uri), []);
  await h.waitFor('client/registerCapability');

  h.settings = { rules: { 'procfile-syntax': 'hint' } };
  const mark = h.mark();
  h.configurationChanged();
  await h.waitFor('workspace/diagnostic/refresh', mark);
  const items = await h.diagnosticItems(uri);
  assert.equal(items.length, 1);
  assert.equal(items[0].severity, 4);
});

test('the server registers for changes to its own settings section', async (t) => {
  const h = await Harness.for(t);
  const registration = await h.waitFor('client/registerCapability');
  assert.deepEqual(registration.params, {
    registrations: [{ id: (registration.params as { registrations: { id: string }[] }).registrations[0].id, method: 'workspace/didChangeConfiguration', registerOptions: { section: 'deployDoctor' } }],
  });
});

test('invalid values fall back to the rule default and are reported in the log', async (t) => {
  const h = await Harness.for(t, { files: healthyProject, settings: { rules: { 'procfile-syntax': 'loud', 'Not A Rule': 'off' } } });
  const uri = h.uri('Procfile');
  h.open(uri, BAD_PROCFILE, 'procfile');
  const items = await h.diagnosticItems(uri);
  assert.equal(items[0]?.severity, 1);
  const logs = h.received.filter((m) => m.method === 'window/logMessage').map((m) => (m.params as { message: string }).message);
  assert.ok(logs.some((m) => m.includes('procfile-syntax') && m.includes('"loud"')), JSON.stringify(logs));
  assert.ok(logs.some((m) => m.includes('Not A Rule')), JSON.stringify(logs));
});

test('settings are per resource: each workspace folder gets its own', async (t) => {
  const h = await Harness.for(t, {
    files: healthyProject,
    extraFolders: ['api service'],
    settings: (scopeUri: string | undefined) => ({ rules: { 'procfile-syntax': scopeUri?.includes('api%20service') ? 'warning' : 'error' } }),
  });
  const first = h.uri('Procfile');
  const second = h.uri('../api service/Procfile');
  h.write('../api service/app.py', 'from flask import Flask\napp = Flask(__name__)\n');
  h.write('../api service/requirements.txt', 'flask\ngunicorn\n');
  h.open(first, BAD_PROCFILE, 'procfile');
  h.open(second, BAD_PROCFILE, 'procfile');
  assert.equal((await h.diagnosticItems(first))[0]?.severity, 1);
  assert.equal((await h.diagnosticItems(second))[0]?.severity, 2);
});
