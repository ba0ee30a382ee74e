/**
 * app-module-not-importable: the module a start command launches (`gunicorn wsgi:app`, `uvicorn pkg.main:app`,
 * `python -m pkg.main`) does not resolve from the directory and sys.path the platform will use, while it does
 * exist elsewhere in the project. gunicorn and uvicorn put their working directory (or --chdir / --app-dir) on
 * sys.path, `python -m` the current directory (research/platforms.md §1.6).
 */

import { certainty, describeDir, describeProjectDir, describeSysPath, isIdentifierPath, relativeDir, shadowNote } from '../plan/describe';
import { appendOptionEdits, replaceEdits, setEnvEdits } from '../plan/fixes';
import { launchImports } from '../plan/imports';
import type { PlannedLaunch } from '../plan/types';
import { defineRule } from '../rule';
import type { Fix, RelatedLocation } from '../types';

export const appModuleNotImportable = defineRule({
  id: 'app-module-not-importable',
  defaultSeverity: 'error',
  summary: 'The app module of the start command does not resolve from the directory and sys.path the platform uses.',
  fileKinds: ['procfile', 'railway-toml', 'railway-json', 'railway-iac', 'dockerfile', 'shell'],
  check(project, report) {
    for (const planned of project.plan.launches) {
      const { launch, source } = planned;
      if (!source.file) continue;
      const target = launch.app ?? (launch.module ? { module: launch.module.name, moduleRange: launch.module.word.range } : undefined);
      if (!target) continue;
      const imports = launchImports(project, planned);
      const issue = imports?.issues.find((i) => !i.site);
      if (!imports || !issue || issue.problem.caseMatch) continue;
      const { problem } = issue;
      const view = source.runtime.view;
      const where = describeDir(planned, imports.sysPath.startDir);
      const parts = target.module.split('.');
      const about = [`module:${parts[0]}`, `module:${target.module}`];

      if (problem.failedAt > 0) {
        const parent = parts.slice(0, problem.failedAt).join('.');
        const missing = parts[problem.failedAt];
        const elsewhere = problem.candidates.map((c) => describeProjectDir(c));
        report({
          file: source.file,
          range: target.moduleRange,
          about,
          severity: certainty(planned, 'error'),
          message: `\`${target.module}\` cannot be imported: \`${parent}\` has no module or package \`${missing}\`.${elsewhere.length ? ` A \`${target.module}\` exists under ${elsewhere.join(', ')}.` : ''}${shadowNote(planned)}`,
          fixes: problem.candidates.length === 1 ? pathFixes(planned, problem.candidates[0], target.module, target.moduleRange, true) : [],
        });
        continue;
      }

      const reachable = problem.candidates.filter((c) => view.fromProject(c) !== undefined);
      const locations = problem.candidates.map((c) => describeProjectDir(c)).join(', ');
      const related: RelatedLocation[] = problem.candidates.slice(0, 3).flatMap((c) => {
        const file = moduleFile(project.index.isFile.bind(project.index), c, parts[0]);
        return file ? [{ file, range: { start: 0, end: 0 }, message: `\`${parts[0]}\` is here` }] : [];
      });
      if (!reachable.length) {
        report({
          file: source.file,
          range: target.moduleRange,
          about,
          severity: certainty(planned, imports.sysPath.uncertain || problem.uncertain ? 'warning' : 'error'),
          message: `\`${target.module}\` is not importable: ${source.runtime.name} starts ${planned.launch.program} in ${where}, and \`${parts[0]}\` exists only under ${locations}, which is not part of what it runs.${shadowNote(planned)}`,
          related,
        });
        continue;
      }
      const fixes: Fix[] = reachable.flatMap((c, i) => pathFixes(planned, c, target.module, target.moduleRange, reachable.length === 1 && i === 0));
      report({
        file: source.file,
        range: target.moduleRange,
          about,
        severity: certainty(planned, imports.sysPath.uncertain || problem.uncertain ? 'warning' : 'error'),
        message: `\`${target.module}\` is not importable from ${where}, where ${source.runtime.name} starts ${planned.launch.program} (sys.path holds ${describeSysPath(planned, imports.sysPath.entries)}). \`${parts[0]}\` is in ${locations}.${shadowNote(planned)}`,
        related,
        fixes,
      });
    }
  },
});

/** PYTHONPATH, --chdir/--app-dir and dotted-path fixes that make `module` importable from `candidate`. */
function pathFixes(planned: PlannedLaunch, candidate: string, module: string, moduleRange: { start: number; end: number }, preferred: boolean): Fix[] {
  const view = planned.source.runtime.view;
  const entry = view.fromProject(candidate);
  const start = planned.cwd;
  if (entry === undefined || start === undefined) return [];
  const rel = relativeDir(start, entry);
  const fixes: Fix[] = [];
  const env = setEnvEdits(planned, 'PYTHONPATH', rel);
  if (env) fixes.push({ title: `Prepend PYTHONPATH=${rel} to the start command`, edits: env, ...(preferred ? { isPreferred: true } : {}) });
  const { launch } = planned;
  const option = launch.server === 'gunicorn' && !launch.chdir ? '--chdir' : launch.server === 'uvicorn' && !launch.appDir ? '--app-dir' : undefined;
  if (option && rel !== '.') {
    const edits = appendOptionEdits(planned, [option, rel]);
    if (edits) fixes.push({ title: `Add ${option} ${rel}`, edits });
  }
  if (rel !== '.' && !rel.startsWith('..') && isIdentifierPath(rel)) {
    const dotted = `${rel.split('/').join('.')}.${module}`;
    const edits = replaceEdits(planned.source, launch.command, moduleRange, dotted);
    if (edits) fixes.push({ title: `Use the module path \`${dotted}\``, edits });
  }
  return fixes;
}

function moduleFile(isFile: (p: string) => boolean, dir: string, name: string): string | undefined {
  const prefix = dir ? `${dir}/` : '';
  for (const candidate of [`${prefix}${name}/__init__.py`, `${prefix}${name}.py`]) if (isFile(candidate)) return candidate;
  return undefined;
}
