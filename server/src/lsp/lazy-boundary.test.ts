/**
 * The server answers `initialize` before it evaluates the engine: nothing the entry point imports at load time
 * may reach engine/ or node/, which come in through service-loader.ts's dynamic import of services.ts.
 */

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const SERVER_SRC = resolve(__dirname, '..');

/** Relative modules a file imports for their values (type-only imports are erased at build time). */
function valueImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const out: string[] = [];
  const statement = /^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)';?$/gms;
  for (const m of source.matchAll(statement)) {
    const [, , typeOnly, clause, specifier] = m;
    if (typeOnly || !specifier.startsWith('.')) continue;
    const names = /^\{([^}]*)\}$/.exec(clause.trim());
    if (names && names[1].split(',').every((n) => !n.trim() || n.trim().startsWith('type '))) continue;
    out.push(resolveModule(dirname(file), specifier));
  }
  for (const m of source.matchAll(/^import\s+'([^']+)';?$/gm)) if (m[1].startsWith('.')) out.push(resolveModule(dirname(file), m[1]));
  return out;
}

function resolveModule(from: string, specifier: string): string {
  // Data imports (the Railway schema JSON) resolve as written.
  for (const candidate of [specifier.endsWith('.json') ? specifier : `${specifier}.ts`, join(specifier, 'index.ts')]) {
    const path = resolve(from, candidate);
    if (existsSync(path)) return path;
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`);
}

function loadTimeModules(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.json')) stack.push(...valueImports(file));
  }
  return seen;
}

test('server.ts reaches neither the engine nor the services at load time', () => {
  const modules = [...loadTimeModules(join(SERVER_SRC, 'server.ts'))].map((m) => relative(SERVER_SRC, m).split('\\').join('/'));
  assert.ok(modules.includes('lsp/service-loader.ts'), modules.join(', '));
  const forbidden = modules.filter((m) => m.startsWith('engine/') || m.startsWith('node/') || m === 'lsp/services.ts');
  assert.deepEqual(forbidden, []);
});

test('the services do reach the engine (so the boundary above is the one that matters)', () => {
  const modules = [...loadTimeModules(join(SERVER_SRC, 'lsp', 'services.ts'))].map((m) => relative(SERVER_SRC, m).split('\\').join('/'));
  assert.ok(modules.includes('engine/index.ts'));
  assert.ok(modules.includes('node/grammars.ts'));
});

test('service-loader.ts imports services.ts only dynamically', () => {
  const source = readFileSync(join(SERVER_SRC, 'lsp', 'service-loader.ts'), 'utf8');
  assert.match(source, /import\('\.\/services'\)/);
  assert.match(source, /^import type \{ Services \} from '\.\/services';$/m);
});
