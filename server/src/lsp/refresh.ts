/** Asks the client to pull diagnostics again after a change it cannot see (settings, files on disk, folders). */

import type { Connection } from 'vscode-languageserver';

/** A refresh function that sends at most one `workspace/diagnostic/refresh` per burst of changes. */
export function createRefresher(connection: Connection, supported: () => boolean): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer || !supported()) return;
    timer = setTimeout(() => {
      timer = undefined;
      connection.languages.diagnostics.refresh().catch((error: unknown) => {
        connection.console.warn(`The client refused to refresh diagnostics: ${String(error)}`);
      });
    }, 25);
  };
}
