/**
 * The `sys.path` a launched process imports with: what the program inserts itself (gunicorn's working
 * directory, uvicorn's --app-dir, a script's own folder, `python -m`'s cwd) and PYTHONPATH from the command,
 * its shell environment and the image. Directories are view paths of the launch's runtime.
 */

import type { Word } from '../shell/model';
import { viewJoin } from './launches';
import type { PlannedLaunch } from './types';

export interface SysPathEntry {
  readonly dir: string;
  /** `gunicorn`, `--chdir`, `script`, `python -m`, `PYTHONPATH`, … */
  readonly origin: string;
  readonly word?: Word;
}

export interface SysPath {
  readonly entries: readonly SysPathEntry[];
  /** PYTHONPATH holds something the engine cannot read (a variable from elsewhere). */
  readonly uncertain: boolean;
  /** The directory the process starts in (view path). */
  readonly startDir: string;
  /** Where the PYTHONPATH value came from, when set. */
  readonly pythonPath: { readonly word?: Word; readonly fromImage: boolean } | undefined;
}

export function sysPathOf(planned: PlannedLaunch): SysPath | undefined {
  const { launch, cwd } = planned;
  if (cwd === undefined) return undefined;
  const entries: SysPathEntry[] = [];
  let uncertain = false;
  for (const insert of launch.pathInserts) {
    const dir = viewJoin(cwd, insert.dir === '.' ? '' : insert.dir);
    if (dir === undefined) uncertain = true;
    else entries.push({ dir, origin: insert.origin, ...(insert.word ? { word: insert.word } : {}) });
  }
  if (launch.ignoresPythonPath) return { entries, uncertain, startDir: cwd, pythonPath: undefined };
  const word = launch.command.env.get('PYTHONPATH');
  const inherited = planned.source.runtime.env.get('PYTHONPATH');
  let pythonPath: SysPath['pythonPath'];
  const addEntries = (value: string): void => {
    for (const part of value.split(':')) {
      if (!part) continue;
      const dir = viewJoin(cwd, part.startsWith('/') ? part : part === '.' ? '' : part) ?? (part.startsWith('/') ? part : undefined);
      if (dir === undefined) uncertain = true;
      else entries.push({ dir, origin: 'PYTHONPATH', ...(word ? { word } : {}) });
    }
  };
  if (planned.launch.command.env.has('PYTHONPATH')) {
    pythonPath = { ...(word ? { word } : {}), fromImage: false };
    if (!word) uncertain = true;
    else {
      let text = '';
      for (const part of word.parts) {
        if (part.kind === 'literal') text += part.text;
        else if (part.kind === 'variable' && part.name === 'PYTHONPATH') text += inherited ?? '';
        else uncertain = true;
      }
      addEntries(text);
    }
  } else if (inherited !== undefined) {
    pythonPath = { fromImage: true };
    // Image ENV values may still hold `$VAR` references the engine could not expand.
    if (inherited.includes('$')) uncertain = true;
    addEntries(inherited.replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, ''));
  }
  return { entries, uncertain, startDir: cwd, pythonPath };
}
