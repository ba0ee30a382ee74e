/** Open editor documents, kept in step with the client by incremental text synchronisation. */

import { TextDocumentSyncKind, TextDocuments, type Connection, type TextDocumentSyncOptions } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export type Documents = TextDocuments<TextDocument>;

/** Documents above this size (in UTF-16 code units, about 5 MB of text) are not deploy config; they get no analysis. */
export const MAX_DOCUMENT_CHARS = 5 * 1024 * 1024;

export const textDocumentSync: TextDocumentSyncOptions = {
  openClose: true,
  change: TextDocumentSyncKind.Incremental,
};

/** The document manager; it handles didOpen/didChange/didClose once `listen` has been called. */
export function createDocuments(): Documents {
  return new TextDocuments(TextDocument);
}

export function listenToDocuments(documents: Documents, connection: Connection): void {
  documents.listen(connection);
}

export function isTooLarge(text: string): boolean {
  return text.length > MAX_DOCUMENT_CHARS;
}
