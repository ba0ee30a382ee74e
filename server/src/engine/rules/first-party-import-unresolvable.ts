/**
 * first-party-import-unresolvable: the launched module (or a first-party module it imports at start-up)
 * imports a package of the project that is not on the process's sys.path. Typical: `python backend/src/main.py`
 * whose code imports `backend.src.config` — the script's folder, not the project root, is `sys.path[0]`
 * (research/platforms.md §1.6). Also relative imports in a file run as a script.
 */

import { certainty, describeDir, describeProjectDir, describeSysPath, relativeDir, shadowNote } from '../plan/describe';
import { replaceEdits, setEnvEdits } from '../plan/fixes';
import { launchImports, type ImportIssue } from '../plan/imports';
import type { SysPath } from '../plan/sys-path';
import type { PlannedLaunch } from '../plan/types';
import type { Project } from '../project';
import { defineRule, type Report } from '../rule';
import type { Fix } from '../types';

export const firstPartyImportUnresolvable = defineRule({
  id: 'first-party-import-unresolvable',
  defaultSeverity: 'error',
  summary: "The launched module's own imports of first-party packages fail under the sys.path the platform uses.",
  fileKinds: ['procfile', 'railway-toml', 'railway-json', 'railway-iac', 'dockerfile', 'shell', 'python'],
  check(project, report) {
    for (const planned of project.plan.launches) {
      const imports = launchImports(project, planned);
      if (!imports) continue;
      for (const issue of imports.issues) {
        if (!issue.site || issue.problem.caseMatch) continue;
        reportIssue(project, planned, issue, imports.sysPath, report);
      }
    }
  },
});

function reportIssue(project: Project, planned: PlannedLaunch, issue: ImportIssue, sysPath: SysPath, report: (r: Report) => void): void {
  const uncertain = sysPath.uncertain;
  const site = issue.site!;
  const { source, launch } = planned;
  const anchor = launch.app?.moduleRange ?? launch.module?.word.range ?? launch.script?.word.range ?? launch.command.range;
  const lines = project.lines(site.file);
  const line = lines ? lines.positionAt(site.statementRange.start).line + 1 : 0;
  const statement = (project.text(site.file) ?? '').slice(site.statementRange.start, site.statementRange.end).split('\n')[0];
  const related = [{ file: site.file, range: site.range, message: `\`${statement}\`` }];
  const about = [`module:${issue.module.split('.')[0]}`, `module:${issue.module}`];
  const severity = certainty(planned, uncertain || issue.problem.uncertain || site.scope !== 'module' ? 'warning' : 'error');
  const file = source.file;
  const where = describeDir(planned, planned.cwd);

  if (site.relativeInScript) {
    const fixes = dashMFix(planned);
    const message = `\`${launch.script?.path}\` is run as a script, so its relative import (\`${statement}\`, line ${line}) fails with "attempted relative import with no known parent package". Run it as a module instead.`;
    if (file) report({ file, range: anchor, severity, about, message: message + shadowNote(planned), related, fixes });
    else report({ file: site.file, range: site.range, severity, about, message, fixes: [] });
    return;
  }

  const top = issue.module.split('.')[0];
  const reachable = issue.problem.candidates.filter((c) => source.runtime.view.fromProject(c) !== undefined);
  if (!reachable.length && issue.problem.failedAt === 0) {
    // Left out of a service folder: service-imports-outside-root says that. Left out of an image: say it here.
    if (!source.runtime.startDir.startsWith('/') || !file) return;
    report({
      file,
      range: anchor,
      severity,
      about,
      message: `\`${statement}\` (${site.file}:${line}) fails at start-up with ModuleNotFoundError: No module named '${top}': \`${top}\` (in ${issue.problem.candidates.map(describeProjectDir).join(', ')}) is not copied into the image, whose COPY lines bring in only part of the project.${shadowNote(planned)}`,
      related,
    });
    return;
  }
  const searched = describeSysPath(planned, sysPath.entries);
  const message =
    issue.problem.failedAt > 0
      ? `\`${statement}\` (${site.file}:${line}) fails at start-up: \`${issue.module.split('.').slice(0, issue.problem.failedAt + 1).join('.')}\` does not exist.`
      : `\`${statement}\` (${site.file}:${line}) fails at start-up with ModuleNotFoundError: No module named '${top}'. sys.path holds ${searched}, not the folder with \`${top}\`: ${reachable.map(describeProjectDir).join(', ')}.`;
  const fixes: Fix[] = [];
  if (reachable.length && issue.problem.failedAt === 0) {
    const entry = source.runtime.view.fromProject(reachable[0]);
    if (entry !== undefined && planned.cwd !== undefined) {
      const rel = relativeDir(planned.cwd, entry);
      const edits = setEnvEdits(planned, 'PYTHONPATH', rel);
      if (edits) fixes.push({ title: `Prepend PYTHONPATH=${rel} to the start command`, edits, ...(reachable.length === 1 ? { isPreferred: true } : {}) });
    }
    fixes.push(...dashMFix(planned));
  }
  if (file) report({ file, range: anchor, severity, about, message: message + shadowNote(planned), related, fixes });
  else report({ file: site.file, range: site.range, severity, about, message: `${message} (started by ${source.label})`, fixes: [] });
}

/** `python backend/src/main.py` → `python -m backend.src.main`, when the path is a dotted module path. */
function dashMFix(planned: PlannedLaunch): Fix[] {
  const { launch, source } = planned;
  if (!launch.script || !source.file) return [];
  const path = launch.script.path.replace(/^\.\//, '');
  if (!path.endsWith('.py') || path.startsWith('/') || path.startsWith('..')) return [];
  const dotted = path.slice(0, -3).split('/');
  if (!dotted.every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) return [];
  const edits = replaceEdits(source, launch.command, launch.script.word.range, `-m ${dotted.join('.')}`);
  return edits ? [{ title: `Run it as a module: python -m ${dotted.join('.')}`, edits }] : [];
}
