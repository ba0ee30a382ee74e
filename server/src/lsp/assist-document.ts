/**
 * The document an editing request (hover, completion, document links) is about: a railway.toml or railway.json
 * of a project, read the way the engine reads it. Requests wait one turn of the event loop first, so edits and
 * cancellations sent before them arrive, and are dropped when cancelled by then.
 */

import type { CancellationToken } from 'vscode-languageserver';
import { fileKindOf, LineIndex } from '../engine/index';
import type { FileResolver, Target, Workspace } from './workspace';

export interface AssistDocument {
  readonly target: Target;
  readonly text: string;
  readonly lines: LineIndex;
  readonly files: FileResolver;
}

/** The file kinds the engine has editing help for. */
const ASSISTED_KINDS: ReadonlySet<string> = new Set(['railway-toml', 'railway-json']);

export async function assistDocument(workspace: Workspace, uri: string, token: CancellationToken): Promise<AssistDocument | undefined> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (token.isCancellationRequested) return undefined;
  const target = workspace.locate(uri);
  const kind = target && fileKindOf(target.path);
  if (!target || !kind || !ASSISTED_KINDS.has(kind)) return undefined;
  const text = target.project.files.read(target.path);
  if (text === undefined) return undefined;
  return { target, text, lines: new LineIndex(text), files: workspace.resolver(target.project) };
}
