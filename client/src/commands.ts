/** The extension's commands, registered from one table; the ids mirror package.json `contributes.commands`. */

import * as vscode from 'vscode';
import type { SetLineEndingsCommand, ShowRuleDocumentationCommand } from '../../server/src/protocol';
import type { LogPanelHost } from './deploy-log-panel/panel';
import type { DeployPlanView } from './deploy-plan/view';
import type { DeployDoctorClient } from './language-client';

const showRuleDocumentation: ShowRuleDocumentationCommand = 'deployDoctor.showRuleDocumentation';
const setLineEndings: SetLineEndingsCommand = 'deployDoctor.setLineEndings';

export const commandIds = {
  restartServer: 'deployDoctor.restartServer',
  showRuleDocumentation,
  setLineEndings,
  analyzeLog: 'deployDoctor.analyzeLog',
  refreshDeployPlan: 'deployDoctor.refreshDeployPlan',
} as const;

/** Rule ids are kebab-case; anything else did not come from a Deploy Doctor diagnostic. */
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function registerCommands(context: vscode.ExtensionContext, server: DeployDoctorClient, logPanel: LogPanelHost, deployPlan: DeployPlanView): vscode.Disposable[] {
  const table: Record<string, (...args: unknown[]) => unknown> = {
    [commandIds.restartServer]: () => server.restart(),
    [commandIds.analyzeLog]: (argument: unknown) => logPanel.run(argument),
    [commandIds.refreshDeployPlan]: () => deployPlan.refresh(),
    [commandIds.showRuleDocumentation]: (ruleId: unknown) => showDocumentation(context, server, ruleId),
    [commandIds.setLineEndings]: (uri: unknown) => useLfLineEndings(uri),
  };
  return Object.entries(table).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

/** Opens docs/rules/<id>.md from the extension in the Markdown preview, or the published page when it is missing. */
async function showDocumentation(context: vscode.ExtensionContext, server: DeployDoctorClient, ruleId: unknown): Promise<void> {
  if (typeof ruleId !== 'string' || !RULE_ID.test(ruleId)) {
    server.outputChannel.warn(`${commandIds.showRuleDocumentation} needs a rule id, got ${JSON.stringify(ruleId) ?? String(ruleId)}.`);
    return;
  }
  const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
  try {
    await vscode.workspace.fs.stat(page);
    await vscode.commands.executeCommand('markdown.showPreview', page);
    return;
  } catch {
    // Not bundled, or no Markdown preview: open the published page instead.
  }
  const url = server.ruleDocsUrl(ruleId) ?? repositoryDocsUrl(context, ruleId);
  if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
  else void vscode.window.showWarningMessage(`No documentation found for ${ruleId}.`);
}

/** The rule page in the repository named by package.json `repository`. */
function repositoryDocsUrl(context: vscode.ExtensionContext, ruleId: string): string | undefined {
  const repository: unknown = (context.extension.packageJSON as { repository?: unknown }).repository;
  const raw = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof raw !== 'string') return undefined;
  const base = raw.replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  return /^https:\/\//.test(base) ? `${base}/blob/main/docs/rules/${ruleId}.md` : undefined;
}

/** Switches a document to LF line endings (a quick fix target: text edits cannot change a document's EOL). */
async function useLfLineEndings(uri: unknown): Promise<void> {
  if (typeof uri !== 'string') return;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false, preview: false });
  await editor.edit((builder) => builder.setEndOfLine(vscode.EndOfLine.LF));
}
