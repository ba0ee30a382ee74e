/**
 * A Python file as the deploy checks need it, read with tree-sitter-python (never executed): its imports and
 * when they run, the names it binds at module level, app objects and factories, environment reads, and
 * `app.run(…)` / `uvicorn.run(…)` calls with their host and port.
 */

import type { Node, Parser } from '@vscode/tree-sitter-wasm';
import type { OffsetRange } from '../types';

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
    const scan = new Scanner(text);
    scan.block(tree.rootNode, 'module', true);
    return {
      path,
      routes: scan.routes,
      imports: scan.imports,
      bindings: scan.bindings,
      openNamespace: scan.openNamespace,
      envReads: scan.envReads,
      runCalls: scan.runCalls,
      hasMainGuard: scan.hasMainGuard,
      hasSyntaxError: tree.rootNode.hasError,
    };
  } finally {
    tree.delete();
  }
}

const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);
const RUN_CALLEES = /(^|\.)(run|run_app|run_server|run_simple|serve)$/;
/** Route declarations of Flask, FastAPI, Starlette, Quart, Sanic, Litestar and Django URLconfs. */
const ROUTE_CALLEES = /^(\w+\.)?(get|post|put|patch|delete|head|options|route|api_route|add_url_rule|add_api_route|add_route|Route|path|re_path|websocket)$/;

class Scanner {
  readonly imports: PyImport[] = [];
  readonly bindings = new Map<string, PyBinding>();
  readonly envReads: EnvRead[] = [];
  readonly runCalls: RunCall[] = [];
  readonly routes: PyRoute[] = [];
  openNamespace = false;
  hasMainGuard = false;

  constructor(private readonly text: string) {}

  /** Walks the statements of a block; `topLevel` is true while bindings are module attributes. */
  block(node: Node, scope: ImportScope, topLevel: boolean): void {
    for (const child of node.namedChildren) if (child) this.statement(child, scope, topLevel);
  }

