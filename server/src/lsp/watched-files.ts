/**
 * Changes on disk that the editor reports through its file watchers (deploy files, Python sources, manifests):
 * the disk layers forget what they cached, and the client is asked to pull diagnostics again, since a file
 * nobody has open can change what is wrong in one that is.
 */

import type { Connection } from 'vscode-languageserver';
import type { ServiceLoader } from './service-loader';

export function registerWatchedFiles(connection: Connection, services: ServiceLoader, refresh: () => void): void {
  connection.onDidChangeWatchedFiles((params) => {
    // Before the engine has loaded nothing is cached, so there is nothing to forget.
    if (services.loaded()?.filesChanged(params.changes)) refresh();
  });
}
