/**
 * Starts the Deploy Doctor language server (dist/server.js, over node IPC) and the language client that talks
 * to it: which documents it analyses, which files on disk it watches, when diagnostics are pulled, which schema
 * checks the editor already does (sent as `initializationOptions`, and again with `deployDoctor/editorValidation`
 * when an extension or setting changes), and the deploy plan for the Deploy Plan view.
 */

import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  WorkDoneProgress,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
  type WorkspaceEdit,
} from 'vscode-languageclient/node';
import type {
  AnalyzeLogMethod,
  AnalyzeLogParams,
  AnalyzeLogResult,
  DeployPlanMethod,
  DeployPlanParams,
  DeployPlanResult,
  EditorValidation,
  EditorValidationMethod,
  InitializationOptions,
  PlanChangedMethod,
  RuleIdPlaceholder,
  ServerStatusMethod,
  ServerStatusParams,
} from '../../server/src/protocol';
import {
  decideEditorValidation,
  EVEN_BETTER_TOML,
  isRailwayConfigPath,
  JSON_LANGUAGE_FEATURES,
  JSON_VALIDATE_SETTING,
  sameEditorValidation,
  TOML_SCHEMA_SETTING,
} from './railway-config';
import { createTraceChannel } from './trace-channel';

const serverStatusMethod: ServerStatusMethod = 'deployDoctor/serverStatus';
const ruleIdPlaceholder: RuleIdPlaceholder = '{ruleId}';
const analyzeLogMethod: AnalyzeLogMethod = 'deployDoctor/analyzeLog';
const editorValidationMethod: EditorValidationMethod = 'deployDoctor/editorValidation';
const deployPlanMethod: DeployPlanMethod = 'deployDoctor/deployPlan';
const planChangedMethod: PlanChangedMethod = 'deployDoctor/planChanged';

/** Everything the server reads: deploy configs, Python sources and what decides the Python environment. */
const WATCHED_FILES =
  '**/{Procfile,Procfile.*,railway.toml,railway.json,.railway/railway.ts,Dockerfile,Dockerfile.*,*.dockerfile,Containerfile,Containerfile.*,*.py,*.sh,requirements.txt,pyproject.toml,Pipfile,runtime.txt,.python-version,nixpacks.toml,railpack.json,.dockerignore,gunicorn.conf.py,app.json}';

const documentSelector: LanguageClientOptions['documentSelector'] = [
  { language: 'procfile' },
  { scheme: 'file', pattern: '**/Procfile' },
  { scheme: 'file', pattern: '**/railway.toml' },
  { scheme: 'file', pattern: '**/railway.json' },
  { scheme: 'file', pattern: '**/.railway/railway.ts' },
  { language: 'dockerfile' },
  { scheme: 'file', pattern: '**/{Dockerfile,Dockerfile.*,*.dockerfile,Containerfile,Containerfile.*}' },
  { scheme: 'file', language: 'python' },
  { scheme: 'file', language: 'shellscript' },
];

export interface DeployDoctorClient extends vscode.Disposable {
  readonly outputChannel: vscode.LogOutputChannel;
  start(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** A rule's documentation URL as the server spells it; undefined until the server is ready. */
  ruleDocsUrl(ruleId: string): string | undefined;
  /**
   * Asks the server to diagnose a deploy log; `onProgress` gets the percentage read. Rejects with the server's
   * error (a `ResponseError`, code -32800 when cancelled) or when the server is not running.
   */
  analyzeLog(params: Omit<AnalyzeLogParams, 'workDoneToken'>, token: vscode.CancellationToken, onProgress?: (percentage: number, message?: string) => void): Promise<AnalyzeLogResult>;
  /** A server-made workspace edit in the editor's terms. */
  toWorkspaceEdit(edit: WorkspaceEdit): Promise<vscode.WorkspaceEdit>;
  /** True while the server is up (a request would be answered). */
  isRunning(): boolean;
  /** The deploy plan of a workspace folder. Rejects when the server is not running. */
  deployPlan(folderUri: string, token?: vscode.CancellationToken): Promise<DeployPlanResult>;
  /** Called when the plan may have changed: the server says so, or it has (re)started. */
  onPlanChanged(listener: () => void): vscode.Disposable;
}

export function createLanguageClient(context: vscode.ExtensionContext): DeployDoctorClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    // A small young generation keeps the server's resident memory down; its garbage is short-lived parse data.
    run: { module, transport: TransportKind.ipc, options: { execArgv: ['--max-semi-space-size=4'] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Deploy Doctor', { log: true });
  const traceOutputChannel = createTraceChannel('Deploy Doctor Language Server Trace');
  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED_FILES);
  let sentValidation = editorValidation();
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { fileEvents: watcher },
    diagnosticPullOptions: { onChange: true, onSave: true },
    // A function, so a restarted server hears the state of that moment.
    initializationOptions: (): InitializationOptions => (sentValidation = editorValidation()),
    middleware: railwayOnlyAssist,
    outputChannel,
    traceOutputChannel,
  };
  const client = new LanguageClient('deployDoctor', 'Deploy Doctor', serverOptions, clientOptions);

