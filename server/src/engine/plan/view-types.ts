/**
 * The deploy plan as plain data (what `deployPlanView` returns). Types only and no imports: the client's
 * TypeScript project includes this file, and `protocol.ts` builds the wire types of `deployDoctor/deployPlan` on it.
 */

/** A place in a project file: its project-relative path (forward slashes) and a 0-based line/character range. */
export interface PlanLocation {
  readonly file: string;
  readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
}

/** One way a start command is given (Railway config, Procfile line, Dockerfile CMD, .railway/railway.ts). */
export interface PlanSource {
  /** Where it comes from, in words: `deploy.startCommand in railway.toml`, ``the `web` process in Procfile``. */
  readonly label: string;
  /** The command as written; an exec-form CMD as a shell would read it. */
  readonly command: string;
  /** Absent when the file cannot be addressed. */
  readonly location?: PlanLocation;
  /** The label of the source that runs instead of this one, when this one is shadowed. */
  readonly shadowedBy?: string;
  /** True when the platform runs it through `sh -c` (variables expand), false when it runs the words directly. */
  readonly runsWithShell: boolean;
  readonly launches: readonly { readonly program: string; readonly server?: string; readonly app?: string }[];
}

export interface PlanService {
  /** The service's folder, project-relative; empty for the project root. */
  readonly root: string;
  readonly name: string;
  /** `Railway`, `Heroku`, `Railway (from Dockerfile)`, … */
  readonly platform: string;
  /** `RAILPACK`, `DOCKERFILE`, `NIXPACKS`, … */
  readonly builder: string;
  readonly dockerfile?: PlanLocation;
  /** The start command that runs; absent when no file sets one (the builder decides). */
  readonly start?: PlanSource;
  /** Every other source: shadowed ones carry `shadowedBy`. */
  readonly others: readonly PlanSource[];
  readonly healthcheck?: { readonly path: string; readonly location?: PlanLocation };
}

export interface PlanView {
  readonly services: readonly PlanService[];
}
