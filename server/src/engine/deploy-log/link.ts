/**
 * Links log causes to the project: a cause that a check rule also finds gets that finding's location and fixes
 * (so the panel's "Apply fix" is the quick fix); otherwise the deploy plan tells where to look — the start
 * command that launches the failing module, the requirements file a dependency belongs in, the code that reads
 * a missing variable. When nothing in the workspace matches, the cause says what to look for instead.
 */

import { basename, dirname, joinPath } from '../files';
import { relativeDir } from '../plan/describe';
import { setEnvEdits } from '../plan/fixes';
import type { PlannedLaunch } from '../plan/types';
import type { Project } from '../project';
import type { LineIndex } from '../text';
import { firstParty } from '../python/first-party';
import { railwayConfigAt } from '../plan/build';
import { getEntry } from '../config/tree';
import type { Finding, Fix, OffsetRange } from '../types';
import { RULE_OF } from './diagnose';
import { distributionFor } from './distributions';
import type { Category, LogCause, LogDiagnosis, LogFix, LogLocation } from './types';

export interface LinkContext {
  readonly project: Project;
  readonly findings: readonly Finding[];
}

/** Rule ids whose findings explain each category, with the `about` keys to match on. */
const RULES_BY_CATEGORY: Partial<Record<Category, readonly string[]>> = {
  module_not_found_pythonpath: ['first-party-import-unresolvable', 'app-module-not-importable', 'module-path-case-mismatch', 'service-imports-outside-root'],
  module_not_found_missing_dependency: ['first-party-import-unresolvable', 'app-module-not-importable', 'module-path-case-mismatch', 'service-imports-outside-root'],
  wrong_app_module_path: ['app-module-not-importable', 'module-path-case-mismatch'],
  case_sensitive_path: ['module-path-case-mismatch'],
  monorepo_root_directory_isolation: ['service-imports-outside-root', 'first-party-import-unresolvable'],
  wrong_app_attribute: ['app-attribute-missing'],
  port_not_bound_or_wrong_host: ['host-not-reachable', 'port-not-from-env', 'exec-form-env-not-expanded'],
  hardcoded_port: ['port-not-from-env'],
  exec_form_no_env_expansion: ['exec-form-env-not-expanded'],
  ipv6_bind_unavailable: ['host-not-reachable'],
  executable_not_on_path: ['exec-form-env-not-expanded'],
  no_web_process: ['procfile-syntax'],
};

/** A finding's rule decides the precise category when the log alone could not. */
const CATEGORY_BY_RULE: Readonly<Record<string, Category>> = {
  'module-path-case-mismatch': 'case_sensitive_path',
  'service-imports-outside-root': 'monorepo_root_directory_isolation',
  'first-party-import-unresolvable': 'module_not_found_pythonpath',
  'app-attribute-missing': 'wrong_app_attribute',
  'exec-form-env-not-expanded': 'exec_form_no_env_expansion',
};

const MODULE_CATEGORIES = new Set<Category>(['module_not_found_pythonpath', 'module_not_found_missing_dependency', 'wrong_app_module_path', 'case_sensitive_path', 'monorepo_root_directory_isolation']);

export function linkDiagnosis(ctx: LinkContext, diagnosis: LogDiagnosis): LogDiagnosis {
  const renamed = new Map<Category, Category>();
  const causes = diagnosis.causes.map((cause) => {
    const linked = linkGuarded(ctx, cause);
    if (linked.category !== cause.category) renamed.set(cause.category, linked.category);
    return linked;
  });
  // A cause the configuration confirms is more likely than one it does not; keep the log's order otherwise.
  const ranked = causes
    .map((cause, index) => ({ cause, index }))
    .sort((a, b) => b.cause.confidence - a.cause.confidence || a.index - b.index)
    .map((x) => x.cause);
  // Symptoms name their causes by category: follow the causes the project made more precise.
  const symptoms = renamed.size
    ? diagnosis.symptoms.map((s) => ({ ...s, explainedBy: [...new Set(s.explainedBy.map((c) => renamed.get(c) ?? c))] }))
    : diagnosis.symptoms;
  return { ...diagnosis, causes: ranked, symptoms };
}

/** A cause whose linking fails keeps what the log said: the links are lost, never the diagnosis. */
function linkGuarded(ctx: LinkContext, cause: LogCause): LogCause {
  try {
    return linkCause(ctx, cause);
  } catch {
    return cause;
  }
}

/** The linked cause, with the rule id that goes with its (possibly more precise) category. */
function linkCause(ctx: LinkContext, cause: LogCause): LogCause {
  const linked = linkCauseOnly(ctx, cause);
  if (linked.category === cause.category) return linked;
  const { ruleId: stale, ...rest } = linked;
  const ruleId = stale !== cause.ruleId ? stale : RULE_OF[linked.category];
  return ruleId ? { ...rest, ruleId } : rest;
}

