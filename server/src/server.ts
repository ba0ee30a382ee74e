/**
 * The language server process: creates the connection (stdio, node IPC or socket, from the command line),
 * wires the capabilities in lsp/ together and listens. It answers `initialize` before the engine is loaded,
 * starts loading it once the client confirms with `initialized`, and makes requests that need it wait.
 */

import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures, type InitializeResult } from 'vscode-languageserver/node';
import { serverCapabilities } from './lsp/capabilities';
import { registerConfiguration } from './lsp/configuration';
import { createDocuments, listenToDocuments } from './lsp/documents';
import { createEditorValidation } from './lsp/editor-validation';
import { createRefresher } from './lsp/refresh';
import { createServiceLoader } from './lsp/service-loader';
import { registerWatchedFiles } from './lsp/watched-files';
import { trackFolders } from './lsp/workspace-folders';
import { analyzeLogRequest, deployPlanRequest, editorValidationNotification } from './protocol';

// The tree-sitter parsers are WebAssembly. V8's optimising tier recompiles them in the background, which
// costs ~40 MB of resident memory for parses that take microseconds anyway; the baseline compiler is enough.
// This must run before any WebAssembly module is compiled (the engine loads its grammars later).
setFlagsFromString('--liftoff-only');
// Favour a smaller heap over peak speed: analyses are short bursts, and the server idles in between.
setFlagsFromString('--optimize-for-size');

const connection = createConnection(ProposedFeatures.all);
const documents = createDocuments();
let canRefresh = false;
const refresh = createRefresher(connection, () => canRefresh);

connection.onInitialize((params): InitializeResult => {
  const workspaceCaps = params.capabilities.workspace;
  canRefresh = workspaceCaps?.diagnostics?.refreshSupport === true;
  const folders = trackFolders(connection, params);
  folders.onChange(refresh);
  const configuration = registerConfiguration(connection, {
    pull: workspaceCaps?.configuration === true,
    dynamicRegistration: workspaceCaps?.didChangeConfiguration?.dynamicRegistration === true,
    onChange: refresh,
  });
  // Which schema errors the editor's own JSON/TOML checkers already show; the client tells again when that changes.
  const editorValidation = createEditorValidation(params.initializationOptions);
  connection.onNotification(editorValidationNotification, (p) => {
    if (editorValidation.update(p)) refresh();
  });
  const services = createServiceLoader({ connection, documents, folders, configuration, editorValidation });

  connection.languages.diagnostics.on((p, token) => services.diagnostics(p, token));
  connection.onCodeAction((p, token) => services.codeActions(p, token));
  connection.onHover((p, token) => services.hover(p, token));
  connection.onCompletion((p, token) => services.completion(p, token));
  connection.onDocumentLinks((p, token) => services.documentLinks(p, token));
  connection.onRequest(analyzeLogRequest, (p, token) => services.analyzeLog(p, token, connection.window.attachWorkDoneProgress(p?.workDoneToken)));
  connection.onRequest(deployPlanRequest, (p, token) => services.deployPlan(p, token));
  registerWatchedFiles(connection, services, refresh);
  connection.onInitialized(() => {
    configuration.initialized();
    folders.listen();
    // Only now: the client has the initialize result, so loading the engine cannot delay it.
    services.start();
  });
  return { capabilities: serverCapabilities, serverInfo: { name: 'Deploy Doctor' } };
});

listenToDocuments(documents, connection);
connection.listen();
