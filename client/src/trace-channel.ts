/**
 * The language client's trace channel, switched by `deployDoctor.trace.server`. vscode-languageclient 10 traces
 * only while the channel's log level is Trace and writes at that level, so on its own the setting does nothing
 * until the user also changes the channel's level. This channel reports level Trace and writes trace lines
 * visibly whenever the setting is `messages` or `verbose`; with `off` it behaves like a plain log channel.
 */

import * as vscode from 'vscode';

const SETTING = 'deployDoctor.trace.server';

export function createTraceChannel(name: string): vscode.LogOutputChannel {
  const inner = vscode.window.createOutputChannel(name, { log: true });
  const levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  const traceSetting = (): string => vscode.workspace.getConfiguration().get<string>(SETTING, 'off');
  let on = traceSetting() !== 'off';
  const level = (): vscode.LogLevel => (on ? vscode.LogLevel.Trace : inner.logLevel);

  const subscriptions = [
    levelChanged,
    inner.onDidChangeLogLevel(() => levelChanged.fire(level())),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTING)) return;
      on = traceSetting() !== 'off';
      levelChanged.fire(level());
    }),
  ];

  return {
    get name() {
      return inner.name;
    },
    get logLevel() {
      return level();
    },
    onDidChangeLogLevel: levelChanged.event,
    trace: (message, ...args) => (on ? inner.info(message, ...args) : inner.trace(message, ...args)),
    debug: (message, ...args) => inner.debug(message, ...args),
    info: (message, ...args) => inner.info(message, ...args),
    warn: (message, ...args) => inner.warn(message, ...args),
    error: (error, ...args) => inner.error(error, ...args),
    append: (value) => inner.append(value),
    appendLine: (value) => inner.appendLine(value),
    replace: (value) => inner.replace(value),
    clear: () => inner.clear(),
    show: (columnOrPreserve?: vscode.ViewColumn | boolean, preserveFocus?: boolean) =>
      typeof columnOrPreserve === 'boolean' || columnOrPreserve === undefined ? inner.show(columnOrPreserve) : inner.show(columnOrPreserve, preserveFocus),
    hide: () => inner.hide(),
    dispose() {
      for (const s of subscriptions) s.dispose();
      inner.dispose();
    },
  };
}
