/**
 * Starts the Deploy Doctor language server (dist/server.js, over node IPC) and the language client that talks
 * to it: which documents it analyses, which files on disk it watches, when diagnostics are pulled.
 */

import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, WorkDoneProgress, type LanguageClientOptions, type ServerOptions, type WorkspaceEdit } from 'vscode-languageclient/node';
import type { AnalyzeLogMethod, AnalyzeLogParams, AnalyzeLogResult, RuleIdPlaceholder, ServerStatusMethod, ServerStatusParams } from '../../server/src/protocol';
import { createTraceChannel } from './trace-channel';

const serverStatusMethod: ServerStatusMethod = 'deployDoctor/serverStatus';
const ruleIdPlaceholder: RuleIdPlaceholder = '{ruleId}';
const analyzeLogMethod: AnalyzeLogMethod = 'deployDoctor/analyzeLog';

/** Everything the server reads: deploy configs, Python sources and what decides the Python environment. */
const WATCHED_FILES =
  '**/{Procfile,Procfile.*,railway.toml,railway.json,railway.ts,Dockerfile,Dockerfile.*,*.dockerfile,Containerfile,Containerfile.*,*.py,*.sh,uv.lock,requirements.txt,pyproject.toml,Pipfile,runtime.txt,.python-version,nixpacks.toml,railpack.json,.dockerignore,gunicorn.conf.py,app.json}';

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
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: { fileEvents: watcher },
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel,
    traceOutputChannel,
  };
  const client = new LanguageClient('deployDoctor', 'Deploy Doctor', serverOptions, clientOptions);

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
    dispose() {
      statusListener.dispose();
      void client.dispose();
      watcher.dispose();
      traceOutputChannel.dispose();
      outputChannel.dispose();
    },
  };
}
