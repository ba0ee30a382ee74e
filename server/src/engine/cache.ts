/** Parse results kept between analyses, reused while a file's text (or version token) is unchanged. */

/** What a cached value is: one entry per kind and file, shared by every analysis that parses the file that way. */
export type ParseKind = 'lines' | 'procfile' | 'python' | 'railway' | 'dockerfile' | 'iac' | 'script';

interface Entry {
  readonly key: string | number;
  readonly text: string;
  readonly value: unknown;
  used: number;
}

export class ParseCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  get<T>(kind: ParseKind, path: string, text: string, version: string | number | undefined, compute: () => T): T {
    const id = `${kind}\u0000${path}`;
    const entry = this.entries.get(id);
    if (entry && (version !== undefined ? entry.key === version && entry.text.length === text.length : entry.text === text)) {
      entry.used = this.generation;
      return entry.value as T;
    }
    const value = compute();
    this.entries.set(id, { key: version ?? '', text, value, used: this.generation });
    return value;
  }

  /** Drops entries not used in the last few analyses, so deleted and renamed files do not pile up. */
  sweep(): void {
    this.generation++;
    for (const [id, entry] of this.entries) if (this.generation - entry.used > 8) this.entries.delete(id);
  }
}
