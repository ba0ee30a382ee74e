/** Workspace folders: the initial set from `initialize`, then additions and removals as the user makes them. */

import type { Connection, InitializeParams } from 'vscode-languageserver';

export interface FolderChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface Folders {
  /** URIs of the current workspace folders. */
  current(): readonly string[];
  onChange(listener: (change: FolderChange) => void): void;
  /** Follows folder changes; call after `initialized`. */
  listen(): void;
}

/** Folders from the initialize request; `rootUri` stands in for clients that do not send folders. */
export function trackFolders(connection: Connection, params: InitializeParams): Folders {
  let folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const listeners: ((change: FolderChange) => void)[] = [];
  return {
    current: () => folders,
    onChange: (listener) => void listeners.push(listener),
    listen() {
      if (params.capabilities.workspace?.workspaceFolders !== true) return;
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const change = { added: event.added.map((f) => f.uri), removed: event.removed.map((f) => f.uri) };
        folders = [...folders.filter((uri) => !change.removed.includes(uri)), ...change.added];
        for (const listener of listeners) listener(change);
      });
    },
  };
}
