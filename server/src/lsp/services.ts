/**
 * The engine-backed half of the server, loaded lazily by service-loader.ts: the engine with its grammars, the
 * workspace model over disk and editors, the analysis cache, and the request handlers that use them.
 */

import type { CancellationToken, CodeAction, CodeActionParams, DocumentDiagnosticParams, DocumentDiagnosticReport, FileEvent } from 'vscode-languageserver';
import { createEngine, docsUrl } from '../engine/index';
import { nodeGrammars } from '../node/grammars';
import { ruleIdPlaceholder } from '../protocol';
import { createAnalyzer } from './analysis';
import { provideCodeActions } from './code-actions';
import { provideDiagnostics } from './diagnostics';
import type { ServiceDeps } from './service-loader';
import { Workspace } from './workspace';

export interface Services {
  readonly ruleCount: number;
  /** The documentation URL of any rule, with `{ruleId}` in place of the id. */
  readonly ruleDocsUrlTemplate: string;
  diagnostics(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport>;
  codeActions(params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]>;
  /** Files changed on disk; true when any of them belongs to a project. */
  filesChanged(changes: readonly FileEvent[]): boolean;
}

export async function createServices(deps: ServiceDeps): Promise<Services> {
  const engine = createEngine(await nodeGrammars());
  const { connection, documents, folders, configuration } = deps;

  const workspace = new Workspace(documents);
  workspace.changeFolders(folders.current());
  folders.onChange(({ added, removed }) => workspace.changeFolders(added, removed));

  const analyzer = createAnalyzer(connection, workspace, engine, configuration);
  documents.onDidOpen((e) => workspace.documentOpenedOrClosed(e.document.uri));
  documents.onDidChangeContent((e) => workspace.documentChanged(e.document.uri));
  documents.onDidClose((e) => {
    workspace.documentOpenedOrClosed(e.document.uri);
    analyzer.forget(e.document.uri);
  });

  return {
    ruleCount: engine.rules.length,
    ruleDocsUrlTemplate: docsUrl(ruleIdPlaceholder),
    diagnostics: (params, token) => provideDiagnostics(analyzer, params, token),
    codeActions: (params, token) => provideCodeActions(engine, analyzer, params, token),
    filesChanged: (changes) => workspace.filesChanged(changes),
  };
}