function linkCauseOnly(ctx: LinkContext, cause: LogCause): LogCause {
  const keys = aboutKeys(cause);
  const rules = RULES_BY_CATEGORY[cause.category] ?? [];
  const matches = ctx.findings.filter((f) => rules.includes(f.ruleId) && (!keys.length || (f.about ?? []).some((k) => keys.includes(k))));
  if (matches.length) {
    const best = matches.sort((a, b) => rules.indexOf(a.ruleId) - rules.indexOf(b.ruleId))[0];
    const related = matches.filter((f) => f.ruleId === best.ruleId);
    const category = CATEGORY_BY_RULE[best.ruleId] && MODULE_CATEGORIES.has(cause.category) ? CATEGORY_BY_RULE[best.ruleId] : cause.category;
    return {
      ...cause,
      category: category ?? cause.category,
      ruleId: best.ruleId,
      confidence: Math.min(1, Math.max(cause.confidence, 0.9)),
      locations: related.map((f) => location(ctx, f.file, f.range, f.message)).filter(isDefined),
      fixes: related.flatMap((f) => f.fixes.map(toLogFix)),
    };
  }
  if (MODULE_CATEGORIES.has(cause.category)) return linkModule(ctx, cause);
  switch (cause.category) {
    case 'missing_env_var':
    case 'database_unreachable':
    case 'private_network_dns_or_ipv6':
      return linkEnvRead(ctx, cause);
    case 'healthcheck_path_wrong':
    case 'healthcheck_timeout_too_short':
      return linkRailwaySetting(ctx, cause, cause.category === 'healthcheck_path_wrong' ? 'healthcheckPath' : 'healthcheckTimeout');
    case 'malformed_exec_form':
      return linkMalformedCmd(ctx, cause);
    case 'executable_not_on_path':
      return linkExecutable(ctx, cause);
    case 'django_allowed_hosts':
      return linkBinding(ctx, cause, 'ALLOWED_HOSTS');
    default:
      return linkFrame(ctx, cause);
  }
}

function aboutKeys(cause: LogCause): string[] {
  const v = cause.values;
  const keys: string[] = [];
  const module = v.module ?? v.name;
  if (module) keys.push(`module:${module.split('.')[0]}`, `module:${module}`);
  if (v.attribute) keys.push(`attribute:${v.attribute}`);
  const variable = v.variable ?? v.var;
  if (variable) keys.push(`var:${variable}`);
  if (cause.category === 'port_not_bound_or_wrong_host' || cause.category === 'ipv6_bind_unavailable') keys.push('host', 'bind');
  if (cause.category === 'hardcoded_port') keys.push('port');
  if (cause.category === 'exec_form_no_env_expansion') keys.push('exec-form');
  if (cause.category === 'executable_not_on_path') keys.push('shell-syntax');
  if (cause.category === 'no_web_process') return [];
  return keys;
}

/**
 * A module the project has but the start command cannot import, or a dependency the manifest lacks. The log's
 * category is kept unless the workspace settles it: a module found in the project is a sys.path problem (except
 * under root-directory isolation, whose fix is the service's root, not PYTHONPATH); a dependency is only
 * proposed when the log itself called the module third-party.
 */
function linkModule(ctx: LinkContext, cause: LogCause): LogCause {
  const module = cause.values.module ?? cause.values.name ?? cause.values.topLevel;
  if (!module) return linkFrame(ctx, cause);
  const top = module.split('.')[0];
  const homes = firstParty(ctx.project).locations(top);
  if (cause.category === 'monorepo_root_directory_isolation') {
    const linked = linkFrame(ctx, cause);
    if (!homes.length) return linked;
    return { ...linked, message: `${cause.message} \`${top}\` is in ${homes[0]}: the service's root directory must contain it (or the shared code must be packaged and installed).` };
  }
  if (homes.length) {
    const web = webLaunches(ctx.project);
    for (const planned of web) {
      const entry = planned.source.runtime.view.fromProject(dirname(homes[0]));
      if (entry === undefined || planned.cwd === undefined || !planned.source.file) continue;
      const rel = relativeDir(planned.cwd, entry);
      const edits = setEnvEdits(planned, 'PYTHONPATH', rel);
      const loc = location(ctx, planned.source.file, planned.launch.command.range, planned.source.label);
      return {
        ...cause,
        category: 'module_not_found_pythonpath',
        confidence: Math.max(cause.confidence, 0.8),
        message: `${cause.message} \`${top}\` is in ${homes[0]}, which ${planned.source.label} does not put on sys.path.`,
        locations: loc ? [loc] : [],
        fixes: edits ? [{ title: `Prepend PYTHONPATH=${rel} to the start command`, edits, isPreferred: true }] : [],
      };
    }
    return {
      ...cause,
      category: 'module_not_found_pythonpath',
      message: `${cause.message} \`${top}\` is in ${homes[0]}; no start command in this workspace launches the app, so look for it in the platform's settings (Railway: Settings → Deploy → Custom Start Command) and prepend PYTHONPATH with the folder that holds \`${top}\`.`,
    };
  }
  if (cause.category === 'module_not_found_missing_dependency') return linkDependency(ctx, cause, top);
  return linkFrame(ctx, cause);
}

