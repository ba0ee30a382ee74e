/**
 * The "Deploy Log" panel's host side: one panel at a time (created, revealed, or restored by the serializer
 * after a reload), the `deployDoctor.analyzeLog` command that feeds it, and the handling of what the panel asks
 * for. The analysis runs in the language server; the host sends the panel a view model and keeps the server's
 * result (URIs, workspace edits, the Markdown report) to act on the panel's intents, each checked first.
 */

import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { ErrorCodes, LSPErrorCodes } from 'vscode-languageclient/node';
import type { AnalyzeLogFailurePrefix, AnalyzeLogResult } from '../../../server/src/protocol';
import { emptyDisplay, fixKey, MAX_KEPT_INPUT, parseViewState, parseViewToHost, type Display, type FixStatus, type HostToView, type InputSource, type ViewToHost } from '../../webview/messages';
import type { DeployDoctorClient } from '../language-client';
import { createNonce, panelHtml } from './html';
import { fileName, lastTextEditor, maxLogLength, readFile, readInput, size, tooLarge, type LogInput } from './input';
import { toViewResult } from './view-model';

export const logPanelViewType = 'deployDoctor.logPanel';

/** Logs at least this long get a cancellable notification while they are analysed; shorter ones take moments. */
const NOTIFY_FROM_LENGTH = 1024 * 1024;

/** How the server's own failure messages begin; the host's (the connection closed) are made to begin alike. */
const failurePrefix: AnalyzeLogFailurePrefix = 'The server could not analyse this log';

type PickItem = vscode.QuickPickItem & { readonly source: InputSource | 'panel' };

