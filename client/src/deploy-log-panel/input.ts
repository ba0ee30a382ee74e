/**
 * Where a log to analyse comes from besides the panel's paste box: the clipboard, the selection or the whole of
 * the last active editor, or a file picked in a dialog. Each source either yields the text with a short label
 * for the panel ("the clipboard (2.1 MB)") or tells the user why there is nothing to analyse.
 */

import * as vscode from 'vscode';
import type { MaxLogLength } from '../../../server/src/protocol';
import type { InputSource } from '../../webview/messages';

/** The server refuses longer logs; checking here spares sending them over. */
export const maxLogLength: MaxLogLength = 67_108_864;

export interface LogInput {
  readonly text: string;
  /** `the clipboard (2.1 MB)`, `app.log`. */
  readonly label: string;
}

/** The last text editor the user worked in: the panel itself becomes the active editor when it has focus. */
export function lastTextEditor(tracked: vscode.TextEditor | undefined): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? (tracked && vscode.window.visibleTextEditors.includes(tracked) ? tracked : vscode.window.visibleTextEditors[0]);
}

/** Reads a source; undefined (after telling the user why) when it has nothing to analyse or the user cancels. */
export async function readInput(source: InputSource, editor: vscode.TextEditor | undefined): Promise<LogInput | undefined> {
  switch (source) {
    case 'clipboard': {
      const text = await vscode.env.clipboard.readText();
      if (!text.trim()) return nothing('The clipboard is empty: copy the log of the failed deploy first.');
      return { text, label: `the clipboard (${size(text.length)})` };
    }
    case 'selection': {
      if (!editor) return nothing('Open the log in an editor and select the lines to analyse first.');
      const text = editor.selections.map((s) => editor.document.getText(s)).join('\n');
      if (!text.trim()) return nothing('Nothing is selected: select the log lines to analyse first.');
      return { text, label: `the selection in ${fileName(editor.document.uri)}` };
    }
    case 'editor': {
      if (!editor) return nothing('Open the log in an editor first.');
      const text = editor.document.getText();
      if (!text.trim()) return nothing(`${fileName(editor.document.uri)} is empty.`);
      return { text, label: fileName(editor.document.uri) };
    }
    case 'file':
      return readFile();
  }
}

/** Reads a log file chosen in the open dialog (or given, as from the Explorer); refuses ones over the limit. */
export async function readFile(uri?: vscode.Uri): Promise<LogInput | undefined> {
  const target =
    uri ??
    (
      await vscode.window.showOpenDialog({
        canSelectMany: false,
        canSelectFolders: false,
        openLabel: 'Analyze',
        title: 'Deploy Doctor: Choose a Deploy Log',
        filters: { 'Logs': ['log', 'txt', 'json', 'jsonl', 'out'], 'All Files': ['*'] },
      })
    )?.[0];
  if (!target) return undefined;
  try {
    const stat = await vscode.workspace.fs.stat(target);
    if (stat.size > maxLogLength) return nothing(tooLarge(stat.size, fileName(target)));
    const bytes = await vscode.workspace.fs.readFile(target);
    const text = new TextDecoder('utf-8').decode(bytes);
    return { text, label: `${fileName(target)} (${size(text.length)})` };
  } catch (error) {
    return nothing(`Could not read ${fileName(target)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function tooLarge(length: number, what: string): string {
  return `${what} is ${size(length)}; Deploy Doctor reads at most ${size(maxLogLength)}. Analyse the part with the failing deploy (usually the end).`;
}

export function size(length: number): string {
  if (length < 1024) return `${length} B`;
  if (length < 1024 * 1024) return `${(length / 1024).toFixed(1)} KB`;
  return `${(length / (1024 * 1024)).toFixed(1)} MB`;
}

/** The last segment of a URI's path: `app.log`. */
export function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

function nothing(message: string): undefined {
  void vscode.window.showWarningMessage(message);
  return undefined;
}
