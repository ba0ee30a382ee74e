/**
 * The engine-backed half of the server, loaded lazily by service-loader.ts: the engine with its grammars, the
 * workspace model over disk and editors, the analysis cache, and the request handlers that use them.
 */

import type {
  CancellationToken,
  CodeAction,
  CodeActionParams,
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  FileEvent,
  WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { createEngine, docsUrl } from '../engine/index';
import { nodeGrammars } from '../node/grammars';
import { ruleIdPlaceholder, type AnalyzeLogParams, type AnalyzeLogResult } from '../protocol';
import { createAnalyzer } from './analysis';
import { analyzeLog, type LogLinker } from './analyze-log';
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
  analyzeLog(params: AnalyzeLogParams, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<AnalyzeLogResult>;
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

  // Links log causes to the project's config lines and rule fixes through the deploy plan.
  const logLinker: LogLinker = (files, diagnosis) => engine.linkLog(files, diagnosis);

  return {
    ruleCount: engine.rules.length,
    ruleDocsUrlTemplate: docsUrl(ruleIdPlaceholder),
    diagnostics: (params, token) => provideDiagnostics(analyzer, params, token),
    codeActions: (params, token) => provideCodeActions(engine, analyzer, params, token),
    filesChanged: (changes) => workspace.filesChanged(changes),
    analyzeLog: (params, token, progress) => analyzeLog({ connection, workspace, folders, linker: logLinker }, params, token, progress),
  };
}
