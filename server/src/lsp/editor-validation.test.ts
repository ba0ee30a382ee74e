/** Which schema findings the server leaves to the editor's own JSON/TOML schema checkers. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEditorValidation, leftToEditor, parseEditorValidation } from './editor-validation';

const plain = (file: string) => ({ file, about: ['schema'] });
const hint = (file: string) => ({ file, about: ['schema', 'schema-hint'] });
const both = { editorValidatesJson: true, editorValidatesToml: true };

test('plain schema errors go to the editor in the files it validates; hints and other findings stay', () => {
  assert.equal(leftToEditor(both, plain('railway.json')), true);
  assert.equal(leftToEditor(both, plain('svc/api/railway.toml')), true);
  assert.equal(leftToEditor(both, hint('railway.json')), false);
  assert.equal(leftToEditor(both, hint('railway.toml')), false);
  assert.equal(leftToEditor(both, { file: 'railway.toml' }), false);
  assert.equal(leftToEditor(both, { file: 'railway.toml', about: ['port'] }), false);
  assert.equal(leftToEditor(both, plain('.railway/railway.ts')), false);
  assert.equal(leftToEditor(both, plain('my-railway.json')), false);
});

test('each flag covers its own file only', () => {
  assert.equal(leftToEditor({ editorValidatesJson: true, editorValidatesToml: false }, plain('railway.toml')), false);
  assert.equal(leftToEditor({ editorValidatesJson: false, editorValidatesToml: true }, plain('railway.json')), false);
});

test('options from the client: only a literal true counts; updates report whether anything changed', () => {
  assert.deepEqual(parseEditorValidation(undefined), { editorValidatesJson: false, editorValidatesToml: false });
  assert.deepEqual(parseEditorValidation({ editorValidatesJson: 'true', editorValidatesToml: true }), { editorValidatesJson: false, editorValidatesToml: true });
  const state = createEditorValidation(null);
  const key = state.key();
  assert.equal(state.update({ editorValidatesJson: true }), true);
  assert.notEqual(state.key(), key);
  assert.equal(state.leftToEditor(plain('railway.json')), true);
  assert.equal(state.update({ editorValidatesJson: true }), false);
  assert.equal(state.update(42), true);
  assert.equal(state.key(), key);
});
