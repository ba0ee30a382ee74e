/**
 * Schema findings and the editor's own schema checkers (docs/rules/railway-config-schema.md, "Working with other
 * schema checkers"): when the client says VS Code validates railway.json, or Even Better TOML railway.toml, the
 * server leaves the plain schema errors of that file to them and keeps the ones that say more.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { Harness } from './harness';
import { FLASK_APP } from './fixtures';

/** One hint (a lower-case enum value, with a fix to the documented spelling) and two plain schema errors. */
const RAILWAY_JSON = `{
  "deploy": {
    "startCommand": "gunicorn app:app",
    "restartPolicyType": "on_failure",
    "healthcheckTimeout": true,
    "zzz": 1
  }
}
`;
const RAILWAY_TOML = `[deploy]
startCommand = "gunicorn app:app"
restartPolicyType = "on_failure"
healthcheckTimeout = true
zzz = 1
`;

const files = { 'app.py': FLASK_APP, 'requirements.txt': 'flask\ngunicorn\n', 'json/railway.json': RAILWAY_JSON, 'json/app.py': FLASK_APP, 'toml/railway.toml': RAILWAY_TOML, 'toml/app.py': FLASK_APP };

const HINT = /upper case/;
const PLAIN = [/`healthcheckTimeout` must be/, /`zzz` is not a Railway setting/];

async function schemaMessages(h: Harness, path: string): Promise<string[]> {
  const uri = h.uri(path);
  if (h.text(uri) === undefined) h.open(uri, path.endsWith('.json') ? RAILWAY_JSON : RAILWAY_TOML, path.endsWith('.json') ? 'json' : 'toml');
  const items = await h.diagnosticItems(uri);
  return items.filter((d: Diagnostic) => d.code === 'railway-config-schema').map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
}

function assertAll(messages: string[], what: string): void {
  assert.equal(messages.length, 3, `${what}: ${messages.join(' | ')}`);
  assert.ok(messages.some((m) => HINT.test(m)));
  for (const plain of PLAIN) assert.ok(messages.some((m) => plain.test(m)), `${what}: ${plain}`);
}

function assertHintsOnly(messages: string[], what: string): void {
  assert.equal(messages.length, 1, `${what}: ${messages.join(' | ')}`);
  assert.match(messages[0], HINT);
}

test('without initialization options both files get every schema finding', async (t) => {
  const h = await Harness.for(t, { files });
  assertAll(await schemaMessages(h, 'json/railway.json'), 'railway.json');
  assertAll(await schemaMessages(h, 'toml/railway.toml'), 'railway.toml');
});

test('editorValidatesJson: railway.json keeps only the hints; railway.toml keeps everything', async (t) => {
  const h = await Harness.for(t, { files, initializationOptions: { editorValidatesJson: true, editorValidatesToml: false } });
  assertHintsOnly(await schemaMessages(h, 'json/railway.json'), 'railway.json');
  assertAll(await schemaMessages(h, 'toml/railway.toml'), 'railway.toml');
});

test('editorValidatesToml: railway.toml keeps only the hints; railway.json keeps everything', async (t) => {
  const h = await Harness.for(t, { files, initializationOptions: { editorValidatesToml: true } });
  assertAll(await schemaMessages(h, 'json/railway.json'), 'railway.json');
  assertHintsOnly(await schemaMessages(h, 'toml/railway.toml'), 'railway.toml');
});

test('other rules are unaffected: the cutoff warning stays in a file the editor validates', async (t) => {
  const h = await Harness.for(t, { files, initializationOptions: { editorValidatesJson: true, editorValidatesToml: true } });
  const uri = h.uri('toml/railway.toml');
  h.open(uri, RAILWAY_TOML, 'toml');
  const codes = (await h.diagnosticItems(uri)).map((d) => d.code);
  assert.ok(codes.includes('railway-config-cutoff'), codes.join(', '));
});

test('malformed options count as "not validated"', async (t) => {
  const h = await Harness.for(t, { files, initializationOptions: { editorValidatesJson: 'yes', editorValidatesToml: 1 } });
  assertAll(await schemaMessages(h, 'json/railway.json'), 'railway.json');
  assertAll(await schemaMessages(h, 'toml/railway.toml'), 'railway.toml');
});

test('deployDoctor/editorValidation switches it at run time, asks for a refresh, and changes the result id', async (t) => {
  const h = await Harness.for(t, { files });
  const uri = h.uri('toml/railway.toml');
  assertAll(await schemaMessages(h, 'toml/railway.toml'), 'before');
  const before = await h.diagnostics(uri);
  assert.equal(before.kind, 'full');
  const resultId = before.kind === 'full' ? before.resultId : undefined;

  const since = h.mark();
  void h.connection.sendNotification('deployDoctor/editorValidation', { editorValidatesJson: true, editorValidatesToml: true });
  await h.waitFor('workspace/diagnostic/refresh', since);
  const after = await h.diagnostics(uri, resultId);
  assert.equal(after.kind, 'full', 'the previous result id no longer stands for the current diagnostics');
  assertHintsOnly(await schemaMessages(h, 'toml/railway.toml'), 'after');

  // The same options again change nothing and ask for nothing: no refresh within eight times the 25 ms the
  // server gathers changes for before it asks (server/src/lsp/refresh.ts).
  const again = h.mark();
  void h.connection.sendNotification('deployDoctor/editorValidation', { editorValidatesJson: true, editorValidatesToml: true });
  await h.diagnostics(uri);
  assert.equal(await h.countAfterWaiting('workspace/diagnostic/refresh', again, 200), 0);
});