function linkDependency(ctx: LinkContext, cause: LogCause, top: string): LogCause {
  const dist = distributionFor(top);
  const roots = [...new Set([...webLaunches(ctx.project).map((l) => serviceRootOf(ctx.project, l)), ''])];
  for (const root of roots) {
    const path = joinPath(root, 'requirements.txt');
    const lines = ctx.project.lines(path);
    if (lines === undefined) continue;
    if (listsDistribution(lines, dist)) {
      const loc = location(ctx, path, { start: 0, end: 0 }, 'requirements.txt');
      return {
        ...cause,
        message: `${cause.message} \`${dist}\` is listed in ${path}, so check the build log for a failed install of it, or an install into another environment than the one that runs the app.`,
        locations: loc ? [loc] : [],
      };
    }
    const { text, eol } = lines;
    const at = text.length;
    const insert = `${text.length && !text.endsWith('\n') ? eol : ''}${dist}${eol}`;
    const loc = location(ctx, path, { start: Math.max(0, at - 1), end: at }, 'requirements.txt');
    return {
      ...cause,
      category: 'module_not_found_missing_dependency',
      message: `${cause.message} \`${top}\` is not part of the project and ${path} does not list \`${dist}\`, the distribution that provides it.`,
      locations: loc ? [loc] : [],
      fixes: [{ title: `Add ${dist} to ${path}`, edits: [{ file: path, range: { start: at, end: at }, text: insert }], isPreferred: true }],
    };
  }
  const pyproject = roots.map((r) => joinPath(r, 'pyproject.toml')).find((p) => ctx.project.text(p) !== undefined);
  if (pyproject) {
    const text = ctx.project.text(pyproject) ?? '';
    const at = text.search(/^\s*dependencies\s*=/m);
    const loc = location(ctx, pyproject, { start: Math.max(0, at), end: Math.max(0, at) }, 'pyproject.toml');
    return { ...cause, category: 'module_not_found_missing_dependency', message: `${cause.message} Add \`${dist}\` to the dependencies in ${pyproject}.`, locations: loc ? [loc] : [] };
  }
  return {
    ...cause,
    category: 'module_not_found_missing_dependency',
    message: `${cause.message} No requirements.txt or pyproject.toml was found in this workspace: add \`${dist}\` to the file your platform installs dependencies from.`,
  };
}

/** The code that reads a missing (or unreachable) variable: `os.environ["SECRET_KEY"]`. */
function linkEnvRead(ctx: LinkContext, cause: LogCause): LogCause {
  const names = [cause.values.variable, cause.values.var].filter(isDefined);
  if (cause.category !== 'missing_env_var') names.push('DATABASE_URL', 'REDIS_URL', 'PGHOST');
  if (!names.length) return linkFrame(ctx, cause);
  const locations: LogLocation[] = [];
  let scanned = 0;
  for (const file of ctx.project.index.files) {
    if (!file.endsWith('.py')) continue;
    if (scanned++ > 400 || locations.length >= 3) break;
    const py = ctx.project.python(file);
    for (const read of py?.envReads ?? []) {
      if (!names.includes(read.name) || locations.length >= 3) continue;
      const loc = location(ctx, file, read.range, `reads ${read.name}`);
      if (loc) locations.push(loc);
    }
  }
  if (!locations.length) return linkFrame(ctx, cause);
  return { ...cause, locations };
}

function linkRailwaySetting(ctx: LinkContext, cause: LogCause, key: string): LogCause {
  for (const path of [...ctx.project.filesOfKind('railway-toml'), ...ctx.project.filesOfKind('railway-json')]) {
    const entry = getEntry(railwayConfigAt(ctx.project, path)?.doc.root, 'deploy', key);
    if (!entry) continue;
    const loc = location(ctx, path, entry.value.range, `deploy.${key}`);
    return loc ? { ...cause, locations: [loc] } : cause;
  }
  return { ...cause, message: `${cause.message} No railway.toml or railway.json in this workspace sets ${key}: it is set in the service's settings on Railway.` };
}

