/** Which files get editing help, and when the editor's own schema checkers take over the plain schema errors. */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decideEditorValidation, isRailwayConfigPath, sameEditorValidation } from './railway-config';

describe('decideEditorValidation', () => {
  const both = { jsonExtension: true, jsonValidate: undefined, tomlExtension: true, tomlSchemaEnabled: undefined };

  test('both checkers are on by default when their extensions are there', () => {
    assert.deepEqual(decideEditorValidation(both), { editorValidatesJson: true, editorValidatesToml: true });
  });

  test('Even Better TOML missing or disabled: the server keeps every schema finding in railway.toml', () => {
    assert.deepEqual(decideEditorValidation({ ...both, tomlExtension: false }), { editorValidatesJson: true, editorValidatesToml: false });
  });

  test('a checker switched off by its setting does not count; only a literal false switches it off', () => {
    assert.equal(decideEditorValidation({ ...both, tomlSchemaEnabled: false }).editorValidatesToml, false);
    assert.equal(decideEditorValidation({ ...both, jsonValidate: false }).editorValidatesJson, false);
    assert.equal(decideEditorValidation({ ...both, tomlSchemaEnabled: 'false' }).editorValidatesToml, true);
    assert.equal(decideEditorValidation({ ...both, jsonValidate: true }).editorValidatesJson, true);
  });

  test('no JSON language features (disabled built-in): railway.json keeps its schema findings', () => {
    assert.equal(decideEditorValidation({ ...both, jsonExtension: false }).editorValidatesJson, false);
  });

  test('sameEditorValidation compares both flags', () => {
    assert.ok(sameEditorValidation({ editorValidatesJson: true, editorValidatesToml: false }, { editorValidatesJson: true, editorValidatesToml: false }));
    assert.ok(!sameEditorValidation({ editorValidatesJson: true, editorValidatesToml: false }, { editorValidatesJson: true, editorValidatesToml: true }));
  });
});

describe('isRailwayConfigPath', () => {
  test('railway.toml and railway.json in any folder, in URI paths and Windows paths', () => {
    for (const path of ['/app/railway.toml', '/app/svc/railway.json', 'railway.toml', 'C:\\app\\railway.json']) assert.ok(isRailwayConfigPath(path), path);
  });
  test('not other TOML/JSON files or look-alikes', () => {
    for (const path of ['/app/pyproject.toml', '/app/railway.toml.bak', '/app/my-railway.json', '/app/railway.ts', '/app/railway.toml/x']) assert.ok(!isRailwayConfigPath(path), path);
  });
});
