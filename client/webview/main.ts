/**
 * The log panel's script, run inside the webview: renders the state it saved (or the host sends), posts the
 * user's intents to the host, and keeps its state with `setState` so a reload or a hidden tab shows the same
 * thing. It analyses nothing: the host asks the language server.
 */

import './styles.css';
import type { ViewDocument } from './dom';
import { emptyViewState, MAX_KEPT_INPUT, parseHostToView, parseViewState, type Display, type ViewState, type ViewToHost } from './messages';
import { createPanel } from './render';

interface VsCodeApi {
  postMessage(message: ViewToHost): void;
  getState(): unknown;
  setState(state: ViewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let state: ViewState = parseViewState(vscode.getState()) ?? emptyViewState;

const post = (message: ViewToHost): void => vscode.postMessage(message);
const save = (next: ViewState): void => {
  state = next;
  vscode.setState(next);
};
const keptInput = (text: string): string => (text.length <= MAX_KEPT_INPUT ? text : '');

let inputTimer: ReturnType<typeof setTimeout> | undefined;
const panel = createPanel(
  document satisfies ViewDocument,
  {
    analyze: (text) => {
      save({ ...state, input: keptInput(text) });
      post({ type: 'analyze', text });
    },
    pickInput: (source) => post({ type: 'pickInput', source }),
    openLocation: (resultId, cause, location) => post({ type: 'openLocation', resultId, cause, location }),
    applyFix: (resultId, cause, fix) => post({ type: 'applyFix', resultId, cause, fix }),
    copyReport: (resultId) => post({ type: 'copyReport', resultId }),
    inputChanged: (text) => {
      // Saving a big paste on every keystroke would be slow; the last edit within a moment is enough.
      clearTimeout(inputTimer);
      inputTimer = setTimeout(() => save({ ...state, input: keptInput(text) }), 300);
    },
  },
  state.input,
  state.display,
);
document.getElementById('app')?.replaceChildren(panel.root as unknown as Node);

function showDisplay(display: Display, input?: string): void {
  // A hidden panel reloads from its saved state; the host's copy wins only when it is newer.
  if (display.revision < state.display.revision) return;
  if (input !== undefined) panel.setInput(input);
  save({ input: input === undefined ? state.input : keptInput(input), display });
  panel.showDisplay(display);
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseHostToView(event.data);
  if (!message) return;
  switch (message.type) {
    case 'display':
      showDisplay(message.display, message.input);
      break;
    case 'focusInput':
      panel.focusInput();
      break;
  }
});

post({ type: 'ready' });
