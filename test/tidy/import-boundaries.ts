/**
 * The dependency rules between the layers (DESIGN §2): which files may import what. `importsOf` reads every
 * import, export-from, require() and import() of a file with the TypeScript parser, noting whether it is
 * type-only; `boundaryViolations` checks them against the rules below.
 */

import { isBuiltin } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Importing file, relative to the repository root with forward slashes. */
  readonly file: string;
  readonly specifier: string;
  /** Erased at compile time (`import type`, `export type`, type-only named imports, `import('x').T`). */
  readonly typeOnly: boolean;
  /** 1-based line of the import. */
  readonly line: number;
}

export function importsOf(file: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (literal: ts.Node, typeOnly: boolean): void => {
    if (!ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1;
    edges.push({ file, specifier: literal.text, typeOnly, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, isTypeOnlyImport(node.importClause));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const clause = node.exportClause;
      const allTypes = !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, node.isTypeOnly || allTypes);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isRequire || callee.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

function isTypeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // `import 'x'` runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const isRelative = (specifier: string): boolean => specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');

const isNodeBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || isBuiltin(specifier);

/** The repository-relative module a relative specifier points at, without a .ts/.js extension or /index. */
function target(edge: ImportEdge): string {
  const path = posix.normalize(posix.join(posix.dirname(edge.file), edge.specifier));
  return path.replace(/\.(?:[cm]?[tj]s)$/, '').replace(/\/index$/, '');
}

const within = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir}/`);

const isTest = (file: string): boolean => /\.test\.[cm]?ts$/.test(file);

/** Parser libraries the engine may use; everything else it needs is its own code or the JS standard library. */
export const ENGINE_PACKAGES: readonly string[] = ['@vscode/tree-sitter-wasm', 'dockerfile-ast', 'toml-eslint-parser', 'jsonc-parser', 'ajv'];
/** Packages the engine may only use for types (erased at build time). */
export const ENGINE_TYPE_PACKAGES: readonly string[] = ['vscode-languageserver-types'];
export const CLIENT_PACKAGES: readonly string[] = ['vscode', 'vscode-languageclient/node'];

interface Boundary {
  readonly appliesTo: (file: string) => boolean;
  /** A sentence saying what is wrong, or undefined when the edge is allowed. */
  readonly check: (edge: ImportEdge) => string | undefined;
}

const boundaries: readonly Boundary[] = [
  {
    // The engine is pure: no editor, no protocol, no I/O. Its tests may use node:test and the helpers in node/.
    appliesTo: (file) => within(file, 'server/src/engine') && !isTest(file),
    check(edge) {
      if (isRelative(edge.specifier)) {
        // Data files the engine is built from (the Railway config schema) are part of it too.
        if (within(target(edge), 'schemas') && edge.specifier.endsWith('.json')) return undefined;
        return within(target(edge), 'server/src/engine') ? undefined : 'the engine imports only engine modules';
      }
      if (isNodeBuiltin(edge.specifier)) return 'the engine does not use Node built-ins (no fs, path, child_process, …)';
      const name = packageName(edge.specifier);
      if (ENGINE_PACKAGES.includes(name)) return undefined;
      if (ENGINE_TYPE_PACKAGES.includes(name)) return edge.typeOnly ? undefined : `the engine may import ${name} for types only (import type)`;
      return `the engine may import only ${[...ENGINE_PACKAGES, ...ENGINE_TYPE_PACKAGES].join(', ')}`;
    },
  },
  {
    // The language server adapters see the engine through its public API only.
    appliesTo: (file) => within(file, 'server/src/lsp'),
    check(edge) {
      if (!isRelative(edge.specifier)) return undefined;
      const path = target(edge);
      return within(path, 'server/src/engine') && path !== 'server/src/engine'
        ? 'server/src/lsp imports the engine only through engine/index.ts'
        : undefined;
    },
  },
  {
    // The server process never loads the extension API or the client side.
    appliesTo: (file) => within(file, 'server/src'),
    check(edge) {
      if (isRelative(edge.specifier)) return within(target(edge), 'client') ? 'the server does not import client code' : undefined;
      const name = packageName(edge.specifier);
      return name === 'vscode' || name === 'vscode-languageclient' ? `the server does not import ${name}` : undefined;
    },
  },
  {
    // The extension host side: the VS Code API, the language client, Node, its own files, and protocol types.
    appliesTo: (file) => within(file, 'client/src'),
    check(edge) {
      if (isRelative(edge.specifier)) {
        const path = target(edge);
        if (within(path, 'client/src')) return undefined;
        // Host and panel share one definition of the messages they exchange (its own file, types and constants).
        if (path === 'client/webview/messages') return undefined;
        if (path === 'server/src/protocol') return edge.typeOnly ? undefined : 'the client imports server/src/protocol.ts with `import type` only';
        return 'the client imports only its own files and types from server/src/protocol.ts';
      }
      if (isNodeBuiltin(edge.specifier) || CLIENT_PACKAGES.includes(edge.specifier)) return undefined;
      return `the client may import only ${CLIENT_PACKAGES.join(', ')} and Node built-ins`;
    },
  },
  {
    // The panel's browser code renders what it is sent; it has no editor API, no Node and no server code.
    appliesTo: (file) => within(file, 'client/webview') && !isTest(file),
    check(edge) {
      return isRelative(edge.specifier) && within(target(edge), 'client/webview') ? undefined : 'the webview imports only its own files';
    },
  },
  {
    // Its tests run in Node: they may use its built-ins (node:test, node:assert) beside the webview's own files.
    appliesTo: (file) => within(file, 'client/webview') && isTest(file),
    check(edge) {
      if (isRelative(edge.specifier)) return within(target(edge), 'client/webview') ? undefined : 'webview tests import only the webview and Node built-ins';
      return isNodeBuiltin(edge.specifier) ? undefined : 'webview tests import only the webview and Node built-ins';
    },
  },
];

export interface Violation extends ImportEdge {
  readonly reason: string;
}

export function boundaryViolations(edges: readonly ImportEdge[]): Violation[] {
  const out: Violation[] = [];
  for (const edge of edges) {
    for (const boundary of boundaries) {
      if (!boundary.appliesTo(edge.file)) continue;
      const reason = boundary.check(edge);
      if (reason) out.push({ ...edge, reason });
    }
  }
  return out;
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line} imports '${v.specifier}': ${v.reason}`;
}