  private statement(node: Node, scope: ImportScope, topLevel: boolean): void {
    const conditional = scope !== 'module';
    switch (node.type) {
      case 'import_statement':
        this.importStatement(node, scope, topLevel, conditional);
        return;
      case 'import_from_statement':
        this.importFrom(node, scope, topLevel, conditional);
        return;
      case 'future_import_statement':
        return;
      case 'expression_statement':
        this.expressionStatement(node, scope, topLevel, conditional);
        return;
      case 'function_definition':
        if (topLevel) this.functionDef(node, conditional);
        this.scanExpressions(node, scope);
        this.inner(node.childForFieldName('body'), 'deferred');
        return;
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (topLevel && name) this.bind({ name: name.text, range: range(name), kind: 'class', conditional });
        // A class body runs on import, but its names are class attributes.
        const body = node.childForFieldName('body');
        if (body) this.block(body, scope, false);
        return;
      }
      case 'decorated_definition': {
        const def = node.childForFieldName('definition');
        this.scanExpressions(node, scope, def ?? undefined);
        if (def) this.statement(def, scope, topLevel);
        return;
      }
      case 'if_statement': {
        const condition = node.childForFieldName('condition');
        if (condition && isMainGuard(condition)) {
          this.hasMainGuard = true;
          this.inner(node.childForFieldName('consequence'), 'main', topLevel);
          for (const alt of node.childrenForFieldName('alternative')) if (alt) this.inner(alt, scope === 'module' ? 'conditional' : scope, topLevel);
          return;
        }
        if (condition) this.scanExpression(condition, scope);
        this.innerBlocks(node, scope === 'module' ? 'conditional' : scope, topLevel);
        return;
      }
      case 'try_statement': {
        const handled = node.namedChildren.some((c) => c?.type === 'except_clause' && catchesImportError(c));
        const body = node.childForFieldName('body');
        if (body) this.block(body, handled ? 'optional' : scope === 'module' ? 'conditional' : scope, topLevel);
        for (const c of node.namedChildren) {
          if (!c || c === body || c.equals(body as Node)) continue;
          if (c.type === 'except_clause' || c.type === 'else_clause' || c.type === 'finally_clause') this.innerBlocks(c, scope === 'module' ? 'conditional' : scope, topLevel);
        }
        return;
      }
      case 'with_statement':
      case 'for_statement':
      case 'while_statement':
      case 'match_statement':
        this.scanExpressions(node, scope);
        this.innerBlocks(node, scope === 'module' ? 'conditional' : scope, topLevel);
        return;
      default:
        this.scanExpressions(node, scope);
    }
  }

  private inner(node: Node | null, scope: ImportScope, topLevel = false): void {
    if (node) this.block(node, scope, topLevel);
  }

  private innerBlocks(node: Node, scope: ImportScope, topLevel: boolean): void {
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'block') this.block(c, scope, topLevel);
      else if (c.type.endsWith('_clause') || c.type === 'case_clause') this.innerBlocks(c, scope, topLevel);
    }
  }

  private importStatement(node: Node, scope: ImportScope, topLevel: boolean, conditional: boolean): void {
    for (const name of node.childrenForFieldName('name')) {
      if (!name) continue;
      const dotted = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
      const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : null;
      if (!dotted) continue;
      this.imports.push({ module: dotted.text, level: 0, names: [], moduleRange: range(dotted), statementRange: range(node), scope });
      if (topLevel) {
        const bound = alias ?? dotted.namedChild(0);
        if (bound) this.bind({ name: bound.text, range: range(bound), kind: 'import', conditional });
      }
    }
  }

  private importFrom(node: Node, scope: ImportScope, topLevel: boolean, conditional: boolean): void {
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode) return;
    let level = 0;
    let dotted: Node | null = moduleNode;
    if (moduleNode.type === 'relative_import') {
      const prefix = moduleNode.namedChildren.find((c) => c?.type === 'import_prefix');
      level = prefix ? prefix.text.length : 0;
      dotted = moduleNode.namedChildren.find((c) => c?.type === 'dotted_name') ?? null;
    }
    const names: { name: string; range: OffsetRange }[] = [];
    const star = node.namedChildren.some((c) => c?.type === 'wildcard_import');
    for (const n of node.childrenForFieldName('name')) {
      if (!n) continue;
      const dn = n.type === 'aliased_import' ? n.childForFieldName('name') : n;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias') : null;
      if (!dn) continue;
      names.push({ name: dn.text, range: range(dn) });
      if (topLevel) this.bind({ name: (alias ?? dn).text, range: range(alias ?? dn), kind: 'import', conditional });
    }
    if (star && topLevel) this.openNamespace = true;
    this.imports.push({
      module: dotted?.text ?? '',
      level,
      names,
      moduleRange: range(dotted ?? moduleNode),
      statementRange: range(node),
      scope,
    });
  }

  private expressionStatement(node: Node, scope: ImportScope, topLevel: boolean, conditional: boolean): void {
    for (const expr of node.namedChildren) {
      if (!expr) continue;
      if (expr.type === 'assignment' || expr.type === 'augmented_assignment') {
        const right = expr.childForFieldName('right');
        const callee = right?.type === 'call' ? right.childForFieldName('function')?.text : undefined;
        if (topLevel) for (const target of assignmentTargets(expr.childForFieldName('left'))) this.bind({ name: target.text, range: range(target), kind: 'assign', callee, conditional });
        // Chained `a = b = Flask()` nests assignments on the right.
        let r = right;
        while (r?.type === 'assignment') {
          if (topLevel) for (const target of assignmentTargets(r.childForFieldName('left'))) this.bind({ name: target.text, range: range(target), kind: 'assign', callee, conditional });
          r = r.childForFieldName('right');
        }
      }
      this.scanExpression(expr, scope);
    }
  }

  private functionDef(node: Node, conditional: boolean): void {
    const name = node.childForFieldName('name');
    if (!name) return;
    const params = node.childForFieldName('parameters');
    let required = 0;
    for (const p of params?.namedChildren ?? []) {
      if (!p) continue;
      if (p.type === 'identifier' || p.type === 'typed_parameter') required++;
      if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator') break;
    }
    const returns: string[] = [];
    const body = node.childForFieldName('body');
    for (const stmt of body?.namedChildren ?? []) {
      if (stmt?.type !== 'return_statement') continue;
      const value = stmt.namedChild(0);
      if (!value) continue;
      if (value.type === 'identifier') returns.push(value.text);
      else if (value.type === 'call') {
        const fn = value.childForFieldName('function');
        if (fn) returns.push(`${fn.text}()`);
      }
    }
    if (name.text === '__getattr__') this.openNamespace = true;
    this.bind({ name: name.text, range: range(name), kind: 'def', requiredParams: required, returns, conditional });
  }

  private bind(binding: PyBinding): void {
    const previous = this.bindings.get(binding.name);
    // An unconditional binding beats a conditional one; among equals the later wins, as at run time.
    if (previous && !previous.conditional && binding.conditional) return;
    this.bindings.set(binding.name, binding);
  }

  /** Looks through expressions for environment reads and server `run` calls. */
  private scanExpressions(node: Node, scope: ImportScope, except?: Node): void {
    for (const c of node.namedChildren) {
      if (!c || (except && c.equals(except)) || c.type === 'block') continue;
      this.scanExpression(c, scope);
    }
  }

  private scanExpression(node: Node, scope: ImportScope): void {
    const stack: Node[] = [node];
    let guard = 0;
    while (stack.length && guard++ < 50_000) {
      const n = stack.pop() as Node;
      if (n.type === 'call') this.call(n, scope);
      else if (n.type === 'subscript') this.subscript(n);
      if (n.type === 'lambda' || n.type === 'function_definition' || n.type === 'class_definition') continue;
      for (const c of n.namedChildren) if (c) stack.push(c);
    }
  }

  private call(node: Node, scope: ImportScope): void {
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    if (!fn || !args) return;
    const callee = fn.text;
    const route = ROUTE_CALLEES.exec(callee);
    if (route) {
      const first = args.namedChild(0);
      const value = first ? stringValue(first) : undefined;
      // Django's path("health/") is relative to the site root; decorators and Route() carry the leading slash.
      const django = route[2] === 'path' || route[2] === 're_path';
      if (value !== undefined && (django || value.startsWith('/'))) {
        this.routes.push({ path: django ? `/${value.replace(/^\^/, '').replace(/\$$/, '')}` : value, range: range(first as Node), via: callee });
      }
    }
    if (/(^|\.)(getenv|environ\.get)$/.test(callee) || /^(env|config)$/.test(callee) || /(^|\.)env\.(str|int)$/.test(callee)) {
      const first = args.namedChild(0);
      const name = first ? stringValue(first) : undefined;
      if (name !== undefined && /^[A-Z][A-Z0-9_]*$/.test(name)) this.envReads.push({ name, range: range(first as Node), hasDefault: args.namedChildCount > 1 });
      return;
    }
    if (RUN_CALLEES.test(callee) && callee !== 'subprocess.run' && !callee.startsWith('asyncio.')) {
      const run: { host?: RunArg; port?: RunArg } = {};
      const positional = args.namedChildren.filter((c): c is Node => !!c && c.type !== 'keyword_argument' && c.type !== 'comment');
      for (const arg of args.namedChildren) {
        if (arg?.type !== 'keyword_argument') continue;
        const key = arg.childForFieldName('name')?.text;
        const value = arg.childForFieldName('value');
        if (!value) continue;
        if (key === 'host') run.host = this.runArg(value);
        if (key === 'port') run.port = this.runArg(value);
      }
      // Flask's `app.run("0.0.0.0", 5000)`: host and port are the first two positionals.
      if (/(^|\.)run$/.test(callee) && !callee.startsWith('uvicorn') && positional.length) {
        run.host ??= this.runArg(positional[0]);
        if (positional[1]) run.port ??= this.runArg(positional[1]);
      }
      this.runCalls.push({ callee, range: range(fn), argsRange: range(args), ...run, inMainGuard: scope === 'main' });
    }
  }

  private subscript(node: Node): void {
    const value = node.childForFieldName('value');
    const key = node.childForFieldName('subscript');
    if (!value || !key || !/(^|\.)environ$/.test(value.text)) return;
    const name = stringValue(key);
    if (name !== undefined && /^[A-Z][A-Z0-9_]*$/.test(name)) this.envReads.push({ name, range: range(key), hasDefault: false });
  }

  private runArg(node: Node): RunArg {
    const text = this.text.slice(node.startIndex, node.endIndex);
    const literal = stringValue(node);
    if (literal !== undefined) return { kind: 'literal', value: literal, range: range(node), quoted: true };
    if (node.type === 'integer') return { kind: 'literal', value: text, range: range(node), quoted: false };
    const names: string[] = [];
    const stack: Node[] = [node];
    while (stack.length) {
      const n = stack.pop() as Node;
      if (n.type === 'call' || n.type === 'subscript') {
        const before = this.envReads.length;
        if (n.type === 'call') this.call(n, 'module');
        else this.subscript(n);
        for (const read of this.envReads.slice(before)) names.push(read.name);
      }
      for (const c of n.namedChildren) if (c) stack.push(c);
    }
    if (names.length) return { kind: 'env', names, range: range(node) };
    return { kind: 'other', range: range(node) };
  }
}

