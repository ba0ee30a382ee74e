/**
 * `--format github`: one GitHub Actions workflow command per finding (`::error file=…,line=…::message`), escaped
 * as `@actions/core` does (research/ecosystem.md §5.3), then the plain text report, because GitHub shows only
 * the first 10 errors and 10 warnings of a step as annotations.
 */

import type { Severity } from '../engine/index';
import { formatText } from './format-text';
import type { CheckReport, ReportedFinding } from './report';

export function formatGithub(report: CheckReport): string {
  const annotations = report.findings.map((f) => `${annotation(f)}\n`).join('');
  return annotations + formatText(report);
}

export function githubCommand(severity: Severity): 'error' | 'warning' | 'notice' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
}

export function annotation(f: Pick<ReportedFinding, 'severity' | 'path' | 'range' | 'ruleId' | 'message'>): string {
  const { start } = f.range;
  let { end } = f.range;
  // A range that runs to the start of a later line ends, for a reader, on the line before (its length unknown here).
  const endsAtLineStart = end.line > start.line && end.character === 0;
  if (endsAtLineStart) end = { line: end.line - 1, character: 0 };
  const oneLine = end.line === start.line;
  const col = start.character + 1;
  // GitHub's endColumn is the last column of the annotation (inclusive); GitHub uses columns only on one line.
  const endColumn = oneLine && !endsAtLineStart ? Math.max(col, end.character) : undefined;
  const properties: [string, string | number | undefined][] = [
    ['file', f.path],
    ['line', start.line + 1],
    ['endLine', end.line + 1],
    ['col', oneLine ? col : undefined],
    ['endColumn', endColumn],
    ['title', `deploy-doctor (${f.ruleId})`],
  ];
  const props = properties
    .filter((p): p is [string, string | number] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${githubCommand(f.severity)} ${props}::${escapeData(f.message)}`;
}

/** Message text of a workflow command: `%`, CR and LF are percent-encoded. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a workflow command: as message text, plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
