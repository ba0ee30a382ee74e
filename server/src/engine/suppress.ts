/**
 * Suppression comments: `# deploy-doctor-disable-next-line <id>` above a finding's line (or above the line its
 * statement starts on), `# deploy-doctor-disable <id>` anywhere in the file; `all` matches every rule. Existing
 * `# hadolint ignore=` and BuildKit `# check=skip=` comments are honoured for rules that overlap those checks.
 */

import type { Project } from './project';
import type { RuleMeta } from './rule';
import { fileKindOf } from './kinds';
import type { Finding, Fix } from './types';

const NEXT_LINE = /^\s*(?:#|\/\/)\s*deploy-doctor-disable-next-line\s+([A-Za-z0-9_,\s-]+)$/;
const FILE = /^\s*(?:#|\/\/)\s*deploy-doctor-disable\s+([A-Za-z0-9_,\s-]+)$/;
const HADOLINT = /^\s*#\s*hadolint\s+(global\s+)?ignore=([A-Za-z0-9_,\s-]+)$/;
const CHECK_SKIP = /^\s*#\s*check\s*=\s*skip\s*=\s*([A-Za-z0-9_,\s-]+)$/;

function ids(list: string): string[] {
  return list.split(/[\s,]+/).filter(Boolean);
}

/** True when a comment in the finding's file switches its rule off there. */
export function isSuppressed(project: Project, rule: RuleMeta, finding: Finding, statementStart: number): boolean {
  if (!hasComments(finding.file)) return false;
  const lines = project.lines(finding.file);
  if (!lines) return false;
  const names = new Set([rule.id, 'all', ...(rule.upstream ?? [])]);
  const matches = (list: string): boolean => ids(list).some((id) => names.has(id));
  const fileLevel = project.remember(`suppress:${finding.file}`, () => {
    const found: string[] = [];
    for (let line = 0; line < lines.lineCount; line++) {
      const text = lines.lineText(line);
      if (!text.includes('#')) continue;
      const m = FILE.exec(text) ?? CHECK_SKIP.exec(text);
      if (m) found.push(...ids(m[1]));
      const h = HADOLINT.exec(text);
      if (h?.[1]) found.push(...ids(h[2]));
    }
    return found;
  });
  if (fileLevel.some((id) => names.has(id))) return true;
  for (const offset of new Set([finding.range.start, statementStart])) {
    // Look through the run of comment lines directly above.
    for (let line = lines.positionAt(offset).line - 1; line >= 0; line--) {
      const text = lines.lineText(line);
      if (!/^\s*(#|\/\/)/.test(text)) break;
      const m = NEXT_LINE.exec(text);
      if (m && matches(m[1])) return true;
      const h = HADOLINT.exec(text);
      if (h && !h[1] && matches(h[2])) return true;
    }
  }
  return false;
}

/** JSON has no comments, so railway.json findings can only be switched off in settings. */
function hasComments(file: string): boolean {
  return fileKindOf(file) !== 'railway-json';
}

/** "Disable for this line" and "Disable for this file" edits for a finding. */
export function suppressionFixes(project: Project, finding: Finding, statementStart: number): Fix[] {
  if (!hasComments(finding.file)) return [];
  const lines = project.lines(finding.file);
  if (!lines) return [];
  const eol = lines.eol;
  // TypeScript (.railway/railway.ts) comments start with `//`; everything else here uses `#`.
  const mark = fileKindOf(finding.file) === 'railway-iac' ? '//' : '#';
  const line = lines.positionAt(statementStart).line;
  const lineText = lines.lineText(line);
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const lineStart = lines.lineStart(line);
  let top = 0;
  // Dockerfile parser directives and a Python shebang or coding line must stay first.
  const dockerfile = fileKindOf(finding.file) === 'dockerfile';
  for (let l = 0; l < lines.lineCount; l++) {
    const text = lines.lineText(l);
    const directive = dockerfile ? /^#\s*[a-zA-Z]+\s*=/.test(text) : /^#!|^#.*coding[:=]/.test(text) && l < 2;
    if (!directive) break;
    top = lines.lineWithBreak(l).end;
  }
  const topText = top === lines.text.length && top > 0 && !/[\r\n]$/.test(lines.text) ? `${eol}${mark} deploy-doctor-disable ${finding.ruleId}${eol}` : `${mark} deploy-doctor-disable ${finding.ruleId}${eol}`;
  return [
    {
      title: `Disable ${finding.ruleId} for this line`,
      edits: [{ file: finding.file, range: { start: lineStart, end: lineStart }, text: `${indent}${mark} deploy-doctor-disable-next-line ${finding.ruleId}${eol}` }],
    },
    {
      title: `Disable ${finding.ruleId} for this file`,
      edits: [{ file: finding.file, range: { start: top, end: top }, text: topText }],
    },
  ];
}