  // Installing, enabling or disabling Even Better TOML, or switching a checker's setting, changes which schema
  // errors the server should leave to the editor; a running server is told without a restart.
  const resendValidation = (): void => {
    const next = editorValidation();
    if (sameEditorValidation(next, sentValidation) || !client.isRunning()) return;
    sentValidation = next;
    client.sendNotification(editorValidationMethod, next satisfies EditorValidation).catch((error: unknown) => {
      outputChannel.warn(`Could not tell the server about the editor's schema checks: ${String(error)}`);
    });
  };
  const validationListeners = [
    vscode.extensions.onDidChange(resendValidation),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(JSON_VALIDATE_SETTING) || event.affectsConfiguration(TOML_SCHEMA_SETTING)) resendValidation();
    }),
  ];

  const planChanged = new vscode.EventEmitter<void>();
  const planListeners = [
    planChanged,
    client.onNotification(planChangedMethod, () => planChanged.fire()),
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) planChanged.fire();
    }),
  ];

  let docsUrlTemplate: string | undefined;
  const statusListener = client.onNotification(serverStatusMethod, (params: ServerStatusParams) => {
    if (params.state === 'ready') {
      docsUrlTemplate = params.ruleDocsUrlTemplate;
      outputChannel.info(`Deploy Doctor is ready with ${params.ruleCount ?? 0} rules.`);
    } else if (params.state === 'failed') {
      outputChannel.error(`Deploy Doctor could not start its analysis: ${params.message ?? 'unknown error'}`);
      void vscode.window.showErrorMessage('Deploy Doctor could not start its analysis engine, so it reports no problems.', 'Show Log').then((choice) => {
        if (choice) outputChannel.show();
      });
    }
  });

  return {
    outputChannel,
    start: () => client.start(),
    restart: () => client.restart(),
    stop: async () => {
      if (client.needsStop()) await client.stop();
    },
    ruleDocsUrl: (ruleId) => docsUrlTemplate?.split(ruleIdPlaceholder).join(ruleId),
    async analyzeLog(params, token, onProgress) {
      if (!client.isRunning() && !client.needsStop()) throw new Error('the Deploy Doctor language server is not running (run "Deploy Doctor: Restart Language Server").');
      const workDoneToken = `deployDoctor/analyzeLog/${randomUUID()}`;
      const progress = onProgress
        ? client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
            if (value.kind !== 'end' && typeof value.percentage === 'number') onProgress(value.percentage, value.message);
          })
        : undefined;
      try {
        return await client.sendRequest<AnalyzeLogResult>(analyzeLogMethod, { ...params, workDoneToken } satisfies AnalyzeLogParams, token);
      } finally {
        progress?.dispose();
      }
    },
    toWorkspaceEdit: (edit) => client.protocol2CodeConverter.asWorkspaceEdit(edit),
    isRunning: () => client.isRunning(),
    async deployPlan(folderUri, token) {
      if (!client.isRunning()) throw new Error('the Deploy Doctor language server is not running.');
      return client.sendRequest<DeployPlanResult>(deployPlanMethod, { folderUri } satisfies DeployPlanParams, token);
    },
    onPlanChanged: (listener) => planChanged.event(listener),
    dispose() {
      statusListener.dispose();
      for (const listener of [...validationListeners, ...planListeners]) listener.dispose();
      void client.dispose();
      watcher.dispose();
      traceOutputChannel.dispose();
      outputChannel.dispose();
    },
  };
}

/** What the editor checks itself in railway.json and railway.toml (see railway-config.ts). */
function editorValidation(): Required<EditorValidation> {
  return decideEditorValidation({
    jsonExtension: vscode.extensions.getExtension(JSON_LANGUAGE_FEATURES) !== undefined,
    jsonValidate: vscode.workspace.getConfiguration().get<unknown>(JSON_VALIDATE_SETTING),
    // Disabled extensions are not listed, so this is "installed and enabled".
    tomlExtension: vscode.extensions.getExtension(EVEN_BETTER_TOML) !== undefined,
    tomlSchemaEnabled: vscode.workspace.getConfiguration().get<unknown>(TOML_SCHEMA_SETTING),
  });
}

/**
 * Hover, completion and links exist only for railway.toml and railway.json; the other documents the client syncs
 * (Python, Dockerfiles, shell scripts) skip the round trip, so typing a space in a Python file costs nothing.
 */
const railwayOnlyAssist: Middleware = {
  provideHover: (document, position, token, next) => (isRailwayConfigPath(document.uri.path) ? next(document, position, token) : undefined),
  provideCompletionItem: (document, position, context, token, next) => (isRailwayConfigPath(document.uri.path) ? next(document, position, context, token) : undefined),
  provideDocumentLinks: (document, token, next) => (isRailwayConfigPath(document.uri.path) ? next(document, token) : undefined),
};
