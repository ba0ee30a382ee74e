/**
 * Deploy Doctor's additions to the Language Server Protocol: custom notifications and requests
 * (`deployDoctor/…`), the command ids the server puts into code actions, and the experimental capability the
 * server announces. The client imports this module with `import type` only, so every method name is also a
 * string-literal type the client checks its own copy of the string against.
 */

import { NotificationType } from 'vscode-languageserver';

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

/** The code action kind of "fix all safe problems in this file". */
/** Client command that switches a document to LF line endings: `[uri: string]`. */
export const setLineEndingsCommand = 'deployDoctor.setLineEndings' as const;
export type SetLineEndingsCommand = typeof setLineEndingsCommand;

export const fixAllKind = 'source.fixAll.deployDoctor' as const;

/** What stands for the rule id in `ruleDocsUrlTemplate`. */
export const ruleIdPlaceholder = '{ruleId}' as const;
export type RuleIdPlaceholder = typeof ruleIdPlaceholder;
