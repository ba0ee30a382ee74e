/**
 * The human report: findings grouped by file, each as `path:line:col: severity [rule-id] message` (1-based, the
 * GNU style that terminals and problem matchers link), its fixes and related locations indented below, then a
 * one-line summary.
 */

import type { Severity } from '../engine/index';
import { createStyle, type Style } from './color';
import type { CheckReport, ReportedFinding } from './report';

export function formatText(report: CheckReport, style: Style = createStyle(false)): string {
  const { findings } = report;
  if (!findings.length) return `No problems found in ${report.dirArg}\n`;

  const groups = new Map<string, ReportedFinding[]>();
  for (const f of findings) {
    const group = groups.get(f.path);
    if (group) group.push(f);
    else groups.set(f.path, [f]);
  }

  const out: string[] = [];
  for (const group of groups.values()) {
    for (const f of group) out.push(...findingLines(f, style));
    out.push('');
  }
  out.push(summary(findings, groups.size, style));
  return `${out.join('\n')}\n`;
}

function findingLines(f: ReportedFinding, style: Style): string[] {
  const where = `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
  const [first, ...rest] = f.message.split(/\r\n|\r|\n/);
  const lines = [`${style.bold(where)}: ${severityText(f.severity, style)} ${style.dim(`[${f.ruleId}]`)} ${first}`];
  for (const more of rest) lines.push(`    ${more}`);
  for (const fix of f.fixes) lines.push(`    ${style.green('fix:')} ${fix.title}`);
  for (const r of f.related) {
    lines.push(`    ${style.dim('related:')} ${r.path}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.message}`);
  }
  return lines;
}

function severityText(severity: Severity, style: Style): string {
  switch (severity) {
    case 'error':
      return style.red(severity);
    case 'warning':
      return style.yellow(severity);
    case 'info':
      return style.blue(severity);
    default:
      return style.dim(severity);
  }
}

/** `3 problems (2 errors, 1 warning) in 2 files`. */
export function summary(findings: readonly { severity: Severity }[], fileCount: number, style: Style = createStyle(false)): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  const parts = [
    counts.error ? plural(counts.error, 'error') : '',
    counts.warning ? plural(counts.warning, 'warning') : '',
    counts.info ? `${counts.info} info` : '',
    counts.hint ? plural(counts.hint, 'hint') : '',
  ].filter(Boolean);
  const text = `${plural(findings.length, 'problem')} (${parts.join(', ')}) in ${plural(fileCount, 'file')}`;
  return counts.error ? style.bold(style.red(text)) : counts.warning ? style.bold(style.yellow(text)) : style.bold(text);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
