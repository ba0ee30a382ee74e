/**
 * `ProjectFiles` over a folder on disk, for the CLI and as the language server's base layer. Skips installed and
 * generated folders, does not follow symbolic links, and reads only text files of reasonable size.
 */

import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { isIgnoredPath, type ProjectFiles } from '../engine/index';

/** Files bigger than this are not deploy configs or app entry points. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** How far the file list reaches below the root. */
export interface WalkLimits {
  readonly maxFiles: number;
  readonly maxDepth: number;
}

/** The whole folder, with a safety net for enormous ones (a home directory opened by mistake). */
const WHOLE_FOLDER: WalkLimits = { maxFiles: 100_000, maxDepth: Infinity };

export interface DiskFiles extends ProjectFiles {
  readonly root: string;
  /** Forget what is cached about a path after a change on disk (everything when no path is given). */
  invalidate(path?: string, change?: 'created' | 'changed' | 'deleted'): void;
  /** The file list was cut at the limits. */
  readonly truncated: boolean;
}

export function diskFiles(root: string, limits: WalkLimits = WHOLE_FOLDER): DiskFiles {
  let listing: string[] | undefined;
  let truncated = false;
  const texts = new Map<string, { version: string; text: string | undefined }>();

  const list = (): string[] => {
    if (listing) return listing;
    const walked = walkFolder(root, limits.maxFiles, limits.maxDepth);
    truncated = walked.truncated;
    listing = walked.files;
    return listing;
  };

  const version = (path: string): string | undefined => {
    try {
      const st = statSync(join(root, path));
      return st.isFile() ? `${st.mtimeMs}:${st.size}` : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    root,
    get truncated() {
      return truncated;
    },
    list,
    version,
    read(path) {
      const v = version(path);
      if (v === undefined) return undefined;
      const cached = texts.get(path);
      if (cached && cached.version === v) return cached.text;
      const text = readText(join(root, path));
      texts.set(path, { version: v, text });
      return text;
    },
    invalidate(path, change) {
      if (path === undefined) {
        listing = undefined;
        texts.clear();
        return;
      }
      texts.delete(path);
      // A content change keeps the listing; creations and deletions (or an unknown change) rebuild it.
      if (change !== 'changed') listing = undefined;
    },
  };
}

/** A file's text as UTF-8, or undefined for directories, huge files and binary content (a NUL byte). */
export function readText(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
    const bytes = readFileSync(path);
    if (bytes.subarray(0, 8192).includes(0)) return undefined;
    const text = bytes.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/**
 * The files below `root` (project-relative, forward slashes, sorted), level by level: installed and generated
 * folders are skipped, links are not followed, and the walk stops at `maxFiles` files or `maxDepth` levels.
 */
function walkFolder(root: string, maxFiles: number, maxDepth: number): { files: string[]; truncated: boolean } {
  const out: string[] = [];
  let level: string[] = [''];
  for (let depth = 0; depth < maxDepth && level.length; depth++) {
    const next: string[] = [];
    for (const rel of level) {
      let entries: Dirent[];
      try {
        entries = readdirSync(rel ? join(root, rel) : root, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        const path = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!isIgnoredPath(path)) next.push(path);
        } else if (entry.isFile()) {
          if (out.length >= maxFiles) return { files: out.sort(), truncated: true };
          out.push(path);
        }
      }
    }
    level = next;
  }
  return { files: out.sort(), truncated: false };
}
