/**
 * A Python file as the deploy checks need it, read with tree-sitter-python (never executed): its imports and
 * when they run, the names it binds at module level, app objects and factories, environment reads, and
 * `app.run(…)` / `uvicorn.run(…)` calls with their host and port.
 */

import type { Parser } from '@vscode/tree-sitter-wasm';
import type { OffsetRange } from '../types';
import { scanCalls } from './calls';
import { Scanner } from './statements';

/** When an import statement runs, seen from `import module`. */
export type ImportScope =
  /** Runs on import, unconditionally. */
  | 'module'
  /** Inside a top-level `if`/`with`/loop: runs on import, maybe. */
  | 'conditional'
  /** Inside `try: … except ImportError` (or a broader except): a failure is handled. */
  | 'optional'
  /** Inside `if __name__ == "__main__":`: runs only when the file is the script. */
  | 'main'
  /** Inside a function: runs later, if ever. */
  | 'deferred';

export interface PyImport {
  /** Dotted module path without the leading dots of a relative import (`from .x import y` → `x`). */
  readonly module: string;
  /** 0 for absolute imports, the number of leading dots otherwise. */
  readonly level: number;
  /** For `from m import a, b`: the imported names (a submodule or an attribute, which only resolution tells). */
  readonly names: readonly { readonly name: string; readonly range: OffsetRange }[];
  readonly moduleRange: OffsetRange;
  readonly statementRange: OffsetRange;
  readonly scope: ImportScope;
}

export type BindingKind = 'assign' | 'def' | 'class' | 'import' | 'star-import';

export interface PyBinding {
  readonly name: string;
  readonly range: OffsetRange;
  readonly kind: BindingKind;
  /** For `x = f(…)`: the callee as written (`Flask`, `fastapi.FastAPI`). */
  readonly callee?: string;
  /** For functions: the number of parameters without a default. */
  readonly requiredParams?: number;
  /** For functions: the names returned at top level of the body (`return app`) and callees returned (`return Flask(…)`). */
  readonly returns?: readonly string[];
  readonly conditional: boolean;
}

/** A literal or environment-derived argument to a server `run` call. */
export type RunArg =
  | { readonly kind: 'literal'; readonly value: string; readonly range: OffsetRange; readonly quoted: boolean }
  | { readonly kind: 'env'; readonly names: readonly string[]; readonly range: OffsetRange }
  | { readonly kind: 'other'; readonly range: OffsetRange };

export interface RunCall {
  /** `app.run`, `uvicorn.run`, `web.run_app`, `serve`, … as written. */
  readonly callee: string;
  readonly range: OffsetRange;
  readonly argsRange: OffsetRange;
  readonly host?: RunArg;
  readonly port?: RunArg;
  readonly inMainGuard: boolean;
  /** Runs whenever the file runs as a script: at module level or under `if __name__ == "__main__":`. */
  readonly runsAsScript: boolean;
  /** `**options` or `*args` in the call: any argument may be set there. */
  readonly hasSplat: boolean;
}

export interface EnvRead {
  readonly name: string;
  readonly range: OffsetRange;
  /** A default was given (`getenv("PORT", "8000")`), so a missing variable does not crash. */
  readonly hasDefault: boolean;
}

/** An HTTP route the app declares: `@app.get("/health")`, `path("health/", …)`, `Route("/health", …)`. */
export interface PyRoute {
  readonly path: string;
  readonly range: OffsetRange;
  /** `app.get`, `router.route`, `path`, … as written. */
  readonly via: string;
}

export interface PySource {
  readonly path: string;
  readonly routes: readonly PyRoute[];
  readonly imports: readonly PyImport[];
  /** Module-level names, last binding wins. */
  readonly bindings: ReadonlyMap<string, PyBinding>;
  /** `from x import *` or a module-level `__getattr__`: any attribute may exist. */
  readonly openNamespace: boolean;
  readonly envReads: readonly EnvRead[];
  readonly runCalls: readonly RunCall[];
  readonly hasMainGuard: boolean;
  readonly hasSyntaxError: boolean;
}

/** Bigger files are not app entry points; skip the parse. */
const MAX_SOURCE_LENGTH = 2_000_000;

export function scanPython(parser: Parser, path: string, text: string): PySource {
  const empty: PySource = {
    path,
    routes: [],
    imports: [],
    bindings: new Map(),
    openNamespace: true,
    envReads: [],
    runCalls: [],
    hasMainGuard: false,
    hasSyntaxError: true,
  };
  if (text.length > MAX_SOURCE_LENGTH) return empty;
  const tree = parser.parse(text);
  if (!tree) return empty;
  try {
    const scan = new Scanner();
    scan.block(tree.rootNode, 'module', true);
    const calls = scanCalls(tree.rootNode, scan.scopes());
    return {
      path,
      routes: calls.routes,
      imports: scan.imports,
      bindings: scan.bindings,
      openNamespace: scan.openNamespace,
      envReads: calls.envReads,
      runCalls: calls.runCalls,
      hasMainGuard: scan.hasMainGuard,
      hasSyntaxError: tree.rootNode.hasError,
    };
  } finally {
    tree.delete();
  }
}
