/**
 * The engine's public API. Hosts (language server, CLI, tests) create one engine with the loaded grammars and
 * call `analyze` with a `ProjectFiles`; nothing here knows about LSP, VS Code or the file system.
 */

import { ParseCache } from './cache';
import type { ProjectFiles } from './files';
import type { Grammars } from './grammars';
import { Project } from './project';
import type { Report, Rule, RuleMeta } from './rule';
import { allRules } from './rules/index';
import { isSuppressed, suppressionFixes } from './suppress';
import type { AnalyzeOptions, Finding, Fix, Severity } from './types';
import { linkDiagnosis } from './deploy-log/link';
import { fileKindOf } from './kinds';
import { deployPlanView, type PlanView } from './plan/view';
import { railwayCompletion, railwayHover, railwayLinks, type CompletionEntry, type DocumentLink, type HoverInfo } from './railway/assist';
import { parseRailwayConfig, type RailwayConfig } from './railway/config';
import type { LogDiagnosis } from './deploy-log/types';

export type { AnalyzeOptions, Finding, Fix, FileKind, OffsetRange, RelatedLocation, Severity, SeveritySetting, TextEdit } from './types';
export type { ProjectFiles } from './files';
export type { RuleMeta } from './rule';
export type { Grammars, GrammarBytes } from './grammars';
export { loadGrammars, grammarFiles } from './grammars';
export { memoryFiles, normalizePath, isIgnoredPath } from './files';
export { fileKindOf, isDeployFile, isDockerfileName } from './kinds';
export { docsUrl, REPOSITORY_URL } from './docs';
export { LineIndex } from './text';
export type { CompletionEntry, DocumentLink, HoverInfo } from './railway/assist';
export type { PlanLocation, PlanService, PlanSource, PlanView } from './plan/view';
export type { Category, EvidenceLine, LogCause, LogDiagnosis, LogFix, LogLocation, LogPlatform, LogSymptom, SymptomId } from './deploy-log/types';
export { CATEGORIES, SYMPTOMS } from './deploy-log/types';
export { createLogScanner, diagnoseLog, type LogScanner } from './deploy-log/index';

export interface Engine {
  /** Every rule's metadata, in registry order. */
  readonly rules: readonly RuleMeta[];
  /** All findings for the project (or the files named in `options.onlyFiles`), sorted by file and offset. */
  analyze(files: ProjectFiles, options?: AnalyzeOptions): Finding[];
  /** "Disable <rule> for this line / file" fixes for a finding; none for files without comments (JSON). */
  suppressionFixes(files: ProjectFiles, finding: Finding): Fix[];
  /** Ties a log diagnosis to the project: config locations, the rule fixes that match each cause. */
  linkLog(files: ProjectFiles, diagnosis: LogDiagnosis, options?: AnalyzeOptions): LogDiagnosis;
  /** Hover text for a key or value of railway.toml / railway.json at `offset`. */
  hover(files: ProjectFiles, path: string, offset: number): HoverInfo | undefined;
  /** Completion entries at `offset` of railway.toml / railway.json (works on half-typed files). */
  completion(files: ProjectFiles, path: string, offset: number): CompletionEntry[];
  /** Links to files named in a deploy file (`dockerfilePath`). */
  documentLinks(files: ProjectFiles, path: string): DocumentLink[];
  /** The deploy plan: services, their builder, effective start command and what it shadows. */
  deployPlan(files: ProjectFiles): PlanView;
}

export function createEngine(grammars: Grammars, rules: readonly Rule[] = allRules): Engine {
  const cache = new ParseCache();
  const byId = new Map(rules.map((r) => [r.id, r]));
  /** Runs the rules over one project model (whose plan and memos the caller may go on using). */
  const runRules = (project: Project, options: AnalyzeOptions): Finding[] => {
    const only = options.onlyFiles ? new Set(options.onlyFiles) : undefined;
    // A rule reports only in files of its kinds: for one Dockerfile, the Procfile and config rules need not run.
    const onlyKinds = only ? new Set([...only].map(fileKindOf)) : undefined;
    const findings: Finding[] = [];
    for (const rule of rules) {
      const setting = options.severities?.[rule.id];
      if (setting === 'off') continue;
      if (onlyKinds && !onlyKinds.has(undefined) && !rule.fileKinds.some((k) => onlyKinds.has(k))) continue;
      const report = (r: Report): void => {
        if (only && !only.has(r.file)) return;
        const finding: Finding = {
          ruleId: rule.id,
          severity: (setting as Severity | undefined) ?? r.severity ?? rule.defaultSeverity,
          file: r.file,
          range: r.range,
          message: r.message,
          related: r.related ?? [],
          fixes: r.fixes ?? [],
          ...(r.tags?.length ? { tags: r.tags } : {}),
          ...(r.about?.length ? { about: r.about } : {}),
        };
        if (!isSuppressed(project, rule, finding, statementStart(project, finding))) findings.push(finding);
      };
      try {
        rule.check(project, report);
      } catch (error) {
        // One broken rule must not take the others down; the host logs what went wrong.
        options.onRuleError?.(rule.id, error);
      }
    }
    return findings.sort(compareFindings);
  };
  return {
    rules,
    analyze(files, options = {}) {
      cache.sweep();
      return runRules(new Project(files, grammars, cache, options.now), options);
    },
    linkLog(files, diagnosis, options = {}) {
      cache.sweep();
      // One project for the rules and the linking, so the deploy plan is built once.
      const project = new Project(files, grammars, cache, options.now);
      const findings = runRules(project, { ...options, onlyFiles: undefined });
      return linkDiagnosis({ project, findings }, diagnosis);
    },
    hover(files, path, offset) {
      const found = railwayConfigOf(cache, files, path);
      return found ? railwayHover(found.config, offset, found.text) : undefined;
    },
    completion(files, path, offset) {
      const found = railwayConfigOf(cache, files, path);
      return found ? railwayCompletion(found.config, found.text, offset) : [];
    },
    documentLinks(files, path) {
      const found = railwayConfigOf(cache, files, path);
      if (!found) return [];
      const project = new Project(files, grammars, cache);
      return railwayLinks(found.config, (p) => project.index.isFile(p));
    },
    deployPlan(files) {
      return deployPlanView(new Project(files, grammars, cache));
    },
    suppressionFixes(files, finding) {
      if (!byId.has(finding.ruleId)) return [];
      const project = new Project(files, grammars, cache);
      return suppressionFixes(project, finding, statementStart(project, finding));
    },
  };
}

/** Where the statement holding a finding starts (a Dockerfile instruction, a TOML key), for line comments. */
function statementStart(project: Project, finding: Finding): number {
  return project.statementStart(finding.file, finding.range.start);
}

/**
 * A railway.toml / railway.json and its text, parsed through the parse cache the analyses share (the same entry
 * `railwayConfigAt` uses), so hover and completion do not parse the file again on every request.
 */
function railwayConfigOf(cache: ParseCache, files: ProjectFiles, path: string): { config: RailwayConfig; text: string } | undefined {
  const kind = fileKindOf(path);
  if (kind !== 'railway-toml' && kind !== 'railway-json') return undefined;
  const text = files.read(path);
  if (text === undefined) return undefined;
  return { config: cache.get('railway', path, text, files.version?.(path), () => parseRailwayConfig(path, text)), text };
}

function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start - b.range.start || a.range.end - b.range.end || (a.ruleId < b.ruleId ? -1 : 1);
}
