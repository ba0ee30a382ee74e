/**
 * Import checks for one launch: does the launched module resolve on the process's sys.path, and do the
 * first-party modules it imports at start-up (followed a few levels deep) resolve too? A name that exists
 * nowhere in the project is left alone: it may come from PyPI.
 */

import { basename, dirname } from '../files';
import type { Project } from '../project';
import { firstParty } from '../python/first-party';
import { absoluteImport, projectView, resolveModule, type PathView, type Resolution } from '../python/resolve';
import type { ImportScope, PyImport } from '../python/source';
import type { OffsetRange } from '../types';
import { viewJoin } from './launches';
import { sysPathOf, type SysPath } from './sys-path';
import type { PlannedLaunch } from './types';

/** Why a module does not import, and where it does exist in the project. */
export interface ModuleProblem {
  readonly module: string;
  /** Index of the dotted component that failed. */
  readonly failedAt: number;
  /** A view path that matches the failed component except for letter case. */
  readonly caseMatch?: string;
  /** Project directories that, on sys.path, would make the whole module import. */
  readonly candidates: readonly string[];
  /** The builder may install the project, which would make the module importable after all. */
  readonly uncertain?: boolean;
}

export interface ImportSite {
  readonly file: string;
  readonly range: OffsetRange;
  readonly statementRange: OffsetRange;
  readonly scope: ImportScope;
  /** `from .x import y` in a file run as a script: Python has no parent package for it. */
  readonly relativeInScript: boolean;
}

export interface ImportIssue {
  readonly module: string;
  readonly problem: ModuleProblem;
  /** Undefined for the launched module itself (the app reference, `python -m` target). */
  readonly site?: ImportSite;
}

export interface LaunchImports {
  readonly sysPath: SysPath;
  /** The launched module's resolution (app module or `-m` target), when there is one. */
  readonly entry?: { readonly module: string; readonly resolution: Resolution; readonly file?: string };
  /** Project path of the first file executed: the resolved module or the script. */
  readonly entryFile?: string;
  readonly issues: readonly ImportIssue[];
}

const MAX_FILES = 60;
const MAX_DEPTH = 3;

export function launchImports(project: Project, planned: PlannedLaunch): LaunchImports | undefined {
  return project.remember(`imports:${launchKey(planned)}`, () => compute(project, planned));
}

function launchKey(planned: PlannedLaunch): string {
  const c = planned.launch.command;
  return `${planned.source.label}@${c.range.start}:${c.range.end}:${planned.cwd}`;
}

function compute(project: Project, planned: PlannedLaunch): LaunchImports | undefined {
  const sysPath = sysPathOf(planned);
  if (!sysPath) return undefined;
  const view = planned.source.runtime.view;
  const dirs = sysPath.entries.map((e) => e.dir);
  const issues: ImportIssue[] = [];
  const { launch } = planned;

  let entry: LaunchImports['entry'];
  let entryFile: string | undefined;
  let entryModule: string | undefined;
  let entryIsPackage = false;
  const target = launch.app?.module ?? launch.module?.name;
  if (target) {
    const resolution = resolveModule(view, dirs, target);
    const file = resolution.found && resolution.file ? view.toProject(resolution.file) : undefined;
    entry = { module: target, resolution, ...(file ? { file } : {}) };
    if (resolution.found) {
      entryFile = file;
      entryModule = target;
      entryIsPackage = resolution.kind === 'package';
    } else {
      const problem = describeProblem(project, planned, target, resolution);
      if (problem) issues.push({ module: target, problem });
    }
  } else if (launch.script) {
    const viewPath = viewJoin(sysPath.startDir, launch.script.path);
    entryFile = viewPath !== undefined ? view.toProject(viewPath) : undefined;
    entryModule = '__main__';
  }

  if (entryFile) {
    walkImports(project, planned, view, dirs, entryFile, entryModule ?? '__main__', entryIsPackage, issues);
  }
  return { sysPath, ...(entry ? { entry } : {}), ...(entryFile ? { entryFile } : {}), issues };
}

