/**
 * What every output format prints: the engine's findings with offsets turned into 0-based line/character
 * positions (UTF-16, as the engine counts) and project paths turned into the paths shown to the user.
 *
 * Shown paths are relative to the current directory when the checked folder is inside it (so they are
 * repository-relative in CI, click through in terminals and attach GitHub annotations to the diff), otherwise
 * relative to the checked folder. Always forward slashes.
 */

import { isAbsolute, relative, sep } from 'node:path';
import { docsUrl, LineIndex, type Finding, type ProjectFiles, type RuleMeta, type Severity } from '../engine/index';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface Located {
  /** The shown path (see above). */
  readonly path: string;
  readonly range: Range;
}

export interface ReportedEdit extends Located {
  readonly text: string;
}

export interface ReportedFix {
  readonly title: string;
  readonly isPreferred: boolean;
  readonly edits: readonly ReportedEdit[];
}

export interface ReportedFinding extends Located {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** The text of the finding's first line, for fingerprints. */
  readonly lineText: string;
  readonly related: readonly (Located & { readonly message: string })[];
  readonly fixes: readonly ReportedFix[];
  readonly docsUrl: string;
}

export interface CheckReport {
  readonly version: string;
  /** The folder argument as the user gave it, for messages. */
  readonly dirArg: string;
  /** Absolute folder that shown paths are relative to. */
  readonly pathBase: string;
  /** Every registered rule, in registry order (SARIF lists them all). */
  readonly rules: readonly RuleMeta[];
  readonly findings: readonly ReportedFinding[];
}

export interface ReportInput {
  readonly version: string;
  readonly dirArg: string;
  /** Absolute path of the checked folder. */
  readonly root: string;
  /** Absolute current directory. */
  readonly cwd: string;
  readonly files: ProjectFiles;
  readonly rules: readonly RuleMeta[];
  readonly findings: readonly Finding[];
}

export function buildReport(input: ReportInput): CheckReport {
  const inside = isInside(input.cwd, input.root);
  const pathBase = inside ? input.cwd : input.root;
  const prefix = shownPrefix(input.cwd, input.root);
  const shown = (file: string): string => (prefix ? `${prefix}/${file}` : file);

  const indexes = new Map<string, LineIndex>();
  const lines = (file: string): LineIndex => {
    let index = indexes.get(file);
    if (!index) {
      index = new LineIndex(input.files.read(file) ?? '');
      indexes.set(file, index);
    }
    return index;
  };
  const locate = (file: string, range: { start: number; end: number }): Located => {
    const index = lines(file);
    return { path: shown(file), range: index.rangeAt(range) };
  };

  const findings = input.findings.map((f): ReportedFinding => {
    const at = locate(f.file, f.range);
    return {
      ...at,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      lineText: lines(f.file).lineText(at.range.start.line),
      related: f.related.map((r) => ({ ...locate(r.file, r.range), message: r.message })),
      fixes: f.fixes.map((fix) => ({
        title: fix.title,
        isPreferred: fix.isPreferred === true,
        edits: fix.edits.map((e) => ({ ...locate(e.file, e.range), text: e.text })),
      })),
      docsUrl: docsUrl(f.ruleId),
    };
  });
  return { version: input.version, dirArg: input.dirArg, pathBase, rules: input.rules, findings };
}

/** Is `path` the folder `dir` or inside it? (Both absolute.) */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * How project paths are shown: prefixed with the project's folder relative to the current directory when the
 * project is inside it (so they click through in terminals), as they are otherwise. '' for no prefix.
 */
export function shownPrefix(cwd: string, root: string): string {
  return isInside(cwd, root) ? toSlashes(relative(cwd, root)) : '';
}

export function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { hint: 0, info: 1, warning: 2, error: 3 };
