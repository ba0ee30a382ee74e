/**
 * Test helpers for engine tests: an engine with real grammars, in-memory projects, and applying fixes to text.
 * Imported only by *.test.ts files.
 */

import assert from 'node:assert/strict';
import { createEngine, memoryFiles, type Engine, type Finding, type Fix } from '../engine/index';
import { nodeGrammars } from './grammars';

let engine: Promise<Engine> | undefined;

export function testEngine(): Promise<Engine> {
  engine ??= nodeGrammars().then((g) => createEngine(g));
  return engine;
}

export type Tree = Readonly<Record<string, string>>;

/** Findings of the project, optionally only those of one rule. */
export async function findings(tree: Tree, ruleId?: string): Promise<Finding[]> {
  const all = (await testEngine()).analyze(memoryFiles(tree));
  return ruleId ? all.filter((f) => f.ruleId === ruleId) : all;
}

/** Applies a fix's edits to the tree (edits of one file applied back to front). */
export function applyFix(tree: Tree, fix: Fix): Record<string, string> {
  const out: Record<string, string> = { ...tree };
  const byFile = new Map<string, Fix['edits'][number][]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    let text = out[file] ?? '';
    for (const edit of [...edits].sort((a, b) => b.range.start - a.range.start)) {
      text = text.slice(0, edit.range.start) + edit.text + text.slice(edit.range.end);
    }
    out[file] = text;
  }
  return out;
}

/** The source text a finding points at. */
export function textAt(tree: Tree, finding: Pick<Finding, 'file' | 'range'>): string {
  return (tree[finding.file] ?? '').slice(finding.range.start, finding.range.end);
}

/** Line (0-based) of a finding. */
export function lineOf(tree: Tree, finding: Pick<Finding, 'file' | 'range'>): number {
  const text = tree[finding.file] ?? '';
  let line = 0;
  for (let i = 0; i < finding.range.start; i++) if (text[i] === '\n') line++;
  return line;
}

/** The tree with every file's line breaks turned into CRLF. */
export function crlf(tree: Tree): Record<string, string> {
  return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, v.replace(/\r?\n/g, '\r\n')]));
}

/** The tree with the spaces between words of the given file's lines matching `line` replaced by tabs. */
export function tabbed(tree: Tree, file: string, line: RegExp = /./): Record<string, string> {
  const text = tree[file] ?? '';
  return {
    ...tree,
    [file]: text
      .split('\n')
      .map((l) => (line.test(l) ? l.replace(/(\S) (?=\S)/g, '$1\t') : l))
      .join('\n'),
  };
}

/**
 * Applies the preferred fix of the single finding of `ruleId`, checks the resulting file, then checks the rule is
 * quiet and offers nothing more to apply (a fix applied twice changes nothing).
 */
export async function expectPreferredFix(tree: Tree, ruleId: string, file: string, expected: string): Promise<void> {
  const before = await findings(tree, ruleId);
  assert.equal(before.length, 1, `expected one ${ruleId} finding, got ${before.length}: ${before.map((f) => f.message).join(' | ')}`);
  const fix = before[0].fixes.find((f) => f.isPreferred);
  if (!fix) assert.fail(`no preferred fix among: ${before[0].fixes.map((f) => f.title).join(', ')}`);
  const fixed = applyFix(tree, fix);
  assert.equal(fixed[file], expected);
  const after = await findings(fixed, ruleId);
  assert.deepEqual(after.map((f) => f.message), [], 'the fix should clear the finding');
}
