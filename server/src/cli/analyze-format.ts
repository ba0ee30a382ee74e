/**
 * The outputs of `deploy-doctor analyze`: text for people (each cause with its evidence lines, config locations
 * and fixes, then the symptoms), JSON exactly as DESIGN §3, and the Markdown report the panel's "Copy report"
 * copies. Location paths arrive already in the spelling shown to the user.
 */

import type { LogDiagnosis } from '../engine/index';
import { categoryTitle, evidenceText, evidenceWidth, formatLogReport, locationText, percent, platformName, symptomTitle } from '../log-report';
import { createStyle, type Style } from './color';

export const ANALYZE_FORMATS = ['text', 'json', 'markdown'] as const;
export type AnalyzeFormat = (typeof ANALYZE_FORMATS)[number];

export function formatAnalysis(format: AnalyzeFormat, diagnosis: LogDiagnosis, style: Style = createStyle(false)): string {
  switch (format) {
    case 'json':
      return formatAnalysisJson(diagnosis);
    case 'markdown':
      return formatLogReport(diagnosis);
    default:
      return formatAnalysisText(diagnosis, style);
  }
}

/** DESIGN §3: `{ causes, symptoms, platform, redactions }`, fixes as `{ title }`, locations with 0-based ranges. */
function formatAnalysisJson(d: LogDiagnosis): string {
  const body = {
    causes: d.causes.map((c) => ({
      category: c.category,
      ...(c.ruleId ? { ruleId: c.ruleId } : {}),
      confidence: c.confidence,
      message: c.message,
      evidence: c.evidence.map((e) => ({ line: e.line, text: e.text })),
      locations: c.locations.map((l) => ({ file: l.file, range: l.range })),
      fixes: c.fixes.map((f) => ({ title: f.title })),
      explains: c.explains,
    })),
    symptoms: d.symptoms.map((s) => ({
      id: s.id,
      message: s.message,
      evidence: s.evidence.map((e) => ({ line: e.line, text: e.text })),
      explainedBy: s.explainedBy,
    })),
    platform: d.platform,
    redactions: d.redactions,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

function formatAnalysisText(d: LogDiagnosis, style: Style = createStyle(false)): string {
  const out: string[] = [];
  if (!d.causes.length) {
    out.push(style.bold(`No failure found in this log (${lines(d.lines)} read).`));
  }
  d.causes.forEach((cause, i) => {
    const heading = i === 0 ? 'Root cause' : `Possible cause ${i + 1}`;
    out.push(`${style.bold(style.red(`${heading}: ${categoryTitle(cause.category)}`))} ${style.dim(`[${cause.category}] ${percent(cause.confidence)}`)}`);
    for (const line of cause.message.split(/\r\n|\r|\n/)) out.push(`  ${line}`);
    const width = evidenceWidth(cause.evidence);
    for (const e of cause.evidence) out.push(`  ${style.dim(evidenceText(e, width))}`);
    for (const l of cause.locations) out.push(`  ${style.bold(locationText(l))}${l.label ? `  ${l.label}` : ''}`);
    for (const f of cause.fixes) out.push(`  ${style.green('fix:')} ${f.title}`);
    if (cause.explains.length) out.push(`  ${style.dim('explains:')} ${cause.explains.map(symptomTitle).join(', ')}`);
    out.push('');
  });
  if (d.symptoms.length) {
    out.push(style.bold('Symptoms:'));
    for (const s of d.symptoms) {
      const by = s.explainedBy.length ? style.dim(` (explained by ${s.explainedBy.map(categoryTitle).join(', ')})`) : style.yellow(' (no cause found)');
      out.push(`  ${symptomTitle(s.id)}: ${s.message}${by}`);
      const width = evidenceWidth(s.evidence);
      for (const e of s.evidence) out.push(`    ${style.dim(evidenceText(e, width))}`);
    }
    out.push('');
  }
  const facts = [`${platformName(d.platform)} log`, `${lines(d.lines)} read`];
  if (d.redactions) facts.push(`${d.redactions} secret${d.redactions === 1 ? '' : 's'} masked`);
  out.push(style.dim(facts.join(', ')));
  return `${out.join('\n')}\n`;
}

function lines(n: number): string {
  return `${n} line${n === 1 ? '' : 's'}`;
}
