/**
 * The `ProjectFiles` seam: the only way the engine sees a workspace. The language server implements it over
 * the disk plus open editors, the CLI over the disk, tests over an in-memory map.
 */

export interface ProjectFiles {
  /** Every file of the project: project-relative paths with forward slashes, no leading `./`. */
  list(): readonly string[];
  /** The text of a file, or undefined when it does not exist or cannot be read as text. */
  read(path: string): string | undefined;
  /**
   * A token that changes whenever the file's text changes (document version, mtime, …). Lets the engine
   * reuse parses without comparing texts. Undefined means "compare the text".
   */
  version?(path: string): string | number | undefined;
}

/** Directory and case-insensitive lookups derived once from `list()`. */
export class FileIndex {
  readonly files: ReadonlySet<string>;
  readonly dirs: ReadonlySet<string>;
  private readonly byLower = new Map<string, string[]>();
  private readonly children = new Map<string, string[]>();

  constructor(paths: readonly string[]) {
    const files = new Set<string>();
    const dirs = new Set<string>(['']);
    for (const raw of paths) {
      const path = normalizePath(raw);
      if (!path) continue;
      files.add(path);
      this.addLower(path);
      let slash = path.lastIndexOf('/');
      let child = path;
      while (slash >= 0) {
        const dir = path.slice(0, slash);
        this.addChild(dir, child);
        if (dirs.has(dir)) break;
        dirs.add(dir);
        this.addLower(dir);
        child = dir;
        slash = dir.lastIndexOf('/');
      }
      if (slash < 0) this.addChild('', child);
    }
    this.files = files;
    this.dirs = dirs;
  }

  isFile(path: string): boolean {
    return this.files.has(path);
  }

  isDir(path: string): boolean {
    return this.dirs.has(path);
  }

  /** Files and directories whose path equals `path` ignoring case, excluding an exact match. */
  caseVariants(path: string): string[] {
    return (this.byLower.get(path.toLowerCase()) ?? []).filter((p) => p !== path);
  }

  /** Direct children (files and directories) of a directory, as full paths. */
  childrenOf(dir: string): readonly string[] {
    return this.children.get(dir) ?? [];
  }

  private addLower(path: string): void {
    const key = path.toLowerCase();
    const list = this.byLower.get(key);
    if (list) list.push(path);
    else this.byLower.set(key, [path]);
  }

  private addChild(dir: string, child: string): void {
    const list = this.children.get(dir);
    if (list) list.push(child);
    else this.children.set(dir, [child]);
  }
}

/** `./a//b/` → `a/b`; `\` becomes `/`. */
export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else parts.push('..');
    } else parts.push(part);
  }
  return parts.join('/');
}

export function joinPath(dir: string, rel: string): string {
  if (rel.startsWith('/')) return normalizePath(rel);
  return normalizePath(dir ? `${dir}/${rel}` : rel);
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** An in-memory project, for tests and for analysing text that is not on disk. */
export function memoryFiles(entries: Readonly<Record<string, string>>): ProjectFiles {
  const map = new Map(Object.entries(entries).map(([k, v]) => [normalizePath(k), v]));
  return {
    list: () => [...map.keys()],
    read: (path) => map.get(normalizePath(path)),
  };
}

/** Folders that hold installed or generated code, never the project's own. */
const IGNORED_DIR = /(^|\/)(\.git|node_modules|\.venv|venv|env|\.tox|\.nox|__pycache__|site-packages|dist-packages|\.mypy_cache|\.pytest_cache|\.ruff_cache|\.idea|\.vscode-test)(\/|$)/;

export function isIgnoredPath(path: string): boolean {
  return IGNORED_DIR.test(path);
}
