/** Wording and small path helpers shared by the start-command rules. */

import type { Severity } from '../types';
import type { PlannedLaunch } from './types';

/** `the project root`, `/app`, `the service folder api/`. */
export function describeDir(planned: PlannedLaunch, dir: string | undefined): string {
  if (dir === undefined) return 'an unknown directory';
  return planned.source.runtime.view.describe(dir);
}

/** A project directory for messages: `the project root` or `backend/`. */
export function describeProjectDir(dir: string): string {
  return dir === '' ? 'the project root' : `${dir}/`;
}

/** Relative path from one view directory to another (`.` when equal). */
export function relativeDir(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  const rel = [...up, ...b.slice(i)].join('/');
  return rel || '.';
}

/** Findings on a command the platform does not run (a shadowed Procfile) are never errors. */
export function certainty(planned: PlannedLaunch, severity: Severity): Severity {
  if (severity === 'error' && planned.source.shadowedBy) return 'warning';
  return severity;
}

/** ` (Railway runs deploy.startCommand in railway.toml instead)` for shadowed sources. */
export function shadowNote(planned: PlannedLaunch): string {
  return planned.source.shadowedBy ? ` (Railway runs ${planned.source.shadowedBy} instead; this matters where ${planned.source.file ?? 'this command'} is used directly.)` : '';
}

export function isIdentifierPath(path: string): boolean {
  return path.split('/').every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p));
}

/** Why a directory is on sys.path, by `SysPathEntry.origin`. */
const ORIGINS: Readonly<Record<string, string>> = {
  gunicorn: "gunicorn's working directory",
  uvicorn: "uvicorn's working directory",
  '--chdir': 'gunicorn --chdir',
  '--app-dir': 'uvicorn --app-dir',
  '--pythonpath': 'gunicorn --pythonpath',
  script: "the script's own folder",
};

/** `server/ (--chdir)`, `the project root (gunicorn's working directory)`: the first-party part of sys.path. */
export function describeSysPath(planned: PlannedLaunch, entries: readonly { dir: string; origin: string }[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of entries) {
    if (seen.has(e.dir)) continue;
    seen.add(e.dir);
    out.push(`${describeDir(planned, e.dir)} (${ORIGINS[e.origin] ?? e.origin})`);
  }
  return out.join(', ') || 'no project folder';
}