export class LogPanelHost implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private display: Display = emptyDisplay;
  /** The server's answer behind `display.result`; absent for a result restored after a reload. */
  private current: { readonly id: string; readonly result: AnalyzeLogResult } | undefined;
  private running: vscode.CancellationTokenSource | undefined;
  private editor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private focusWhenReady = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: DeployDoctorClient,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor) this.editor = editor;
      }),
    );
  }

  /**
   * `deployDoctor.analyzeLog`: asks where the log is (from the palette) or takes it from the argument, when run
   * from code or the Explorer: `{ source }` (an `InputSource` or `'panel'`), `{ text }` or a file URI.
   */
  async run(argument?: unknown): Promise<AnalyzeLogResult | undefined> {
    let source: InputSource | 'panel' | undefined;
    let input: LogInput | undefined;
    if (argument === undefined) {
      source = await this.pickSource();
      if (!source) return undefined;
    } else if (argument instanceof vscode.Uri) {
      input = await readFile(argument);
      if (!input) return undefined;
    } else if (isRecord(argument) && typeof argument.text === 'string') {
      input = { text: argument.text, label: `text given to the command (${size(argument.text.length)})` };
    } else if (isRecord(argument) && (argument.source === 'panel' || argument.source === 'clipboard' || argument.source === 'selection' || argument.source === 'editor' || argument.source === 'file')) {
      source = argument.source;
    } else {
      void vscode.window.showErrorMessage('Deploy Doctor: Analyze Deploy Log expects no argument, { source }, { text } or a file URI.');
      return undefined;
    }
    if (source === 'panel') {
      // A new page asks for focus once it has loaded; a shown one can take it now.
      if (this.show()) this.focusWhenReady = true;
      else this.post({ type: 'focusInput' });
      return undefined;
    }
    if (source) input = await readInput(source, lastTextEditor(this.editor));
    if (!input) return undefined;
    this.show();
    return this.analyze(input, true);
  }

  /** The serializer's half: a panel VS Code restored after a reload, with the state the panel saved. */
  async restore(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    this.panel?.dispose();
    const state = parseViewState(saved);
    if (state) {
      // A busy panel was interrupted by the reload; its result (if any) is shown again but its edits are gone.
      this.display = { ...state.display, busy: false, fixes: {} };
    }
    this.attach(panel);
    if (state?.display.result && state.input.trim()) {
      // Analyse the kept text again, quietly, so links and fixes work on the restored result.
      void this.analyze({ text: state.input, label: state.display.source ?? 'the paste box' }, false);
    }
  }

  dispose(): void {
    this.running?.cancel();
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private async pickSource(): Promise<InputSource | 'panel' | undefined> {
    const editor = lastTextEditor(this.editor);
    const hasSelection = !!editor && editor.selections.some((s) => !s.isEmpty);
    const items: PickItem[] = [
      { label: '$(edit) Paste into the Panel', description: 'Open the panel and paste the log there', source: 'panel' },
      { label: '$(clippy) Clipboard', description: 'Analyze the log you copied', source: 'clipboard' },
      ...(hasSelection ? [{ label: '$(selection) Selection', description: `The selected lines in ${fileName(editor.document.uri)}`, source: 'selection' as const }] : []),
      ...(editor ? [{ label: '$(file) Active Editor', description: fileName(editor.document.uri), source: 'editor' as const }] : []),
      { label: '$(folder-opened) Log File…', description: 'Choose a file', source: 'file' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Deploy Doctor: Analyze Deploy Log', placeHolder: 'Where is the log of the failed deploy?' });
    return picked?.source;
  }

  /** Reveals the panel, or creates it; true when it is new. */
  private show(): boolean {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      return false;
    }
    const panel = vscode.window.createWebviewPanel(logPanelViewType, 'Deploy Log', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, this.webviewOptions());
    this.attach(panel);
    return true;
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableForms: false,
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    const webview = panel.webview;
    webview.options = this.webviewOptions();
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist');
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
    this.panelDisposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseViewToHost(raw);
        if (message) void this.handle(message);
        else this.server.outputChannel.warn('The Deploy Log panel sent a message that is not one of its own; ignored.');
      }),
      panel.onDidDispose(() => this.detach(panel)),
    );
  }

  private detach(panel: vscode.WebviewPanel): void {
    if (this.panel !== panel) return;
    this.running?.cancel();
    this.panel = undefined;
    this.current = undefined;
    this.display = emptyDisplay;
    for (const d of this.panelDisposables.splice(0)) d.dispose();
  }

  private async handle(message: ViewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        // A new or reloaded page: give it the newest display (it keeps its own if that is as new).
        if (this.display.revision > 0) this.post({ type: 'display', display: this.display });
        if (this.focusWhenReady) {
          this.focusWhenReady = false;
          this.post({ type: 'focusInput' });
        }
        return;
      case 'analyze':
        if (!message.text.trim()) {
          this.update({ error: 'Paste the log of the failed deploy into the box first.', notice: undefined });
          return;
        }
        await this.analyze({ text: message.text, label: `the paste box (${size(message.text.length)})` }, true, false);
        return;
      case 'pickInput': {
        const input = await readInput(message.source, lastTextEditor(this.editor));
        if (input) await this.analyze(input, true);
        return;
      }
      case 'openLocation':
        await this.openLocation(message.resultId, message.cause, message.location);
        return;
      case 'applyFix':
        await this.applyFix(message.resultId, message.cause, message.fix);
        return;
      case 'copyReport':
        await this.copyReport(message.resultId);
        return;
    }
  }

  /**
   * Sends the log to the server and shows the answer. `loud`: with progress (a cancellable notification for big
   * logs); quiet re-analyses after a reload change the panel only when they succeed. `echo`: put the text into
   * the paste box (it came from elsewhere).
   */
  private async analyze(input: LogInput, loud: boolean, echo = true): Promise<AnalyzeLogResult | undefined> {
    const { text, label } = input;
    if (text.length > maxLogLength) {
      this.update({ busy: false, source: label, error: tooLarge(text.length, 'The log'), result: undefined, fixes: {}, notice: undefined });
      return undefined;
    }
    this.running?.cancel();
    const cancellation = new vscode.CancellationTokenSource();
    this.running = cancellation;
    const kept = text.length <= MAX_KEPT_INPUT ? text : '';
    if (loud) {
      this.current = undefined;
      this.update({ busy: true, source: label, error: undefined, result: undefined, fixes: {}, notice: undefined }, echo ? kept : undefined);
    }
    const folder = this.folder();
    const request = (report?: (percentage: number, message?: string) => void): Promise<AnalyzeLogResult> =>
      this.server.analyzeLog({ text, ...(folder ? { folderUri: folder.uri.toString() } : {}) }, cancellation.token, report);
    try {
      let result: AnalyzeLogResult;
      if (loud && text.length >= NOTIFY_FROM_LENGTH) {
        result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Deploy Doctor: analyzing ${label}`, cancellable: true },
          (progress, token) => {
            token.onCancellationRequested(() => cancellation.cancel());
            let done = 0;
            return request((percentage, message) => {
              progress.report({ increment: Math.max(0, percentage - done), message: message ?? `${percentage}%` });
              done = Math.max(done, percentage);
            });
          },
        );
      } else if (loud) {
        result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Deploy Doctor: analyzing the deploy log' }, () => request());
      } else {
        result = await request();
      }
      if (this.running !== cancellation) return undefined;
      const id = randomUUID();
      this.current = { id, result };
      const linked = folder && result.folderUri !== undefined ? folder.name : undefined;
      this.update({ busy: false, source: label, error: undefined, notice: undefined, fixes: {}, result: toViewResult(result, id, linked) });
      return result;
    } catch (error) {
      if (this.running !== cancellation || !loud) return undefined;
      const code = (error as { code?: unknown } | undefined)?.code;
      if (code === LSPErrorCodes.RequestCancelled || cancellation.token.isCancellationRequested) {
        this.update({ busy: false, notice: 'The analysis was cancelled.' });
      } else {
        const message = error instanceof Error ? error.message : String(error);
        const shown = code === ErrorCodes.InvalidParams || message.startsWith(failurePrefix) ? message : `${failurePrefix}: ${message}`;
        this.server.outputChannel.error(`Analyzing a deploy log failed: ${message}`);
        this.update({ busy: false, error: shown });
      }
      return undefined;
    } finally {
      if (this.running === cancellation) this.running = undefined;
      cancellation.dispose();
    }
  }

  /** The folder whose project the causes are linked to: the last editor's, else the first. */
  private folder(): vscode.WorkspaceFolder | undefined {
    const editor = lastTextEditor(this.editor);
    return (editor && vscode.workspace.getWorkspaceFolder(editor.document.uri)) ?? vscode.workspace.workspaceFolders?.[0];
  }

  /** The server's result a panel intent refers to; tells the panel when it has none (restored, or outdated). */
  private resultFor(resultId: string): AnalyzeLogResult | undefined {
    if (this.current?.id === resultId) return this.current.result;
    if (this.display.result?.id === resultId) {
      this.update({ notice: 'This result was restored after a reload. Analyze the log again to open files, apply fixes or copy the report.' });
    }
    return undefined;
  }

  private async openLocation(resultId: string, cause: number, index: number): Promise<void> {
    const location = this.resultFor(resultId)?.causes[cause]?.locations[index];
    if (!location) return;
    const { start, end } = location.range;
    try {
      await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), {
        selection: new vscode.Range(start.line, start.character, end.line, end.character),
        preview: false,
        viewColumn: this.editor?.viewColumn ?? vscode.ViewColumn.Beside,
      });
    } catch (error) {
      this.update({ notice: `Could not open ${location.file}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private async applyFix(resultId: string, cause: number, index: number): Promise<void> {
    const fix = this.resultFor(resultId)?.causes[cause]?.fixes[index];
    if (!fix) return;
    const status = (s: FixStatus, message?: string): void => this.update({ fixes: { ...this.display.fixes, [fixKey(cause, index)]: { status: s, ...(message ? { message } : {}) } } });
    if (!fix.edit) {
      status('failed', 'This fix has no edit to apply; follow its advice by hand.');
      return;
    }
    const changes = (fix.edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c ? [c] : []));
    const stale = changes.find((c) => {
      const uri = vscode.Uri.parse(c.textDocument.uri).toString();
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      return c.textDocument.version !== null && open !== undefined && open.version !== c.textDocument.version;
    });
    if (stale) {
      status('failed', `${fileName(vscode.Uri.parse(stale.textDocument.uri))} changed since the analysis. Analyze the log again.`);
      return;
    }
    status('applying');
    try {
      const applied = await vscode.workspace.applyEdit(await this.server.toWorkspaceEdit(fix.edit));
      if (!applied) {
        status('failed', 'VS Code did not apply the edit (the file may be read-only or changed).');
        return;
      }
      const files = [...new Set(changes.map((c) => fileName(vscode.Uri.parse(c.textDocument.uri))))];
      status('applied', `Changed ${files.join(', ') || 'the project'}; save to keep it.`);
      if (changes[0]) {
        await vscode.window.showTextDocument(vscode.Uri.parse(changes[0].textDocument.uri), { preview: false, preserveFocus: true, viewColumn: this.editor?.viewColumn ?? vscode.ViewColumn.Beside });
      }
    } catch (error) {
      status('failed', `Could not apply the fix: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async copyReport(resultId: string): Promise<void> {
    const result = this.resultFor(resultId);
    if (!result) return;
    await vscode.env.clipboard.writeText(result.reportMarkdown);
    this.update({ notice: 'Report copied as Markdown, with secrets masked.' });
  }

  /** A new display revision, sent to the panel (a hidden panel gets it when it is shown again). */
  private update(patch: Partial<Omit<Display, 'revision'>>, input?: string): void {
    this.display = { ...this.display, ...patch, revision: this.display.revision + 1 };
    this.post({ type: 'display', display: this.display, ...(input !== undefined ? { input } : {}) });
  }

  /** A page that is hidden or still loading misses it, and asks with `ready` when it can listen. */
  private post(message: HostToView): void {
    void this.panel?.webview.postMessage(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
