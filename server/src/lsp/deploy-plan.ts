/**
 * `deployDoctor/deployPlan`: the deploy plan of a workspace folder for the "Deploy Plan" view, with file URIs on
 * its locations; and `deployDoctor/planChanged`, sent (at most once per burst) when a file the plan is made from
 * changes in an editor or on disk, so the view asks again.
 */

import type { CancellationToken, Connection } from 'vscode-languageserver';
import { fileKindOf, isDeployFile, type Engine } from '../engine/index';
import { planChangedNotification, type DeployPlanParams, type DeployPlanResult } from '../protocol';
import { toDeployPlanResult } from './convert';
import type { Workspace } from './workspace';
import type { Folders } from './workspace-folders';

/** How long the plan waits for a burst of changes (typing, a checkout) to end before the client hears of it. */
export const PLAN_CHANGED_DELAY_MS = 300;

export async function provideDeployPlan(
  engine: Engine,
  workspace: Workspace,
  folders: Folders,
  params: DeployPlanParams | null | undefined,
  token: CancellationToken,
): Promise<DeployPlanResult> {
  const requested = (params ?? {}).folderUri;
  if (requested !== undefined && typeof requested !== 'string') throw new TypeError('folderUri must be a URI string');
  const folderUri = requested ?? folders.current()[0];
  const project = folderUri === undefined ? undefined : workspace.folderProject(folderUri);
  if (!project) return { services: [] };
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (token.isCancellationRequested) return { services: [], folderUri };
  const plan = engine.deployPlan(project.files);
  return toDeployPlanResult(plan, workspace.resolver(project), folderUri);
}

/** Whether a file's text can change the plan: deploy configs and manifests, not the app's sources. */
export function affectsPlan(path: string): boolean {
  const kind = fileKindOf(path);
  return isDeployFile(path) && kind !== 'python' && kind !== 'shell';
}

/** A debounced `deployDoctor/planChanged` sender. */
export function createPlanNotifier(connection: Connection, delayMs = PLAN_CHANGED_DELAY_MS): { changed(): void; dispose(): void } {
  let timer: NodeJS.Timeout | undefined;
  return {
    changed() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void connection.sendNotification(planChangedNotification, {}).catch(() => undefined);
      }, delayMs);
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
