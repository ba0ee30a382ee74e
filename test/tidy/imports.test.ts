/** Enforces the layer boundaries of DESIGN §2 over every TypeScript file of the server and the client. */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { boundaryViolations, formatViolation, importsOf, type ImportEdge } from './import-boundaries';
import { listFiles, readText } from './repo';

const isSource = (name: string): boolean => /\.[cm]?ts$/.test(name) && !name.endsWith('.d.ts');

/** Violations for one made-up file, to pin down what the rules allow. */
function check(file: string, source: string): string[] {
  return boundaryViolations(importsOf(file, source)).map((v) => v.reason);
}

describe('import boundaries', () => {
  test('the repository keeps them', () => {
    const files = [...listFiles('server/src', isSource), ...listFiles('client', isSource)];
    assert.ok(files.some((f) => f.startsWith('server/src/engine/')), 'no engine files found');
    const edges: ImportEdge[] = files.flatMap((file) => importsOf(file, readText(file)));
    const violations = boundaryViolations(edges);
    assert.deepEqual(violations.map(formatViolation), [], `import boundary violations:\n${violations.map(formatViolation).join('\n')}`);
  });

  test('importsOf finds every kind of import and tells type-only ones apart', () => {
    const edges = importsOf(
      'client/src/a.ts',
      [
        "import a from 'a';",
        "import type { B } from 'b';",
        "import { type C, type D } from 'c';",
        "import { type E, F } from 'e';",
        "import 'side-effect';",
        "export { G } from 'g';",
        "export type { H } from 'h';",
        "export * from 'star';",
        "import I = require('i');",
        "const j = require('j');",
        "const k = await import('k');",
        "let l: import('l').L;",
      ].join('\n'),
    );
    assert.deepEqual(
      edges.map((e) => `${e.specifier}${e.typeOnly ? ' (type)' : ''} @${e.line}`),
      ['a @1', 'b (type) @2', 'c (type) @3', 'e @4', 'side-effect @5', 'g @6', 'h (type) @7', 'star @8', 'i @9', 'j @10', 'k @11', 'l (type) @12'],
    );
  });

  describe('the engine', () => {
    const file = 'server/src/engine/start-command/parse.ts';
    test('may import engine modules and the parser libraries', () => {
      assert.deepEqual(check(file, "import { x } from '../shell/parse';\nimport { Parser } from '@vscode/tree-sitter-wasm';"), []);
      assert.deepEqual(check(file, "import { parse } from 'toml-eslint-parser';\nimport Ajv from 'ajv/dist/2020';"), []);
      assert.deepEqual(check(file, "import type { Range } from 'vscode-languageserver-types';"), []);
    });
    test('may not import Node, the editor, the protocol or code outside the engine', () => {
      for (const specifier of ['node:fs', 'fs', 'path', 'child_process', 'os', 'vscode', 'vscode-languageserver/node', 'vscode-languageserver-textdocument', '../../lsp/convert', '../../settings']) {
        assert.ok(check(file, `import * as m from '${specifier}';`).length > 0, specifier);
      }
      assert.equal(check(file, "import { Range } from 'vscode-languageserver-types';").length, 1, 'value import of the LSP types');
    });
    test('tests beside the engine may use Node and the test helpers', () => {
      assert.deepEqual(check('server/src/engine/rules/x.test.ts', "import { test } from 'node:test';\nimport { findings } from '../../node/testing';"), []);
    });
  });

  describe('the language server adapters', () => {
    test('reach the engine through engine/index.ts only', () => {
      assert.deepEqual(check('server/src/lsp/diagnostics.ts', "import { createEngine } from '../engine/index';"), []);
      assert.deepEqual(check('server/src/lsp/diagnostics.ts', "import { createEngine } from '../engine';"), []);
      assert.equal(check('server/src/lsp/diagnostics.ts', "import { allRules } from '../engine/rules/index';").length, 1);
      assert.equal(check('server/src/lsp/deep/x.ts', "import type { Finding } from '../../engine/types';").length, 1);
    });
    test('never load the extension API', () => {
      assert.equal(check('server/src/lsp/hover.ts', "import * as vscode from 'vscode';").length, 1);
    });
  });

  describe('the client', () => {
    const file = 'client/src/commands.ts';
    test('may import vscode, the language client, Node and its own files', () => {
      assert.deepEqual(check(file, "import * as vscode from 'vscode';\nimport { LanguageClient } from 'vscode-languageclient/node';\nimport * as path from 'node:path';\nimport { x } from './language-client';"), []);
    });
    test('imports the protocol for types only', () => {
      assert.deepEqual(check(file, "import type { AnalyzeLogParams } from '../../server/src/protocol';"), []);
      assert.equal(check(file, "import { analyzeLogRequest } from '../../server/src/protocol';").length, 1);
    });
    test('never imports the engine or the language server adapters', () => {
      assert.equal(check(file, "import type { Finding } from '../../server/src/engine/index';").length, 1);
      assert.equal(check(file, "import { x } from '../../server/src/lsp/convert';").length, 1);
    });
  });

  describe('the webview', () => {
    test('imports only its own files', () => {
      assert.deepEqual(check('client/webview/main.ts', "import type { HostToView } from './messages';"), []);
      assert.equal(check('client/webview/main.ts', "import * as vscode from 'vscode';").length, 1);
      assert.equal(check('client/webview/main.ts', "import { x } from '../src/commands';").length, 1);
      assert.equal(check('client/webview/main.ts', "import * as fs from 'node:fs';").length, 1);
    });
    test('its tests may also use Node built-ins, but still not the editor or the host', () => {
      assert.deepEqual(check('client/webview/render.test.ts', "import { test } from 'node:test';\nimport { createPanel } from './render';"), []);
      assert.equal(check('client/webview/render.test.ts', "import * as vscode from 'vscode';").length, 1);
      assert.equal(check('client/webview/render.test.ts', "import { x } from '../src/commands';").length, 1);
    });
  });
});
