/**
 * Code actions for Deploy Doctor's diagnostics: each finding's fixes as quick fixes (at most one preferred),
 * "Disable <rule> for this line / file", and "Show documentation for <rule>"; plus `source.fixAll.deployDoctor`,
 * which applies every preferred fix of the document that does not overlap another and never a suppression.
 * Diagnostics are matched to findings of the current analysis by rule id and range, never by message.
 */

import { CodeActionKind, type CancellationToken, type CodeAction, type CodeActionParams, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Engine, OffsetRange, TextEdit } from '../engine/index';
import { fixAllKind } from '../protocol';
import type { Analysis, Analyzer } from './analysis';
import { DIAGNOSTIC_SOURCE, FileLines, toDocumentationAction, toFixAllAction, toLspRange, toQuickFix } from './convert';

export async function provideCodeActions(engine: Engine, analyzer: Analyzer, params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
  const analysis = await analyzer.analyze(params.textDocument.uri, token);
  if (!analysis) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) actions.push(...quickFixes(engine, analysis, diagnostic));
  }
  // Fix-all is a source action: offered when the client asks for source actions, not in the light bulb.
  if (only && wants(only, fixAllKind)) {
    const fixAll = fixAllAction(analysis);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** The actions for one diagnostic, in the order the light bulb shows them. */
export function quickFixes(engine: Engine, analysis: Analysis, diagnostic: Diagnostic): CodeAction[] {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') return [];
  const ruleId = diagnostic.code;
  const matches = analysis.findings.filter((f) => f.ruleId === ruleId && sameRange(toLspRange(analysis.lines, f.range), diagnostic.range));
  if (!matches.length) return [];
  const lines = new FileLines(analysis.files).with(analysis.target.path, analysis.lines);
  const actions: CodeAction[] = [];
  let preferred = false;
  for (const finding of matches) {
    for (const fix of finding.fixes) {
      const isPreferred: boolean = fix.isPreferred === true && !preferred;
      const action = toQuickFix(fix, diagnostic, isPreferred, lines, analysis.files);
      if (!action) continue;
      preferred ||= isPreferred;
      actions.push(action);
    }
  }
  for (const fix of engine.suppressionFixes(analysis.target.project.files, matches[0])) {
    const action = toQuickFix(fix, diagnostic, false, lines, analysis.files);
    if (action) actions.push(action);
  }
  actions.push(toDocumentationAction(ruleId, diagnostic));
  return actions;
}

/** All preferred fixes of the document whose edits stay in it and do not collide with an earlier one. */
export function fixAllAction(analysis: Analysis): CodeAction | undefined {
  const path = analysis.target.path;
  const accepted: TextEdit[] = [];
  const candidates = analysis.findings
    .flatMap((f) => f.fixes.filter((fix) => fix.isPreferred && fix.edits.length && fix.edits.every((e) => e.file === path)))
    .sort((a, b) => firstStart(a.edits) - firstStart(b.edits));
  for (const fix of candidates) {
    if (fix.edits.some((e) => accepted.some((a) => conflicts(a.range, e.range)))) continue;
    accepted.push(...fix.edits);
  }
  if (!accepted.length) return undefined;
  const lines = new FileLines(analysis.files).with(path, analysis.lines);
  return toFixAllAction(fixAllKind, accepted, lines, analysis.files);
}

/** Does a code action kind fall under the client's `only` filter? */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function firstStart(edits: readonly TextEdit[]): number {
  return Math.min(...edits.map((e) => e.range.start));
}

/**
 * Two edits collide when they overlap, insert at the same offset, or one inserts inside or at the edge of
 * what the other replaces (the order of such edits would decide the result).
 */
function conflicts(a: OffsetRange, b: OffsetRange): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  const inside = (x: OffsetRange, y: OffsetRange): boolean => x.start === x.end && y.start <= x.start && x.start <= y.end;
  return Math.max(a.start, b.start) < Math.min(a.end, b.end) || inside(a, b) || inside(b, a);
}
