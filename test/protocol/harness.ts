/**
 * A small LSP client for protocol tests: spawns the bundled server over stdio with a real workspace folder in a
 * temporary directory (its name has a space and a non-ASCII letter, as users' folders do), answers the
 * server's requests (configuration from settings the test controls, capability registration, diagnostic
 * refresh), records what the server sends, and shuts the server down — or kills it when it does not exit.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  Command,
  Diagnostic,
  DocumentDiagnosticReport,
  FileEvent,
  InitializeResult,
  Position,
  Range,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';

/** The bundle under test; `npm run build` makes it. */
export const SERVER_BUNDLE = resolve(__dirname, '..', '..', 'dist', 'server.js');

/** How long any single exchange may take before the test fails rather than hangs. */
export const EXCHANGE_TIMEOUT_MS = 5_000;

export interface HarnessOptions {
  /** Files written (project-relative paths) into the workspace folder before the server starts. */
  readonly files?: Readonly<Record<string, string>>;
  /** More workspace folders (names of sibling folders, created empty) for multi-root tests. */
  readonly extraFolders?: readonly string[];
  /** The `deployDoctor` section answered to `workspace/configuration`; can be changed later via `settings`. */
  readonly settings?: SettingsSource;
  /** Start with no workspace folder at all. */
  readonly noFolders?: boolean;
  /** Another server bundle than dist/server.js. */
  readonly serverBundle?: string;
  /** Sent as `initializationOptions` (what the client says about the editor's own schema checks). */
  readonly initializationOptions?: unknown;
}

/** A settings value, or one per scope (the `scopeUri` of the configuration request). */
export type SettingsSource = unknown | ((scopeUri: string | undefined) => unknown);

export interface Received {
  readonly kind: 'request' | 'notification';
  readonly method: string;
  readonly params: unknown;
}

export const clientCapabilities: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
  },
};