function linkMalformedCmd(ctx: LinkContext, cause: LogCause): LogCause {
  for (const service of ctx.project.plan.services) {
    for (const source of service.sources) {
      if (source.docker?.command.form !== 'malformed' || !source.file) continue;
      const loc = location(ctx, source.file, source.docker.command.argsRange, source.label);
      if (loc) return { ...cause, locations: [loc] };
    }
  }
  return cause;
}

function linkExecutable(ctx: LinkContext, cause: LogCause): LogCause {
  const executable = cause.values.executable ?? cause.values.program;
  if (!executable) return cause;
  for (const service of ctx.project.plan.services) {
    for (const source of service.sources) {
      for (const command of source.line.commands) {
        const program = command.words[0];
        if (!source.file || program?.value === undefined || basename(program.value) !== executable) continue;
        const loc = location(ctx, source.file, program.range, source.label);
        if (loc) return { ...cause, locations: [loc] };
      }
    }
  }
  return cause;
}

function linkBinding(ctx: LinkContext, cause: LogCause, name: string): LogCause {
  for (const file of ctx.project.index.files) {
    if (!file.endsWith('settings.py') && !file.includes('/settings/')) continue;
    const binding = ctx.project.python(file)?.bindings.get(name);
    if (!binding) continue;
    const loc = location(ctx, file, binding.range, name);
    if (loc) return { ...cause, locations: [loc] };
  }
  return linkFrame(ctx, cause);
}

/** The app frame of a traceback (`/app/src/main.py`, line 12) found in the project by its path's tail. */
function linkFrame(ctx: LinkContext, cause: LogCause): LogCause {
  const path = cause.values.file ?? cause.values.path;
  const lineText = cause.values.line;
  if (!path || !lineText || !/^\d+$/.test(lineText)) return cause;
  const file = findProjectFile(ctx.project, path);
  if (!file) return cause;
  const lines = ctx.project.lines(file);
  if (!lines) return cause;
  const line = Number(lineText) - 1;
  const start = lines.lineStart(line);
  const end = lines.lineEnd(line);
  const text = lines.lineText(line);
  const lead = text.length - text.trimStart().length;
  const loc = location(ctx, file, { start: start + lead, end }, 'the failing line');
  return loc ? { ...cause, locations: [loc] } : cause;
}

/** A container or absolute path (`/app/src/main.py`) matched to the one project file with the longest common tail. */
function findProjectFile(project: Project, path: string): string | undefined {
  const parts = path.replace(/\\/g, '/').split('/').filter(Boolean);
  const name = parts[parts.length - 1];
  if (name === undefined) return undefined;
  // One pass over the project: only files with the same name can share a longer tail.
  const named = [...project.index.files].filter((f) => f === name || f.endsWith(`/${name}`));
  for (let take = parts.length; take >= 1; take--) {
    const tail = parts.slice(parts.length - take).join('/');
    const matches = named.filter((f) => f === tail || f.endsWith(`/${tail}`));
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) return undefined;
  }
  return undefined;
}

/** Where a requirement's distribution name ends: `Flask==2.0`, `psycopg[binary]`, `x; python_version<"3.8"`. */
const REQUIREMENT_END = /[<>=!~;[ ]/;

/** Does a requirements file list the distribution? Names compare as pip compares them (PEP 503). */
function listsDistribution(requirements: LineIndex, dist: string): boolean {
  const key = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');
  const wanted = key(dist);
  for (let i = 0; i < requirements.lineCount; i++) {
    if (key(requirements.lineText(i).trim().split(REQUIREMENT_END)[0]) === wanted) return true;
  }
  return false;
}

/** Launches that serve the web: effective start commands first. */
function webLaunches(project: Project): PlannedLaunch[] {
  return project.plan.launches.filter((l) => l.source.web).sort((a, b) => Number(Boolean(a.source.shadowedBy)) - Number(Boolean(b.source.shadowedBy)));
}

function serviceRootOf(project: Project, planned: PlannedLaunch): string {
  return project.plan.services.find((s) => s.sources.includes(planned.source))?.root ?? '';
}

function location(ctx: LinkContext, file: string, range: OffsetRange, label?: string): LogLocation | undefined {
  const lines = ctx.project.lines(file);
  if (!lines) return undefined;
  return { file, range: lines.rangeAt(range), ...(label ? { label } : {}) };
}

function toLogFix(fix: Fix): LogFix {
  return { title: fix.title, edits: fix.edits, ...(fix.isPreferred ? { isPreferred: true } : {}) };
}

function isDefined<T>(x: T | undefined): x is T {
  return x !== undefined;
}
