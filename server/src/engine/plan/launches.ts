/** Interprets a source's commands into launches, with each process's working directory in the runtime's view. */

import { resolveContainerPath } from '../dockerfile/parse';
import { joinPath } from '../files';
import { interpret } from '../start-command/interpret';
import type { CommandSource, PlannedLaunch } from './types';

export function launchesOf(source: CommandSource, startDir = source.runtime.startDir): PlannedLaunch[] {
  const out: PlannedLaunch[] = [];
  for (const command of source.line.commands) {
    const launch = interpret(command);
    if (!launch) continue;
    out.push({ source, launch, cwd: viewJoin(startDir, command.cwd) });
  }
  return out;
}

/** A directory relative to a view directory (container paths are absolute, project paths relative). */
export function viewJoin(base: string | undefined, rel: string | undefined): string | undefined {
  if (base === undefined || rel === undefined) return undefined;
  if (base.startsWith('/')) return rel === '' ? base : resolveContainerPath(base, rel);
  if (rel.startsWith('/')) return undefined;
  const joined = joinPath(base, rel);
  return joined.startsWith('..') ? undefined : joined;
}
