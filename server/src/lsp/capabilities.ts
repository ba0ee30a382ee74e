/**
 * What the server announces in its initialize result. Declared here rather than beside each capability's
 * handler because the handlers load with the engine, after `initialize` has been answered.
 */

import { CodeActionKind, type ServerCapabilities } from 'vscode-languageserver';
import { fixAllKind } from '../protocol';
import { textDocumentSync } from './documents';

export const DIAGNOSTIC_IDENTIFIER = 'deploy-doctor';

export const serverCapabilities: ServerCapabilities = {
  textDocumentSync,
  diagnosticProvider: { identifier: DIAGNOSTIC_IDENTIFIER, interFileDependencies: true, workspaceDiagnostics: false },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: false },
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};
