#!/usr/bin/env node
// Runs the test suite with node's own runner: every *.test.ts under the given folders (default: all but e2e),
// TypeScript loaded through tsx. Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['server', 'client', 'test'];
const skip = new Set(['node_modules', 'dist', 'fixtures', 'e2e', '.cache']);

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const files = roots.flatMap((r) => (statSync(join(root, r)).isFile() ? [r] : walk(join(root, r), []))).sort();
if (!files.length) {
  console.error('No test files found under', roots.join(', '));
  process.exit(1);
}
// A test that hangs fails after five minutes instead of holding up the run (the slowest takes well under one).
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-timeout=300000', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
