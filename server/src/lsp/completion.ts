/**
 * `textDocument/completion` in railway.toml and railway.json: keys of the table or object under the cursor, enum
 * values, table names and `$schema`, each replacing what is typed so far. Works on half-typed lines.
 */

import type { CancellationToken, CompletionItem, CompletionParams } from 'vscode-languageserver';
import type { CompletionEntry, Engine, OffsetRange } from '../engine/index';
import { assistDocument } from './assist-document';
import { toCompletionItem, toOffset } from './convert';
import type { Workspace } from './workspace';

export async function provideCompletion(engine: Engine, workspace: Workspace, params: CompletionParams, token: CancellationToken): Promise<CompletionItem[]> {
  const doc = await assistDocument(workspace, params.textDocument.uri, token);
  if (!doc) return [];
  const offset = toOffset(doc.lines, params.position);
  if (!answersTrigger(doc.text, offset, params.context?.triggerCharacter)) return [];
  const entries = engine.completion(doc.target.project.files, doc.target.path, offset);
  if (token.isCancellationRequested) return [];
  return entries.map((entry, index) => toCompletionItem({ ...entry, range: editRange(entry, doc.text, offset) }, index, doc.lines));
}

/**
 * A space opens completion only where a value starts (`key = |`, `"key": |`); typing spaces elsewhere (indenting,
 * inside a command) does not pop the list up.
 */
export function answersTrigger(text: string, offset: number, triggerCharacter: string | undefined): boolean {
  if (triggerCharacter !== ' ') return true;
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  return /[=:][ \t]+$/.test(text.slice(lineStart, offset));
}

/** The range an item replaces, made safe for the editor: it must hold the cursor and stay on its line (else the item is inserted at the cursor). */
export function editRange(entry: Pick<CompletionEntry, 'insertText' | 'range'>, text: string, offset: number): OffsetRange {
  const { start, end } = entry.range;
  if (start > offset || end < offset || /[\r\n]/.test(text.slice(start, end))) return { start: offset, end: offset };
  return { start, end };
}
