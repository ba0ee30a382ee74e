/**
 * Python's path-based import, over a view of the files the running process will see: regular packages,
 * modules, namespace packages, in `sys.path` order, case-sensitively as on Linux (with the case-insensitive
 * near-misses kept, because macOS and Windows would have found them).
 */

import type { FileIndex } from '../files';
import { joinPath, normalizePath } from '../files';

/**
 * The file system as a process sees it. Paths are the view's own (container paths, or project paths); each
 * one the view knows maps to a project file or directory for reporting.
 */
export interface PathView {
  isFile(path: string): boolean;
  isDir(path: string): boolean;
  /** Entries differing from `path` only by case. */
  caseVariants(path: string): string[];
  /** The project path behind a view path (for messages, related locations and reading sources). */
  toProject(path: string): string | undefined;
  /** The view path where a project path is visible, if it is. */
  fromProject(path: string): string | undefined;
  /** A readable name for a view directory in messages (`/app`, the repo root). */
  describe(path: string): string;
}

export type Resolved = {
  readonly found: true;
  readonly kind: 'module' | 'package' | 'namespace';
  /** View path of the module file or `__init__.py` (undefined for a namespace package). */
  readonly file: string | undefined;
  /** View directories searched for submodules. */
  readonly searchPath: readonly string[];
  /** The sys.path entry the top-level name was found under. */
  readonly entry: string;
};

export type Unresolved = {
  readonly found: false;
  /** Index of the first dotted component that did not resolve. */
  readonly failedAt: number;
  /** The directories searched for that component. */
  readonly searched: readonly string[];
  /** A file or directory that matches the component except for letter case. */
  readonly caseMatch?: string;
};

export type Resolution = Resolved | Unresolved;

/** Resolves a dotted module path the way `importlib` would with `sys.path` = `sysPath`. */
export function resolveModule(view: PathView, sysPath: readonly string[], dotted: string): Resolution {
  const parts = dotted.split('.');
  let searchPath = sysPath;
  let entry = '';
  let current: Resolved | undefined;
  for (let i = 0; i < parts.length; i++) {
    const found = findIn(view, searchPath, parts[i]);
    if (!found) {
      return { found: false, failedAt: i, searched: searchPath, caseMatch: findCaseMatch(view, searchPath, parts[i]) };
    }
    if (i === 0) entry = found.entry;
    current = { ...found, entry };
    if (found.kind === 'module' && i < parts.length - 1) {
      // `a.b` where `a` is a plain module: `a` is not a package.
      return { found: false, failedAt: i + 1, searched: [] };
    }
    searchPath = found.searchPath;
  }
  return current as Resolved;
}

function findIn(view: PathView, searchPath: readonly string[], name: string): Resolved | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  const portions: string[] = [];
  for (const dir of searchPath) {
    const pkg = join(dir, name);
    const isDir = view.isDir(pkg);
    if (isDir) {
      const init = join(pkg, '__init__.py');
      if (view.isFile(init)) return { found: true, kind: 'package', file: init, searchPath: [pkg], entry: dir };
    }
    const mod = join(dir, `${name}.py`);
    if (view.isFile(mod)) return { found: true, kind: 'module', file: mod, searchPath: [], entry: dir };
    if (isDir) portions.push(pkg);
  }
  if (portions.length) return { found: true, kind: 'namespace', file: undefined, searchPath: portions, entry: dirnameOf(portions[0]) };
  return undefined;
}

function findCaseMatch(view: PathView, searchPath: readonly string[], name: string): string | undefined {
  for (const dir of searchPath) {
    for (const candidate of [join(dir, name), join(dir, `${name}.py`)]) {
      const variant = view.caseVariants(candidate)[0];
      if (variant) return variant;
    }
  }
  return undefined;
}

/** Absolute module name of a relative import inside `modulePath` (`pkg.sub.mod`), or undefined when it escapes. */
export function absoluteImport(moduleName: string, isPackage: boolean, level: number, module: string): string | undefined {
  if (level === 0) return module;
  const parts = moduleName.split('.');
  const base = isPackage ? parts : parts.slice(0, -1);
  if (level - 1 > base.length - 1 || base.length === 0) return undefined;
  const anchor = base.slice(0, base.length - (level - 1));
  if (!anchor.length) return undefined;
  return module ? `${anchor.join('.')}.${module}` : anchor.join('.');
}

function join(dir: string, name: string): string {
  if (dir.startsWith('/')) return dir === '/' ? `/${name}` : `${dir}/${name}`;
  return joinPath(dir, name);
}

function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : path.slice(0, i);
}

/** The project itself as the process sees it from the project root (Heroku, Railpack at `/app`, a local run). */
export function projectView(index: FileIndex, root = '', label = 'the project root'): PathView {
  const inside = (p: string): string | undefined => {
    const full = normalizePath(root ? `${root}/${p}` : p);
    if (root && !(full === root || full.startsWith(`${root}/`))) return undefined;
    return full;
  };
  const fromProject = (p: string): string | undefined => (!root ? p : p === root ? '' : p.startsWith(`${root}/`) ? p.slice(root.length + 1) : undefined);
  return {
    isFile: (p) => {
      const full = inside(p);
      return full !== undefined && index.isFile(full);
    },
    isDir: (p) => {
      const full = inside(p);
      return full !== undefined && index.isDir(full);
    },
    caseVariants: (p) => {
      const full = inside(p);
      if (full === undefined) return [];
      return index
        .caseVariants(full)
        .map(fromProject)
        .filter((v) => v !== undefined);
    },
    toProject: inside,
    fromProject,
    describe: (p) => {
      const full = inside(p);
      if (full === undefined) return p;
      if (full === root) return label;
      return `${full}/`;
    },
  };
}
