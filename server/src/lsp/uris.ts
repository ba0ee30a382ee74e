/**
 * `file://` URIs ↔ file-system paths, in the spelling VS Code uses (every character but `A-Za-z0-9-._~` and the
 * path's slashes percent-encoded, Windows drive letters lowercase), so URIs the server makes up for files
 * nobody opened compare equal to the ones the editor sends.
 */

import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The scheme of a URI, lowercased (`file`, `untitled`, `git`, …). */
export function schemeOf(uri: string): string {
  const colon = uri.indexOf(':');
  return colon > 0 ? uri.slice(0, colon).toLowerCase() : '';
}

/** The file-system path of a `file:` URI; undefined for other schemes and for URIs this OS cannot open. */
export function uriToFsPath(uri: string): string | undefined {
  if (schemeOf(uri) !== 'file') return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A `file:` URI for an absolute file-system path. */
export function fsPathToUri(fsPath: string): string {
  let path = fsPath.replace(/\\/g, '/');
  let authority = '';
  if (path.startsWith('//')) {
    // A UNC path: \\server\share\file.
    const slash = path.indexOf('/', 2);
    authority = slash < 0 ? path.slice(2) : path.slice(2, slash);
    path = slash < 0 ? '/' : path.slice(slash);
  }
  if (/^[A-Za-z]:/.test(path)) path = `/${path[0].toLowerCase()}${path.slice(1)}`;
  if (!path.startsWith('/')) path = `/${path}`;
  const encoded = path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
  return `file://${encodeURIComponent(authority.toLowerCase())}${encoded}`;
}

/**
 * The project-relative path (forward slashes) of `fsPath` inside `root`, or undefined when it lies outside.
 * Windows paths compare without regard to case, as the file system does.
 */
export function relativeInside(root: string, fsPath: string): string | undefined {
  const rel = process.platform === 'win32' ? relative(root.toLowerCase(), fsPath.toLowerCase()) : relative(root, fsPath);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  // On Windows, take the characters from the real path so the case of the user's spelling survives.
  const original = process.platform === 'win32' ? fsPath.slice(fsPath.length - rel.length) : rel;
  return original.split(sep).join('/');
}