function range(node: Node): OffsetRange {
  return { start: node.startIndex, end: node.endIndex };
}

function assignmentTargets(left: Node | null): Node[] {
  if (!left) return [];
  if (left.type === 'identifier') return [left];
  if (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'list_pattern') {
    return left.namedChildren.filter((c): c is Node => c?.type === 'identifier');
  }
  return [];
}

/** The value of a plain string literal (no f-string interpolation, no concatenation). */
export function stringValue(node: Node): string | undefined {
  if (node.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return node.namedChildren
    .filter((c): c is Node => c?.type === 'string_content')
    .map((c) => c.text)
    .join('');
}

function isMainGuard(condition: Node): boolean {
  const text = condition.text.replace(/\s+/g, '');
  return text === '__name__=="__main__"' || text === "__name__=='__main__'" || text === '"__main__"==__name__' || text === "'__main__'==__name__";
}

function catchesImportError(clause: Node): boolean {
  const value = clause.childForFieldName('value') ?? clause.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
  if (!value) return true;
  const names = value.text
    .replace(/\s+as\s+\w+\s*$/, '')
    .replace(/[()\s]/g, '')
    .split(',')
    .map((n) => n.split('.').pop() ?? n);
  return names.some((n) => IMPORT_ERRORS.has(n));
}
