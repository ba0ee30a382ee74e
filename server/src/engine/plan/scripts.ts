/**
 * Follows start commands into shell scripts of the project (`bash start.sh`, `./entrypoint.sh`): the script's
 * commands run in the same runtime and directory, so they are launches of their own, reported in the script.
 */

import { basename } from '../files';
import type { Project } from '../project';
import { parseCommandLine } from '../shell/parse';
import { SHELLS } from '../shell/payload';
import { verbatimText } from '../text';
import { launchesOf, viewJoin } from './launches';
import type { CommandSource, PlannedLaunch } from './types';

const MAX_DEPTH = 2;

export function followScripts(project: Project, sources: readonly CommandSource[]): PlannedLaunch[] {
  const out: PlannedLaunch[] = [];
  const seen = new Set<string>();
  const visit = (source: CommandSource, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const command of source.line.commands) {
      const words = command.words;
      const first = words[0]?.value;
      if (first === undefined) continue;
      const scriptWord = SHELLS.has(basename(first)) ? words.find((w, i) => i > 0 && !w.value?.startsWith('-')) : first.endsWith('.sh') || first.startsWith('./') ? words[0] : undefined;
      const scriptPath = scriptWord?.value;
      if (!scriptPath) continue;
      const cwd = viewJoin(source.runtime.startDir, command.cwd);
      const viewPath = viewJoin(cwd, scriptPath) ?? (scriptPath.startsWith('/') ? scriptPath : undefined);
      const file = viewPath !== undefined ? source.runtime.view.toProject(viewPath) : undefined;
      if (!file || seen.has(file)) continue;
      const text = project.text(file);
      if (text === undefined) continue;
      seen.add(file);
      const mapped = verbatimText(file, text, 0);
      const line = project.parsed('script', file, text, () => parseCommandLine(project.grammars.bash, mapped, 'shell'));
      const script: CommandSource = {
        kind: 'script',
        label: `${file} (run by ${source.label})`,
        file,
        range: { start: 0, end: text.length },
        text: mapped,
        mode: 'shell',
        line,
        runtime: { ...source.runtime, startDir: cwd ?? source.runtime.startDir },
        web: source.web,
        rewrite: undefined,
        ...(source.shadowedBy ? { shadowedBy: source.shadowedBy } : {}),
      };
      out.push(...launchesOf(script, cwd));
      visit(script, depth + 1);
    }
  };
  for (const source of sources) visit(source, 1);
  return out;
}