export class Harness {
  /** The temporary directory holding the workspace folder(s). */
  readonly tempRoot: string;
  /** The (first) workspace folder. */
  readonly folder: string;
  settings: SettingsSource;
  readonly received: Received[] = [];
  initializeResult: InitializeResult | undefined;
  /** Milliseconds from spawning the process to the initialize result. */
  readyMs = Number.NaN;
  stderr = '';
  /** How the process ended, once it has. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  private readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private readonly versions = new Map<string, { version: number; text: string }>();
  private readonly waiters = new Set<() => void>();
  private readonly started: number;
  private exited = false;

  private constructor(private readonly options: HarnessOptions) {
    this.tempRoot = mkdtempSync(join(tmpdir(), 'deploy doctor ü-'));
    this.folder = join(this.tempRoot, 'my app');
    mkdirSync(this.folder, { recursive: true });
    for (const name of options.extraFolders ?? []) mkdirSync(join(this.tempRoot, name), { recursive: true });
    for (const [path, text] of Object.entries(options.files ?? {})) this.write(path, text);
    this.settings = options.settings ?? {};

    this.started = performance.now();
    this.process = spawn(process.execPath, [options.serverBundle ?? SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.process.on('exit', (code, signal) => {
      this.exit = { code, signal };
      this.exited = true;
      this.wake();
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(this.process.stdin as NodeJS.WritableStream),
    );
    this.connection.onRequest((method, params) => this.answer(method, params));
    this.connection.onNotification((method, params) => this.record('notification', method, params));
    this.connection.onError(() => undefined);
    this.connection.onClose(() => this.wake());
    this.connection.listen();
  }

  /** Spawns the server and completes the initialize handshake. */
  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const harness = new Harness(options);
    try {
      await harness.initialize();
    } catch (error) {
      await harness.dispose();
      throw error;
    }
    return harness;
  }

  /** Starts a harness for one test and disposes of it when the test ends, however it ends. */
  static async for(t: Pick<TestContext, 'after'>, options: HarnessOptions = {}): Promise<Harness> {
    const harness = await Harness.start(options);
    t.after(() => harness.dispose());
    return harness;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** The workspace folder URIs, first folder first. */
  get folderUris(): string[] {
    if (this.options.noFolders) return [];
    return [this.folder, ...(this.options.extraFolders ?? []).map((name) => join(this.tempRoot, name))].map((p) => pathToFileURL(p).href);
  }

  /** Path of a file in the workspace folder (or, with `../`, next to it). */
  path(rel: string): string {
    return join(this.folder, ...rel.split('/'));
  }

  uri(rel: string): string {
    return pathToFileURL(this.path(rel)).href;
  }

  write(rel: string, text: string): void {
    const path = this.path(rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }

  open(uri: string, text: string, languageId = 'plaintext'): void {
    this.versions.set(uri, { version: 1, text });
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the document's text with one incremental change spanning the old text. */
  change(uri: string, text: string): void {
    const doc = this.versions.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    const version = doc.version + 1;
    const range: Range = { start: { line: 0, character: 0 }, end: endOf(doc.text) };
    this.versions.set(uri, { version, text });
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri: string): void {
    this.versions.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string | undefined {
    return this.versions.get(uri)?.text;
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri)?.version;
  }

  diagnostics(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.request('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
  }

  /** The items of a full report (fails on an unchanged report). */
  async diagnosticItems(uri: string): Promise<Diagnostic[]> {
    const report = await this.diagnostics(uri);
    if (report.kind !== 'full') throw new Error(`expected a full report, got ${report.kind}`);
    return report.items;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | Command)[] | null> {
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  /** The code actions (not bare commands) the server offers for these diagnostics; none when it answers null. */
  async quickFixes(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return ((await this.codeActions(uri, range, diagnostics, only)) ?? []).filter(isCodeAction);
  }

  watchedFilesChanged(changes: FileEvent[]): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  configurationChanged(): void {
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** Sends a request and fails after EXCHANGE_TIMEOUT_MS (or `timeoutMs`). */
  request<T>(method: string, params: unknown, timeoutMs = EXCHANGE_TIMEOUT_MS): Promise<T> {
    return withTimeout(this.connection.sendRequest<T>(method, params), timeoutMs, method);
  }

  /** How many messages the server has sent so far; pass it to `waitFor` to wait only for later ones. */
  mark(): number {
    return this.received.length;
  }

  /** Waits for a message from the server with this method, sent after `since`. */
  async waitFor(method: string, since = 0, timeoutMs = EXCHANGE_TIMEOUT_MS): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(since).find((m) => m.method === method);
      if (found) return found;
      if (this.exited) throw new Error(`the server exited while waiting for ${method}\n${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${method} from the server within ${timeoutMs} ms`);
      await new Promise<void>((resolveWait) => {
        const timer = setTimeout(done, left);
        function done(): void {
          clearTimeout(timer);
          resolveWait();
        }
        this.waiters.add(done);
      });
    }
  }

  count(method: string, since = 0): number {
    return this.received.slice(since).filter((m) => m.method === method).length;
  }

  /**
   * Waits `ms`, then counts the messages with this method sent after `since`: how a test shows that something
   * did not happen (the wait must outlast whatever delay the server would send it after).
   */
  async countAfterWaiting(method: string, since: number, ms: number): Promise<number> {
    await new Promise((resolveWait) => setTimeout(resolveWait, ms));
    return this.count(method, since);
  }

  /** shutdown + exit; kills the process when it has not exited within two seconds. Removes the temp folder. */
  async dispose(): Promise<void> {
    if (!this.exited) {
      try {
        await withTimeout(this.connection.sendRequest('shutdown'), 2_000, 'shutdown');
        void this.connection.sendNotification('exit');
      } catch {
        // A server that does not answer shutdown is killed below.
      }
      const exited = await this.waitForExit(2_000);
      if (!exited) this.process.kill('SIGKILL');
    }
    this.connection.dispose();
    rmSync(this.tempRoot, { recursive: true, force: true });
  }

  private async initialize(): Promise<void> {
    const folders = this.folderUris;
    this.initializeResult = await this.request<InitializeResult>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'deploy-doctor protocol tests' },
      rootUri: folders[0] ?? null,
      workspaceFolders: folders.map((uri, i) => ({ uri, name: `folder ${i}` })),
      capabilities: clientCapabilities,
      ...(this.options.initializationOptions !== undefined ? { initializationOptions: this.options.initializationOptions } : {}),
    });
    this.readyMs = performance.now() - this.started;
    void this.connection.sendNotification('initialized', {});
  }

  private answer(method: string, params: unknown): unknown {
    this.record('request', method, params);
    if (method === 'workspace/configuration') {
      const items = (params as { items: { scopeUri?: string; section?: string }[] }).items;
      const settings = this.settings;
      return items.map((item) => {
        if (item.section !== 'deployDoctor') return null;
        return typeof settings === 'function' ? (settings as (scope?: string) => unknown)(item.scopeUri) : settings;
      });
    }
    // client/registerCapability, workspace/diagnostic/refresh and the rest: acknowledge.
    return null;
  }

  private record(kind: Received['kind'], method: string, params: unknown): void {
    this.received.push({ kind, method, params });
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      this.waiters.delete(waiter);
      waiter();
    }
  }

  private async waitForExit(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!this.exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.exited;
  }
}

/** Rejects when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The position just past the end of a text (LSP lines split at \r\n, \r and \n). */
export function endOf(text: string): Position {
  const lines = text.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** The offset of an LSP position in a text, clamped to the line as LSP specifies. */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const match = /\r\n|\r|\n/.exec(text.slice(offset));
    if (!match) return text.length;
    offset += match.index + match[0].length;
  }
  const rest = /\r\n|\r|\n/.exec(text.slice(offset));
  const lineEnd = rest ? offset + rest.index : text.length;
  return Math.min(offset + position.character, lineEnd);
}

/** Applies LSP text edits (all against the original text) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const resolved = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), text: e.newText }));
  resolved.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of resolved) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The text edits a workspace edit makes to one document, with the version it was computed for. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): { version: number | null; edits: TextEdit[] }[] {
  const changes = (edit?.documentChanges ?? []).filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri);
  return changes.map((c) => ({ version: c.textDocument.version, edits: c.edits as TextEdit[] }));
}

export function isCodeAction(item: CodeAction | Command): item is CodeAction {
  return typeof (item as CodeAction).title === 'string' && typeof (item as Command).command !== 'string';
}
