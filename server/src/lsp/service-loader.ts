/**
 * Loads the engine-backed services after `initialize` has been answered. Everything that needs the engine
 * (parsers, grammars, the workspace model) sits behind one dynamic import, so the bundle evaluates it only
 * then; requests that arrive earlier wait for it. Every request is guarded: a failure becomes an empty answer
 * and a log line, never a crashed server.
 */

import {
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type CompletionParams,
  type Connection,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type DocumentLink,
  type DocumentLinkParams,
  type Hover,
  type HoverParams,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { analyzeLogFailurePrefix, serverStatusNotification, type AnalyzeLogParams, type AnalyzeLogResult, type DeployPlanParams, type DeployPlanResult } from '../protocol';
import type { Configuration } from './configuration';
import { describeError } from './describe-error';
import type { Documents } from './documents';
import type { EditorValidationState } from './editor-validation';
import type { Services } from './services';
import type { Folders } from './workspace-folders';

export interface ServiceDeps {
  readonly connection: Connection;
  readonly documents: Documents;
  readonly folders: Folders;
  readonly configuration: Configuration;
  readonly editorValidation: EditorValidationState;
}

export interface ServiceLoader {
  /** Starts loading, after the current message has been handled; a request that needs the services also does. */
  start(): void;
  /** The services if they have finished loading. */
  loaded(): Services | undefined;
  diagnostics(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport>;
  codeActions(params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]>;
  /** Rejects with a `ResponseError` whose message the client can show. */
  analyzeLog(params: AnalyzeLogParams, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<AnalyzeLogResult>;
  hover(params: HoverParams, token: CancellationToken): Promise<Hover | null>;
  completion(params: CompletionParams, token: CancellationToken): Promise<CompletionItem[]>;
  documentLinks(params: DocumentLinkParams, token: CancellationToken): Promise<DocumentLink[]>;
  deployPlan(params: DeployPlanParams, token: CancellationToken): Promise<DeployPlanResult>;
}

export function createServiceLoader(deps: ServiceDeps): ServiceLoader {
  const { connection } = deps;
  let loading: Promise<Services> | undefined;
  let ready: Services | undefined;

  const load = (): Promise<Services> => {
    loading ??= import('./services')
      .then((m) => m.createServices(deps))
      .then(
        (services) => {
          ready = services;
          void connection.sendNotification(serverStatusNotification, {
            state: 'ready',
            ruleCount: services.ruleCount,
            ruleDocsUrlTemplate: services.ruleDocsUrlTemplate,
          });
          return services;
        },
        (error: unknown) => {
          connection.console.error(`Deploy Doctor could not load its parsers, so it reports nothing: ${describeError(error)}`);
          void connection.sendNotification(serverStatusNotification, { state: 'failed', message: messageOf(error) });
          throw new EngineUnavailable();
        },
      );
    return loading;
  };

  async function guard<T>(what: string, fallback: T, run: (services: Services) => Promise<T>): Promise<T> {
    try {
      return await run(await load());
    } catch (error) {
      // The services live in their own bundle with their own copy of ResponseError: compare codes, not classes.
      if ((error as { code?: unknown } | undefined)?.code === LSPErrorCodes.RequestCancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
      // A failed load has been logged once already.
      if (!(error instanceof EngineUnavailable)) connection.console.error(`${what} failed: ${describeError(error)}`);
      return fallback;
    }
  }

  return {
    start() {
      setImmediate(() => void load().catch(() => undefined));
    },
    loaded: () => ready,
    diagnostics: (params, token) =>
      guard(`Diagnostics for ${params.textDocument.uri}`, { kind: DocumentDiagnosticReportKind.Full, items: [] }, (s) => s.diagnostics(params, token)),
    codeActions: (params, token) => guard(`Code actions for ${params.textDocument.uri}`, [], (s) => s.codeActions(params, token)),
    hover: (params, token) => guard(`Hover in ${params.textDocument.uri}`, null, (s) => s.hover(params, token)),
    completion: (params, token) => guard(`Completion in ${params.textDocument.uri}`, [], (s) => s.completion(params, token)),
    documentLinks: (params, token) => guard(`Document links of ${params.textDocument.uri}`, [], (s) => s.documentLinks(params, token)),
    deployPlan: (params, token) => guard('The deploy plan', { services: [] }, (s) => s.deployPlan(params, token)),
    async analyzeLog(params, token, progress) {
      let services: Services;
      try {
        services = await load();
      } catch {
        throw new ResponseError(ErrorCodes.InternalError, `${analyzeLogFailurePrefix}: its analysis engine did not load (see the Deploy Doctor output).`);
      }
      try {
        return await services.analyzeLog(params, token, progress);
      } catch (error) {
        // The services bundle throws its own copy of ResponseError: rebuild it from code and message for this one.
        const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
        if (typeof code === 'number' && typeof message === 'string') throw new ResponseError(code, message);
        connection.console.error(`Analyzing a deploy log failed: ${describeError(error)}`);
        throw new ResponseError(ErrorCodes.InternalError, `${analyzeLogFailurePrefix}: ${messageOf(error)}`);
      }
    },
  };
}

class EngineUnavailable extends Error {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
