/** The extension's entry point: starts the language client, registers the commands, the Deploy Plan view and the log panel's restorer. */

import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { LogPanelHost, logPanelViewType } from './deploy-log-panel/panel';
import { createDeployPlanView } from './deploy-plan/view';
import { createLanguageClient, type DeployDoctorClient } from './language-client';

let server: DeployDoctorClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  server = createLanguageClient(context);
  const logPanel = new LogPanelHost(context, server);
  // Before the server starts, so the plan loads as soon as it is running.
  const deployPlan = createDeployPlanView(server);
  context.subscriptions.push(
    server,
    logPanel,
    deployPlan,
    ...registerCommands(context, server, logPanel, deployPlan),
    // Brings the panel back after a reload, with the state it saved (onWebviewPanel activation).
    vscode.window.registerWebviewPanelSerializer(logPanelViewType, { deserializeWebviewPanel: (panel, state) => logPanel.restore(panel, state) }),
  );
  try {
    await server.start();
  } catch (error) {
    // The language client has already reported it; the commands (restart) stay available.
    server.outputChannel.error(`The Deploy Doctor language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