function walkImports(
  project: Project,
  planned: PlannedLaunch,
  view: PathView,
  dirs: readonly string[],
  entryFile: string,
  entryModule: string,
  entryIsPackage: boolean,
  issues: ImportIssue[],
): void {
  const queue: { file: string; module: string; isPackage: boolean; depth: number; optional: boolean }[] = [
    { file: entryFile, module: entryModule, isPackage: entryIsPackage, depth: 0, optional: false },
  ];
  const seen = new Set<string>([entryFile]);
  const reported = new Set<string>();
  while (queue.length && seen.size <= MAX_FILES) {
    const item = queue.shift()!;
    const source = project.python(item.file);
    if (!source) continue;
    for (const imp of source.imports) {
      if (imp.scope === 'deferred' || imp.scope === 'optional') continue;
      // Code under `if __name__ == "__main__":` runs only in the script itself.
      if (imp.scope === 'main' && !(item.depth === 0 && item.module === '__main__')) continue;
      const scope: ImportScope = item.optional && imp.scope === 'module' ? 'conditional' : imp.scope;
      if (imp.level > 0 && item.module === '__main__') {
        if (!reported.has(`rel:${item.file}`)) {
          reported.add(`rel:${item.file}`);
          issues.push({ module: imp.module, problem: { module: imp.module, failedAt: 0, candidates: [] }, site: site(item.file, imp, scope, true) });
        }
        continue;
      }
      const absolute = absoluteImport(item.module, item.isPackage, imp.level, imp.module);
      if (!absolute) continue;
      const resolution = resolveModule(view, dirs, absolute);
      if (!resolution.found) {
        const problem = describeProblem(project, planned, absolute, resolution);
        const key = `${absolute.split('.')[0]}:${problem?.failedAt}`;
        if (problem && !reported.has(key)) {
          reported.add(key);
          issues.push({ module: absolute, problem, site: site(item.file, imp, scope, false) });
        }
        continue;
      }
      if (item.depth >= MAX_DEPTH) continue;
      const targets = [resolution];
      // `from pkg import sub` may import a submodule.
      for (const name of imp.names) {
        const sub = resolveModule(view, dirs, `${absolute}.${name.name}`);
        if (sub.found) targets.push(sub);
      }
      for (const t of targets) {
        if (!t.found || !t.file) continue;
        const file = view.toProject(t.file);
        if (!file || seen.has(file)) continue;
        seen.add(file);
        const moduleName = t === resolution ? absolute : `${absolute}.${basename(t.file) === '__init__.py' ? basename(dirname(t.file)) : basename(t.file).replace(/\.py$/, '')}`;
        queue.push({ file, module: moduleName, isPackage: t.kind === 'package', depth: item.depth + 1, optional: item.optional || scope !== 'module' });
      }
    }
  }
}

function site(file: string, imp: PyImport, scope: ImportScope, relativeInScript: boolean): ImportSite {
  return { file, range: imp.moduleRange, statementRange: imp.statementRange, scope, relativeInScript };
}

/**
 * Turns a failed resolution into a problem worth reporting, or undefined when the module may legitimately come
 * from site-packages (a third-party name, or a project that is pip-installed).
 */
function describeProblem(project: Project, planned: PlannedLaunch, module: string, resolution: Resolution): ModuleProblem | undefined {
  if (resolution.found) return undefined;
  const parts = module.split('.');
  const top = parts[0];
  if (resolution.caseMatch) return { module, failedAt: resolution.failedAt, caseMatch: resolution.caseMatch, candidates: [] };
  const locations = firstParty(project).locations(top);
  if (resolution.failedAt === 0) {
    if (!locations.length) return undefined;
    if (planned.source.runtime.installsProject) return undefined;
  }
  const whole = projectView(project.index);
  const candidates: string[] = [];
  for (const location of locations) {
    const entry = dirname(location);
    if (resolveModule(whole, [entry], module).found && !candidates.includes(entry)) candidates.push(entry);
  }
  if (resolution.failedAt === 0 && !candidates.length) return undefined;
  const uncertain = resolution.failedAt === 0 && planned.source.runtime.mayInstallProject;
  return { module, failedAt: resolution.failedAt, candidates, ...(uncertain ? { uncertain } : {}) };
}
