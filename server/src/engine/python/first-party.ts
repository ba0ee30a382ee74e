/**
 * First-party modules: where in the project a top-level package or module name exists. A name found nowhere in
 * the project may be installed from PyPI, so import checks stay silent about it.
 */

import { basename, dirname } from '../files';
import type { Project } from '../project';

export interface FirstPartyIndex {
  /** Project paths of packages (directories holding Python files) and modules (`name.py`) named `name`. */
  locations(name: string): readonly string[];
  /** The same, ignoring letter case. */
  locationsIgnoringCase(name: string): readonly string[];
}

export function firstParty(project: Project): FirstPartyIndex {
  return project.remember('first-party', () => {
    const exact = new Map<string, string[]>();
    const lower = new Map<string, string[]>();
    const add = (name: string, path: string): void => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return;
      (exact.get(name) ?? exact.set(name, []).get(name))!.push(path);
      const key = name.toLowerCase();
      (lower.get(key) ?? lower.set(key, []).get(key))!.push(path);
    };
    const pyDirs = new Set<string>();
    for (const file of project.index.files) {
      if (!file.endsWith('.py')) continue;
      add(basename(file).slice(0, -3), file);
      for (let dir = dirname(file); dir && !pyDirs.has(dir); dir = dirname(dir)) pyDirs.add(dir);
    }
    for (const dir of pyDirs) add(basename(dir), dir);
    for (const list of exact.values()) list.sort(byDepth);
    for (const list of lower.values()) list.sort(byDepth);
    return {
      locations: (name) => exact.get(name) ?? [],
      locationsIgnoringCase: (name) => lower.get(name.toLowerCase()) ?? [],
    };
  });
}

function byDepth(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || (a < b ? -1 : 1);
}
