/**
 * Disk files around a document that lies outside every workspace folder. Its folder becomes the project, but
 * that folder may be a home directory, so the listing stops at a few levels and a few thousand files instead
 * of walking everything below it.
 */

import { diskFiles, walkFolder, type DiskFiles } from '../node/disk-files';

const MAX_DEPTH = 4;
const MAX_FILES = 5_000;

export function looseFolderFiles(root: string): DiskFiles {
  const disk = diskFiles(root);
  let listing: string[] | undefined;
  let truncated = false;

  const list = (): string[] => {
    if (listing) return listing;
    const walked = walkFolder(root, MAX_FILES, MAX_DEPTH);
    truncated = walked.truncated;
    listing = walked.files;
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
