/**
 * What a Python file's call expressions say: environment reads (`os.environ["X"]`, `getenv("X", d)`), server
 * `run` calls with their host and port (`app.run(…)`, `uvicorn.run(…)`), and HTTP route declarations.
 */

import type { Node } from '@vscode/tree-sitter-wasm';
import type { OffsetRange } from '../types';
import type { EnvRead, ImportScope, PyRoute, RunArg, RunCall } from './source';

const RUN_CALLEES = /(^|\.)(run|run_app|run_server|run_simple|serve)$/;
/** Route declarations of Flask, FastAPI, Starlette, Quart, Sanic, Litestar and Django URLconfs. */
const ROUTE_CALLEES = /^(\w+\.)?(get|post|put|patch|delete|head|options|route|api_route|add_url_rule|add_api_route|add_route|Route|path|re_path|websocket)$/;
/** `os.getenv`, `os.environ.get`, python-decouple's `config`, environs' `env` / `env.str` / `env.int`. */
const ENV_CALLEES = /(^|\.)(getenv|environ\.get|env\.str|env\.int)$|^(env|config)$/;
const ENVIRON = /(^|\.)environ$/;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
/** Lambda bodies run later, if ever: calls inside them are not looked at. */
const LOOKED_AT = ['call', 'subscript', 'lambda'];
/** Calls looked at in one file; beyond this the file is generated data, not an app. */
const MAX_CALLS = 50_000;

export interface CallFacts {
  readonly envReads: readonly EnvRead[];
  readonly runCalls: readonly RunCall[];
  readonly routes: readonly PyRoute[];
}

/** Every call and subscript of a file, in one pass. `scopeAt` tells where code runs (asked in increasing order). */
export function scanCalls(root: Node, scopeAt: (offset: number) => ImportScope): CallFacts {
  const scanner = new CallScanner();
  const found = root.descendantsOfType(LOOKED_AT);
  let skipUntil = -1;
  for (let i = 0; i < found.length && i < MAX_CALLS; i++) {
    const n = found[i];
    // Document order: a lambda comes before the nodes inside it.
    if (!n || n.startIndex < skipUntil) continue;
    if (n.type === 'call') scanner.call(n, scopeAt(n.startIndex));
    else if (n.type === 'subscript') scanner.subscript(n);
    else skipUntil = n.endIndex;
  }
  return scanner;
}

class CallScanner implements CallFacts {
  readonly envReads: EnvRead[] = [];
  readonly runCalls: RunCall[] = [];
  readonly routes: PyRoute[] = [];

  call(node: Node, scope: ImportScope): void {
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
        this.routes.push({ path: django ? `/${value.replace(/^\^/, '').replace(/\$$/, '')}` : value, range: nodeRange(first as Node), via: callee });
      }
    }
    const read = envCall(callee, args);
    if (read) {
      this.envReads.push(read);
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
        if (key === 'host') run.host = runArg(value);
        if (key === 'port') run.port = runArg(value);
      }
      // Flask's `app.run("0.0.0.0", 5000)`: host and port are the first two positionals.
      if (/(^|\.)run$/.test(callee) && !callee.startsWith('uvicorn') && positional.length) {
        run.host ??= runArg(positional[0]);
        if (positional[1]) run.port ??= runArg(positional[1]);
      }
      const hasSplat = args.namedChildren.some((c) => c?.type === 'dictionary_splat' || c?.type === 'list_splat');
      const inMainGuard = scope === 'main';
      this.runCalls.push({ callee, range: nodeRange(fn), argsRange: nodeRange(args), ...run, inMainGuard, runsAsScript: inMainGuard || scope === 'module', hasSplat });
    }
  }

  subscript(node: Node): void {
    const read = environSubscript(node);
    if (read) this.envReads.push(read);
  }
}

/** `getenv("NAME", default)` and friends. */
function envCall(callee: string, args: Node): EnvRead | undefined {
  if (!ENV_CALLEES.test(callee)) return undefined;
  const first = args.namedChild(0);
  const name = first ? stringValue(first) : undefined;
  return first && name !== undefined && ENV_NAME.test(name) ? { name, range: nodeRange(first), hasDefault: args.namedChildCount > 1 } : undefined;
}

/** `os.environ["NAME"]`. */
function environSubscript(node: Node): EnvRead | undefined {
  const value = node.childForFieldName('value');
  const key = node.childForFieldName('subscript');
  if (!value || !key || !ENVIRON.test(value.text)) return undefined;
  const name = stringValue(key);
  return name !== undefined && ENV_NAME.test(name) ? { name, range: nodeRange(key), hasDefault: false } : undefined;
}

/** An argument of a `run` call: a literal, something computed from environment variables, or anything else. */
function runArg(node: Node): RunArg {
  const literal = stringValue(node);
  if (literal !== undefined) return { kind: 'literal', value: literal, range: nodeRange(node), quoted: true };
  if (node.type === 'integer') return { kind: 'literal', value: node.text, range: nodeRange(node), quoted: false };
  const names: string[] = [];
  for (const n of node.descendantsOfType(['call', 'subscript'])) {
    if (!n) continue;
    const fn = n.type === 'call' ? n.childForFieldName('function') : null;
    const args = n.type === 'call' ? n.childForFieldName('arguments') : null;
    const read = n.type === 'subscript' ? environSubscript(n) : fn && args ? envCall(fn.text, args) : undefined;
    if (read) names.push(read.name);
  }
  return names.length ? { kind: 'env', names, range: nodeRange(node) } : { kind: 'other', range: nodeRange(node) };
}

export function nodeRange(node: Node): OffsetRange {
  return { start: node.startIndex, end: node.endIndex };
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
