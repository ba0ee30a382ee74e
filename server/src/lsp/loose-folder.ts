/**
 * Disk files around a document that lies outside every workspace folder. Its folder becomes the project, but
 * that folder may be a home directory, so the listing stops at a few levels and a few thousand files instead
 * of walking everything below it.
 */

import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { isIgnoredPath } from '../engine/index';
import { diskFiles, type DiskFiles } from '../node/disk-files';

const MAX_DEPTH = 4;
const MAX_FILES = 5_000;

export function looseFolderFiles(root: string): DiskFiles {
  const disk = diskFiles(root);
  let listing: string[] | undefined;
  let truncated = false;

  const list = (): string[] => {
    if (listing) return listing;
    const out: string[] = [];
    let level: string[] = [''];
    truncated = false;
    for (let depth = 0; depth < MAX_DEPTH && level.length && !truncated; depth++) {
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
            if (out.length >= MAX_FILES) {
              truncated = true;
              break;
            }
            out.push(path);
          }
        }
        if (truncated) break;
      }
      level = next;
    }
    listing = out.sort();
    return listing;
  };

  return {
    root,
    get truncated() {
      return truncated;
    },
    list,
    read: (path) => disk.read(path),
    version: (path) => disk.version?.(path),
    invalidate(path, change) {
      disk.invalidate(path, change);
      if (path === undefined || change !== 'changed') listing = undefined;
    },
  };
}
