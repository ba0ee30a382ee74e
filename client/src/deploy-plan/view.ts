/**
 * The "Deploy Plan" view in the Explorer: asks the server for each workspace folder's plan, shows it, and sets
 * `deployDoctor.hasDeployFiles`, which the view's `when` clause needs to appear. It asks again when the server says
 * the plan changed (or restarts), at once while the view is visible or while there is no plan yet, else the next
 * time the view is shown; requests that overlap are coalesced into one more.
 */

import * as vscode from 'vscode';
import type { DeployDoctorClient } from '../language-client';
import { planTree, type FolderPlan } from './model';
import { DeployPlanTree } from './tree';

export const deployPlanViewId = 'deployDoctor.deployPlan';
export const hasDeployFilesContext = 'deployDoctor.hasDeployFiles';

export interface DeployPlanView extends vscode.Disposable {
  /** Loads the plans again; resolves when the view shows them. */
  refresh(): Promise<void>;
}

export function createDeployPlanView(server: DeployDoctorClient): DeployPlanView {
  const tree = new DeployPlanTree();
  const view = vscode.window.createTreeView(deployPlanViewId, { treeDataProvider: tree, showCollapseAll: true });
  let hasPlan = false;
  /** The value last given to the context key; undefined before the first plan. */
  let context: boolean | undefined;
  let stale = true;
  let running: Promise<void> | undefined;
  let again = false;
  let cancel: vscode.CancellationTokenSource | undefined;

  const load = async (): Promise<void> => {
    stale = false;
    cancel?.dispose();
    cancel = new vscode.CancellationTokenSource();
    const token = cancel.token;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    try {
      const plans = await Promise.all(
        folders.map(async (folder): Promise<FolderPlan> => ({ name: folder.name, uri: folder.uri.toString(), plan: await server.deployPlan(folder.uri.toString(), token) })),
      );
      if (token.isCancellationRequested) return;
      const nodes = planTree(plans);
      tree.show(nodes);
      view.message = undefined;
      hasPlan = nodes.length > 0;
      if (context !== hasPlan) {
        context = hasPlan;
        await vscode.commands.executeCommand('setContext', hasDeployFilesContext, hasPlan);
      }
    } catch (error) {
      // The server is stopped or restarting: keep what is shown, and load again when it is back.
      stale = true;
      if (server.isRunning()) server.outputChannel.warn(`Could not load the deploy plan: ${error instanceof Error ? error.message : String(error)}`);
      view.message = 'The deploy plan is not available while the Deploy Doctor server is not running.';
    }
  };

  const refresh = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await load();
      } while (again);
    })().finally(() => (running = undefined));
    return running;
  };

  const subscriptions: vscode.Disposable[] = [
    tree,
    view,
    server.onPlanChanged(() => {
      if (view.visible || !hasPlan) void refresh();
      else stale = true;
    }),
    view.onDidChangeVisibility((event) => {
      if (event.visible && stale) void refresh();
    }),
  ];

  return {
    refresh,
    dispose() {
      cancel?.cancel();
      cancel?.dispose();
      for (const s of subscriptions) s.dispose();
    },
  };
}
