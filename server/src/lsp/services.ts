/**
 * The engine-backed half of the server, loaded lazily by service-loader.ts: the engine with its grammars, the
 * workspace model over disk and editors, the analysis cache, and the request handlers that use them.
 */

import type {
  CancellationToken,
  CodeAction,
  CodeActionParams,
  CompletionItem,
  CompletionParams,
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  DocumentLink,
  DocumentLinkParams,
  FileEvent,
  Hover,
  HoverParams,
  WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { createEngine, docsUrl } from '../engine/index';
import { nodeGrammars } from '../node/grammars';
import { ruleIdPlaceholder, type AnalyzeLogParams, type AnalyzeLogResult, type DeployPlanParams, type DeployPlanResult } from '../protocol';
import { createAnalyzer } from './analysis';
import { analyzeLog } from './analyze-log';
import { provideCodeActions } from './code-actions';
import { provideCompletion } from './completion';
import { affectsPlan, createPlanNotifier, provideDeployPlan } from './deploy-plan';
import { provideDiagnostics } from './diagnostics';
import { provideDocumentLinks } from './document-links';
import { provideHover } from './hover';
import type { ServiceDeps } from './service-loader';
import { Workspace, type Target } from './workspace';

export interface Services {
  readonly ruleCount: number;
  /** The documentation URL of any rule, with `{ruleId}` in place of the id. */
  readonly ruleDocsUrlTemplate: string;
  diagnostics(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport>;
  codeActions(params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]>;
  /** Files changed on disk; true when any of them belongs to a project. */
  filesChanged(changes: readonly FileEvent[]): boolean;
  analyzeLog(params: AnalyzeLogParams, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<AnalyzeLogResult>;
  hover(params: HoverParams, token: CancellationToken): Promise<Hover | null>;
  completion(params: CompletionParams, token: CancellationToken): Promise<CompletionItem[]>;
  documentLinks(params: DocumentLinkParams, token: CancellationToken): Promise<DocumentLink[]>;
  deployPlan(params: DeployPlanParams, token: CancellationToken): Promise<DeployPlanResult>;
}

export async function createServices(deps: ServiceDeps): Promise<Services> {
  const engine = createEngine(await nodeGrammars());
  const { connection, documents, folders, configuration, editorValidation } = deps;

  const workspace = new Workspace(documents);
  const plan = createPlanNotifier(connection);
  // A file outside every workspace folder has no plan in the view; one in a folder may change it.
  const changesPlan = (target: Target | undefined): boolean => target?.project.kind === 'folder' && affectsPlan(target.path);
  workspace.changeFolders(folders.current());
  folders.onChange(({ added, removed }) => {
    workspace.changeFolders(added, removed);
    plan.changed();
  });

  const analyzer = createAnalyzer(connection, workspace, engine, configuration);
  documents.onDidOpen((e) => workspace.documentOpenedOrClosed(e.document.uri));
  documents.onDidChangeContent((e) => {
    if (changesPlan(workspace.documentChanged(e.document.uri))) plan.changed();
  });
  documents.onDidClose((e) => {
    const target = workspace.documentOpenedOrClosed(e.document.uri);
    analyzer.forget(e.document.uri);
    // Closing an edited document without saving puts the file on disk back in the plan.
    if (changesPlan(target)) plan.changed();
  });

  return {
    ruleCount: engine.rules.length,
    ruleDocsUrlTemplate: docsUrl(ruleIdPlaceholder),
    diagnostics: (params, token) => provideDiagnostics(analyzer, editorValidation, params, token),
    codeActions: (params, token) => provideCodeActions(engine, analyzer, params, token),
    filesChanged(changes) {
      let planChanged = false;
      const any = workspace.filesChanged(changes, (target) => {
        planChanged ||= changesPlan(target);
      });
      if (planChanged) plan.changed();
      return any;
    },
    analyzeLog: (params, token, progress) => analyzeLog({ connection, workspace, folders, engine }, params, token, progress),
    hover: (params, token) => provideHover(engine, workspace, params, token),
    completion: (params, token) => provideCompletion(engine, workspace, params, token),
    documentLinks: (params, token) => provideDocumentLinks(engine, workspace, params, token),
    deployPlan: (params, token) => provideDeployPlan(engine, workspace, folders, params, token),
  };
}
