/** `textDocument/documentLink`: files a Railway config names (`dockerfilePath`) as links to open them. */

import type { CancellationToken, DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import type { Engine } from '../engine/index';
import { assistDocument } from './assist-document';
import { toLspDocumentLink } from './convert';
import type { Workspace } from './workspace';

export async function provideDocumentLinks(engine: Engine, workspace: Workspace, params: DocumentLinkParams, token: CancellationToken): Promise<DocumentLink[]> {
  const doc = await assistDocument(workspace, params.textDocument.uri, token);
  if (!doc) return [];
  const links = engine.documentLinks(doc.target.project.files, doc.target.path);
  if (token.isCancellationRequested) return [];
  return links.flatMap((link) => {
    const converted = toLspDocumentLink(link, doc.lines, doc.files);
    return converted ? [converted] : [];
  });
}
