/**
 * Deploy Doctor's additions to the Language Server Protocol: custom notifications and requests
 * (`deployDoctor/…`), the command ids the server puts into code actions, and the experimental capability the
 * server announces. The client imports this module with `import type` only, so every method name is also a
 * string-literal type the client checks its own copy of the string against.
 */

import { NotificationType, RequestType, type Range, type WorkDoneProgressParams, type WorkspaceEdit } from 'vscode-languageserver';
import type { LogCause, LogDiagnosis, LogFix, LogLocation, LogSymptom } from './engine/deploy-log/types';
import type { PlanLocation, PlanService, PlanSource } from './engine/plan/view-types';

/** The server tells the client when its engine is ready, or that it could not start. */
export const serverStatusMethod = 'deployDoctor/serverStatus' as const;
export type ServerStatusMethod = typeof serverStatusMethod;

export type ServerState = 'starting' | 'ready' | 'failed';

export interface ServerStatusParams {
  readonly state: ServerState;
  /** Why the engine failed, for `failed`. */
  readonly message?: string;
  /** How many rules the engine runs, for `ready`. */
  readonly ruleCount?: number;
  /** The documentation URL of any rule, with `{ruleId}` in place of the id, for `ready`. */
  readonly ruleDocsUrlTemplate?: string;
}

export const serverStatusNotification = new NotificationType<ServerStatusParams>(serverStatusMethod);

/** The client command a "Show documentation for <rule>" code action runs, with `[ruleId]` as arguments. */
export const showRuleDocumentationCommand = 'deployDoctor.showRuleDocumentation' as const;
export type ShowRuleDocumentationCommand = typeof showRuleDocumentationCommand;

/** Client command that switches a document to LF line endings: `[uri: string]`. */
export const setLineEndingsCommand = 'deployDoctor.setLineEndings' as const;
export type SetLineEndingsCommand = typeof setLineEndingsCommand;

/** The code action kind of "fix all safe problems in this file". */
export const fixAllKind = 'source.fixAll.deployDoctor' as const;

/** What stands for the rule id in `ruleDocsUrlTemplate`. */
export const ruleIdPlaceholder = '{ruleId}' as const;
export type RuleIdPlaceholder = typeof ruleIdPlaceholder;

/**
 * Diagnose a deploy log (DESIGN §3): the root causes first, the symptoms they explain, and, when the workspace has
 * the project, the config lines to change and the edits that change them. The server reads the text in chunks,
 * reports percentage progress on `workDoneToken` and stops between chunks when the request is cancelled.
 */
export const analyzeLogMethod = 'deployDoctor/analyzeLog' as const;
export type AnalyzeLogMethod = typeof analyzeLogMethod;

/**
 * How the message of an analyzeLog error that is not about the input begins ("…: its analysis engine did not
 * load"); the client starts its own failures (the connection closed) the same way.
 */
export const analyzeLogFailurePrefix = 'The server could not analyse this log' as const;
export type AnalyzeLogFailurePrefix = typeof analyzeLogFailurePrefix;

/** The longest log the server accepts, in UTF-16 code units (about bytes for the ASCII that logs are made of). */
export const maxLogLength = 67_108_864 as const;
export type MaxLogLength = typeof maxLogLength;

export interface AnalyzeLogParams extends WorkDoneProgressParams {
  /** The log as the user gave it: pasted, from the clipboard, an editor or a file. */
  readonly text: string;
  /** The workspace folder whose project the causes are linked to; the first folder when absent. */
  readonly folderUri?: string;
}

/** A config location, with the URI of its file so the client can open it. */
export interface AnalyzeLogLocation extends LogLocation {
  readonly uri: string;
}

/** A fix, with its edits as a workspace edit ready for `workspace.applyEdit` (versioned for open documents). */
export interface AnalyzeLogFix extends LogFix {
  /** Absent when the fix is advice without edits, or its files cannot be addressed. */
  readonly edit?: WorkspaceEdit;
}

