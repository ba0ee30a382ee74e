/**
 * What the server announces in its initialize result. Declared here rather than beside each capability's
 * handler because the handlers load with the engine, after `initialize` has been answered.
 */

import { CodeActionKind, type ServerCapabilities } from 'vscode-languageserver';
import { fixAllKind } from '../protocol';
import { textDocumentSync } from './documents';

/**
 * Typed before completion opens in railway.toml / railway.json: a quote starts a value or JSON key, `=` and a space
 * a value, `[` a table name. (Kept here, not in completion.ts, so that `initialize` does not load the engine.)
 */
export const COMPLETION_TRIGGER_CHARACTERS: readonly string[] = ['"', '=', '[', ' '];

export const DIAGNOSTIC_IDENTIFIER = 'deploy-doctor';

export const serverCapabilities: ServerCapabilities = {
  textDocumentSync,
  diagnosticProvider: { identifier: DIAGNOSTIC_IDENTIFIER, interFileDependencies: true, workspaceDiagnostics: false },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: false },
  hoverProvider: true,
  completionProvider: { triggerCharacters: [...COMPLETION_TRIGGER_CHARACTERS], resolveProvider: false },
  documentLinkProvider: { resolveProvider: false },
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};
