/** Reading the repository from tests: its root, files as text, JSON, and recursive listings. */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A path relative to the repository root, with forward slashes. */
export function repoPath(absolute: string): string {
  return relative(repoRoot, absolute).split(sep).join('/');
}

export function exists(path: string): boolean {
  return existsSync(join(repoRoot, path));
}

export function readText(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

export function readJson<T = unknown>(path: string): T {
  return JSON.parse(readText(path)) as T;
}

const skipped = new Set(['node_modules', 'dist', '.cache', '.git']);

/** Files under `dir` (relative to the root, forward slashes) whose names pass `accept`; missing folders list nothing. */
export function listFiles(dir: string, accept: (name: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const walk = (absolute: string): void => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (skipped.has(entry.name)) continue;
      const path = join(absolute, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (accept(entry.name)) out.push(repoPath(path));
    }
  };
  if (exists(dir)) walk(join(repoRoot, dir));
  return out.sort();
}
