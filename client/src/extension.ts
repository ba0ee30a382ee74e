/** The extension's entry point: starts the language client and registers the commands. */

import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { createLanguageClient, type DeployDoctorClient } from './language-client';

let server: DeployDoctorClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  server = createLanguageClient(context);
  context.subscriptions.push(server, ...registerCommands(context, server));
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
