/** `textDocument/hover` in railway.toml and railway.json: what a key means, its default and docs link, a value's allowed set. */

import type { CancellationToken, Hover, HoverParams } from 'vscode-languageserver';
import type { Engine } from '../engine/index';
import { assistDocument } from './assist-document';
import { toLspHover, toOffset } from './convert';
import type { Workspace } from './workspace';

export async function provideHover(engine: Engine, workspace: Workspace, params: HoverParams, token: CancellationToken): Promise<Hover | null> {
  const doc = await assistDocument(workspace, params.textDocument.uri, token);
  if (!doc) return null;
  const info = engine.hover(doc.target.project.files, doc.target.path, toOffset(doc.lines, params.position));
  return info && !token.isCancellationRequested ? toLspHover(info, doc.lines) : null;
}
