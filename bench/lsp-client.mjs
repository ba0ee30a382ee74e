// A minimal LSP client over stdio for the benchmark: spawns a server process, speaks JSON-RPC through
// vscode-jsonrpc, answers the server's own requests the way an editor with no settings would (so no server
// stalls waiting for its configuration), and times diagnostics whether the server pushes them
// (`textDocument/publishDiagnostics`) or is asked for them (`textDocument/diagnostic`).

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const DEFAULT_TIMEOUT_MS = 15_000;

export class LspClient {
  /**
   * Spawns `command args…` with stdio pipes. `spawnedAt` is taken just before the spawn, so `initialize()`
   * measures spawn → initialize result.
   */
  constructor({ name, command, args = [], cwd, env = process.env }) {
    this.name = name;
    this.stderr = '';
    this.exited = undefined;
    this.waiters = new Map();
    this.spawnedAt = performance.now();
    this.child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    this.exit = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve(this.exited);
      });
      this.child.on('error', (error) => {
        this.exited = { error };
        resolve(this.exited);
      });
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk;
    });
    // A server that dies mid-run must fail the measurement, not crash the benchmark on EPIPE.
    this.child.stdin.on('error', () => {});

    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onRequest((method, params) => this.answerServerRequest(method, params));
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => this.published(params));
    this.connection.onError(() => {});
    this.connection.listen();
  }

  /** What an editor without settings answers. */
  answerServerRequest(method, params) {
    switch (method) {
      case 'workspace/configuration':
        return (params?.items ?? []).map(() => null);
      case 'workspace/workspaceFolders':
        return this.workspaceFolders ?? null;
      default:
        // client/registerCapability, window/workDoneProgress/create, workspace/diagnostic/refresh, …
        return null;
    }
  }

  published(params) {
    const list = this.waiters.get(params.uri);
    if (!list) return;
    this.waiters.delete(params.uri);
    for (const resolve of list) resolve(params);
  }

  /** Sends `initialize` for `rootUri`; resolves to the result and the time since the spawn. */
  async initialize(rootUri, folderName = 'workspace') {
    this.workspaceFolders = [{ uri: rootUri, name: folderName }];
    const result = await this.request(
      'initialize',
      {
        processId: process.pid,
        clientInfo: { name: 'deploy-doctor-bench' },
        rootUri,
        workspaceFolders: this.workspaceFolders,
        capabilities: {
          workspace: {
            configuration: true,
            workspaceFolders: true,
            didChangeWatchedFiles: { dynamicRegistration: true },
            diagnostics: { refreshSupport: true },
          },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: true },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
            diagnostic: { dynamicRegistration: false, relatedDocumentSupport: true },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
          },
          window: { workDoneProgress: true },
        },
      },
    );
    const ms = performance.now() - this.spawnedAt;
    this.capabilities = result?.capabilities ?? {};
    this.notify('initialized', {});
    return { result, ms };
  }

  /** Pull when the server offers `textDocument/diagnostic`, otherwise wait for its push. */
  get pullsDiagnostics() {
    return Boolean(this.capabilities?.diagnosticProvider);
  }

  notify(method, params) {
    void this.connection.sendNotification(method, params);
  }

  /** A request that fails when the server exits or does not answer in time. */
  request(method, params, timeoutMs = DEFAULT_TIMEOUT_MS) {
    return this.guard(this.connection.sendRequest(method, params), `${method}`, timeoutMs);
  }

  /** Resolves with the next `publishDiagnostics` for `uri`. Register before sending what triggers it. */
  nextPublish(uri, timeoutMs = DEFAULT_TIMEOUT_MS) {
    const promise = new Promise((resolve) => {
      const list = this.waiters.get(uri) ?? [];
      list.push(resolve);
      this.waiters.set(uri, list);
    });
    return this.guard(promise, `publishDiagnostics for ${uri}`, timeoutMs);
  }

  /**
   * Diagnostics for a document after `send()` (a didOpen or didChange), in milliseconds from the send: the
   * pull request's answer, or the next push for that URI.
   */
  async timeDiagnostics(uri, send) {
    if (this.pullsDiagnostics) {
      const started = performance.now();
      send();
      const report = await this.request('textDocument/diagnostic', { textDocument: { uri } });
      return { ms: performance.now() - started, count: report?.items?.length ?? 0 };
    }
    const pushed = this.nextPublish(uri);
    const started = performance.now();
    send();
    const params = await pushed;
    return { ms: performance.now() - started, count: params.diagnostics.length };
  }

  /**
   * A round trip: everything the server sent in response to earlier messages (a push on didClose, say) has
   * arrived once this resolves. An unknown request is answered at once with MethodNotFound.
   */
  async barrier() {
    try {
      await this.request('deployDoctorBench/barrier', {}, 5_000);
    } catch (error) {
      if (this.exited) throw error;
    }
  }

  /** Peak resident set size so far (VmHWM), in MB; undefined off Linux. */
  peakRssMb() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1]);
      return Number.isFinite(kb) ? kb / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** shutdown + exit, then a kill if the process lingers. */
  async stop() {
    if (!this.exited) {
      try {
        await this.request('shutdown', null, 3_000);
        this.notify('exit', null);
      } catch {
        // fall through to the kill
      }
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
      await this.exit;
      clearTimeout(timer);
    }
    this.connection.dispose();
  }

  guard(promise, what, timeoutMs) {
    let timer;
    const failure = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name}: no ${what} within ${timeoutMs} ms`)), timeoutMs);
      void this.exit.then((exited) => {
        const how = exited.error ? exited.error.message : `code ${exited.code}${exited.signal ? `, ${exited.signal}` : ''}`;
        const tail = this.stderr.trim().split('\n').slice(-3).join(' | ');
        reject(new Error(`${this.name}: the server exited (${how}) before ${what}${tail ? `: ${tail}` : ''}`));
      });
    });
    return Promise.race([promise, failure]).finally(() => clearTimeout(timer));
  }
}
