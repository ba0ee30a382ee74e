/**
 * The project model one analysis works on: the file index, parsed deploy files and Python sources (cached
 * between analyses), and the deploy plan derived from them. Everything is computed on first use.
 */

import type { ParseCache, ParseKind } from './cache';
import { FileIndex, isIgnoredPath, type ProjectFiles } from './files';
import type { Grammars } from './grammars';
import { fileKindOf } from './kinds';
import { parseProcfile, type Procfile } from './procfile/parse';
import { scanPython, type PySource } from './python/source';
import { LineIndex } from './text';
import type { FileKind } from './types';
import { buildPlan, dockerfile, railwayConfigAt } from './plan/build';
import type { DeployPlan } from './plan/types';

export class Project {
  readonly index: FileIndex;
  private readonly texts = new Map<string, string | undefined>();
  private readonly lineIndexes = new Map<string, LineIndex>();
  private procfileList: Procfile[] | undefined;
  private readonly memo = new Map<string, unknown>();

  constructor(
    readonly files: ProjectFiles,
    readonly grammars: Grammars,
    private readonly cache: ParseCache,
    /** The time the analysis runs at (injectable for tests of date-dependent rules). */
    readonly now: Date = new Date(),
  ) {
    this.index = new FileIndex(files.list().filter((p) => !isIgnoredPath(p)));
  }

  /** A file's text, read once per analysis. */
  text(path: string): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.index.isFile(path) ? this.files.read(path) : undefined;
    this.texts.set(path, text);
    return text;
  }

  lines(path: string): LineIndex | undefined {
    const cached = this.lineIndexes.get(path);
    if (cached) return cached;
    const text = this.text(path);
    if (text === undefined) return undefined;
    // A parsed Dockerfile carries its line index (the plan parses every Dockerfile): no second scan of the text.
    const parsed = fileKindOf(path) === 'dockerfile' ? dockerfile(this, path)?.lines : undefined;
    const index = parsed ?? this.parsed('lines', path, text, () => new LineIndex(text));
    this.lineIndexes.set(path, index);
    return index;
  }

  /** Paths of every file of a kind, in a stable order. */
  filesOfKind(kind: FileKind): readonly string[] {
    return this.byKind.get(kind) ?? [];
  }

  /** The project's files grouped by kind, sorted: one pass over the index for all kinds. */
  private get byKind(): ReadonlyMap<FileKind, readonly string[]> {
    return this.remember('kinds', () => {
      const groups = new Map<FileKind, string[]>();
      for (const path of this.index.files) {
        const kind = fileKindOf(path);
        if (!kind) continue;
        const group = groups.get(kind);
        if (group) group.push(path);
        else groups.set(kind, [path]);
      }
      for (const group of groups.values()) group.sort();
      return groups;
    });
  }

  get procfiles(): Procfile[] {
    this.procfileList ??= this.filesOfKind('procfile').flatMap((path) => {
      const text = this.text(path);
      return text === undefined ? [] : [this.parsed('procfile', path, text, () => parseProcfile(path, text))];
    });
    return this.procfileList;
  }

  /** A Python file's scan, or undefined when it does not exist. */
  python(path: string): PySource | undefined {
    const text = this.text(path);
    if (text === undefined) return undefined;
    return this.parsed('python', path, text, () => scanPython(this.grammars.python, path, text));
  }

  /**
   * Where the statement containing `offset` starts: the line of a Dockerfile instruction or a TOML key, so a
   * `# deploy-doctor-disable-next-line` comment lands above it rather than inside a continuation or string.
   */
  statementStart(path: string, offset: number): number {
    const kind = fileKindOf(path);
    const starts: readonly number[] =
      (kind === 'dockerfile'
        ? dockerfile(this, path)?.instructionStarts
        : kind === 'railway-toml' || kind === 'railway-json'
          ? railwayConfigAt(this, path)?.doc.statementStarts
          : undefined) ?? [];
    // The last statement start at or before `offset` (binary search: a Dockerfile can have thousands).
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    const start = lo > 0 ? starts[lo - 1] : offset;
    const lines = this.lines(path);
    return lines ? lines.lineStart(lines.positionAt(start).line) : start;
  }

  /** The deploy plan: services, start commands in precedence order, and their launches. */
  get plan(): DeployPlan {
    return this.remember('plan', () => buildPlan(this));
  }

  /** Reuses a parse from earlier analyses while the file is unchanged. */
  parsed<T>(kind: ParseKind, path: string, text: string, compute: () => T): T {
    return this.cache.get(kind, path, text, this.files.version?.(path), compute);
  }

  /** Memoises a derived value for the lifetime of this analysis. */
  remember<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }
}