export interface AnalyzeLogCause extends Omit<LogCause, 'locations' | 'fixes'> {
  /** The category in words: `Module not found on the import path`. */
  readonly title: string;
  readonly locations: readonly AnalyzeLogLocation[];
  readonly fixes: readonly AnalyzeLogFix[];
}

export interface AnalyzeLogSymptom extends LogSymptom {
  /** The symptom in words: `Healthcheck failed`. */
  readonly title: string;
}

export interface AnalyzeLogResult extends Omit<LogDiagnosis, 'causes' | 'symptoms'> {
  readonly causes: readonly AnalyzeLogCause[];
  readonly symptoms: readonly AnalyzeLogSymptom[];
  /** The platform in words: `Railway`, `Heroku`. */
  readonly platformTitle: string;
  /** The workspace folder the causes were linked to; absent when there was none. */
  readonly folderUri?: string;
  /** The diagnosis as Markdown, secrets masked: what "Copy report" copies and `analyze --format markdown` prints. */
  readonly reportMarkdown: string;
}

export const analyzeLogRequest = new RequestType<AnalyzeLogParams, AnalyzeLogResult, void>(analyzeLogMethod);

/**
 * Which deploy-config files an editor extension already checks against Railway's schema. The client sends it as
 * the `initializationOptions` of `initialize` and again with `deployDoctor/editorValidation` when it changes; the
 * server then leaves out the plain schema errors those checkers report themselves, keeping the hints only it can
 * give (docs/rules/railway-config-schema.md, "Working with other schema checkers"). Absent means false.
 */
export interface EditorValidation {
  /** railway.json is validated by VS Code's JSON support against the schema the extension contributes. */
  readonly editorValidatesJson?: boolean;
  /** railway.toml is validated by Even Better TOML against Railway's schema from SchemaStore. */
  readonly editorValidatesToml?: boolean;
}

/** What the client sends as `initializationOptions`. */
export type InitializationOptions = EditorValidation;

export const editorValidationMethod = 'deployDoctor/editorValidation' as const;
export type EditorValidationMethod = typeof editorValidationMethod;
export const editorValidationNotification = new NotificationType<EditorValidation>(editorValidationMethod);

/**
 * The deploy plan of a workspace folder, for the "Deploy Plan" view: per service, the builder, the start command the
 * platform runs and where it is written, the sources it shadows, the Dockerfile and the healthcheck.
 */
export const deployPlanMethod = 'deployDoctor/deployPlan' as const;
export type DeployPlanMethod = typeof deployPlanMethod;

export interface DeployPlanParams {
  /** The workspace folder to plan; the first folder when absent. A URI that is no workspace folder gets no services. */
  readonly folderUri?: string;
}

/** A place in a project file, with its URI. */
export interface DeployPlanLocation extends PlanLocation {
  readonly uri: string;
}

/** A start command source; its location absent when the file cannot be addressed (a document without a folder). */
export interface DeployPlanSource extends Omit<PlanSource, 'location'> {
  readonly location?: DeployPlanLocation;
}

export interface DeployPlanService extends Omit<PlanService, 'dockerfile' | 'start' | 'others' | 'healthcheck'> {
  readonly dockerfile?: DeployPlanLocation;
  readonly start?: DeployPlanSource;
  readonly others: readonly DeployPlanSource[];
  readonly healthcheck?: { readonly path: string; readonly location?: DeployPlanLocation };
}

export interface DeployPlanResult {
  readonly services: readonly DeployPlanService[];
  /** The workspace folder planned; absent when there was none. */
  readonly folderUri?: string;
}

export const deployPlanRequest = new RequestType<DeployPlanParams, DeployPlanResult, void>(deployPlanMethod);

/**
 * Something the deploy plan is made from changed (a deploy file edited, created or deleted, a folder added). Sent
 * at most once per burst of changes; the client asks for the plan again when it shows it.
 */
export const planChangedMethod = 'deployDoctor/planChanged' as const;
export type PlanChangedMethod = typeof planChangedMethod;
export const planChangedNotification = new NotificationType<Record<string, never>>(planChangedMethod);
