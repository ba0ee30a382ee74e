/**
 * The log panel's view: the paste box with its buttons (built once, so typing is never interrupted) and, below
 * it, the display the host sends — busy, error, or the diagnosis with the root-cause card first. Pure functions
 * of their input over `ViewDocument`; every log-derived string goes through `h` as a text node.
 */

import { createH, type Child, type H, type ViewDocument, type ViewElement } from './dom';
import { fixKey, type Display, type InputSource, type ViewCause, type ViewEvidence, type ViewResult, type ViewSymptom } from './messages';

export interface Intents {
  analyze(text: string): void;
  pickInput(source: InputSource): void;
  openLocation(resultId: string, cause: number, location: number): void;
  applyFix(resultId: string, cause: number, fix: number): void;
  copyReport(resultId: string): void;
  /** The paste box changed (to keep it across reloads). */
  inputChanged(text: string): void;
}

export interface Panel {
  /** The whole panel, to attach to the page. */
  readonly root: ViewElement;
  showDisplay(display: Display): void;
  setInput(text: string): void;
  focusInput(): void;
}

const SOURCE_BUTTONS: readonly { source: InputSource; label: string; testid: string }[] = [
  { source: 'clipboard', label: 'Use Clipboard', testid: 'use-clipboard' },
  { source: 'selection', label: 'Use Selection', testid: 'use-selection' },
  { source: 'editor', label: 'Use Active Editor', testid: 'use-editor' },
  { source: 'file', label: 'Open Log File…', testid: 'use-file' },
];

export function createPanel(doc: ViewDocument, intents: Intents, input: string, display: Display): Panel {
  const h = createH(doc);
  const textarea = h('textarea', {
    id: 'log-input',
    class: 'log-input',
    'data-testid': 'log-input',
    'aria-label': 'Deploy log',
    placeholder: 'Paste the log of the failed deploy here: build and deploy output from Railway, Heroku, Docker or Kubernetes.',
    spellcheck: 'false',
    rows: 12,
    on: { input: () => intents.inputChanged(textarea.value ?? '') },
  });
  textarea.value = input;
  const analyze = (): void => intents.analyze(textarea.value ?? '');
  textarea.addEventListener('keydown', (event) => {
    const key = event as unknown as { key?: string; ctrlKey?: boolean; metaKey?: boolean };
    if (key.key === 'Enter' && (key.ctrlKey || key.metaKey)) {
      event.preventDefault();
      analyze();
    }
  });
  const inputSection = h(
    'section',
    { class: 'input', 'aria-label': 'Log to analyse' },
    h('label', { for: 'log-input', class: 'input-label' }, 'Deploy log'),
    textarea,
    h(
      'div',
      { class: 'input-actions' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'analyze-button', title: 'Analyze the pasted log (Ctrl+Enter)', on: { click: analyze } }, 'Analyze'),
      SOURCE_BUTTONS.map(({ source, label, testid }) =>
        h('button', { type: 'button', class: 'secondary', 'data-testid': testid, on: { click: () => intents.pickInput(source) } }, label),
      ),
    ),
  );
  const output = h('div', { class: 'output', 'data-testid': 'output', 'aria-live': 'polite' });
  const root = h('div', { class: 'panel' }, inputSection, output);
  const panel: Panel = {
    root,
    showDisplay(next) {
      output.setAttribute('aria-busy', next.busy ? 'true' : 'false');
      output.replaceChildren(...renderDisplay(h, next, intents));
    },
    setInput(text) {
      textarea.value = text;
    },
    focusInput() {
      textarea.focus?.();
    },
  };
  panel.showDisplay(display);
  return panel;
}

/** The part below the paste box. */
export function renderDisplay(h: H, display: Display, intents: Intents): ViewElement[] {
  const out: ViewElement[] = [];
  if (display.busy) {
    out.push(h('p', { class: 'status busy', role: 'status', 'data-testid': 'busy' }, `Analyzing the log${display.source ? ` from ${display.source}` : ''}…`));
  }
  if (display.error !== undefined) {
    out.push(h('div', { class: 'status error', role: 'alert', 'data-testid': 'error' }, display.error));
  }
  if (display.notice !== undefined) {
    out.push(h('p', { class: 'status notice', role: 'status', 'data-testid': 'notice' }, display.notice));
  }
  if (display.result) out.push(...renderResult(h, display.result, display, intents));
  return out;
}

function renderResult(h: H, result: ViewResult, display: Display, intents: Intents): ViewElement[] {
  const out: ViewElement[] = [renderSummary(h, result, display, intents)];
  const [root, ...others] = result.causes;
  if (!root) {
    out.push(
      h(
        'div',
        { class: 'empty', role: 'status', 'data-testid': 'empty-result' },
        h('h2', null, 'No failure found in this log'),
        h('p', null, 'None of the known causes of a failed start appears in it. Paste the whole build and deploy output of the failed deploy, including the last lines.'),
      ),
    );
  } else {
    out.push(renderCause(h, result, root, 0, display, intents));
    if (others.length) {
      out.push(
        h(
          'section',
          { class: 'others', 'aria-labelledby': 'others-title', 'data-testid': 'other-causes' },
          h('h2', { id: 'others-title' }, others.length === 1 ? 'Another possible cause' : 'Other possible causes'),
          others.map((cause, i) => renderCause(h, result, cause, i + 1, display, intents)),
        ),
      );
    }
  }
  if (result.unexplained.length) {
    out.push(
      h(
        'section',
        { class: 'unexplained', 'aria-labelledby': 'unexplained-title', 'data-testid': 'unexplained-symptoms' },
        h('h2', { id: 'unexplained-title' }, root ? 'Symptoms no cause above explains' : 'Symptoms in the log'),
        h('ul', { class: 'symptoms' }, result.unexplained.map((s) => renderSymptom(h, s, 'unexplained-symptom'))),
      ),
    );
  }
  return out;
}

function renderSummary(h: H, result: ViewResult, display: Display, intents: Intents): ViewElement {
  const facts: Child[] = [
    h('span', null, `${result.platform} log`),
    h('span', null, `${result.lines.toLocaleString('en-US')} ${result.lines === 1 ? 'line' : 'lines'}`),
    h(
      'span',
      { 'data-testid': 'redactions', title: 'Secrets in the log (database URLs, tokens, keys) are masked in the panel and in the report.' },
      result.redactions === 0 ? 'no secrets found' : `${result.redactions} ${result.redactions === 1 ? 'secret' : 'secrets'} masked`,
    ),
    result.folder !== undefined && h('span', null, `linked to ${result.folder}`),
    display.source !== undefined && h('span', null, `from ${display.source}`),
  ];
  return h(
    'header',
    { class: 'summary', 'data-testid': 'summary' },
    h('p', { class: 'facts' }, facts),
    h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'copy-report', title: 'Copy the diagnosis as Markdown, secrets masked', on: { click: () => intents.copyReport(result.id) } },
      'Copy Report',
    ),
  );
}

function renderCause(h: H, result: ViewResult, cause: ViewCause, index: number, display: Display, intents: Intents): ViewElement {
  const isRoot = index === 0;
  const titleId = `cause-${index}-title`;
  return h(
    'article',
    { class: isRoot ? 'cause root-cause' : 'cause', 'aria-labelledby': titleId, 'data-testid': isRoot ? 'root-cause' : 'other-cause' },
    h(
      'header',
      { class: 'cause-header' },
      h('span', { class: 'badge' }, isRoot ? 'Root cause' : `Cause ${index + 1}`),
      h(isRoot ? 'h2' : 'h3', { id: titleId, class: 'cause-title', 'data-testid': 'cause-title' }, cause.title),
      h('span', { class: 'confidence', title: 'How sure the diagnosis is that this explains the failure' }, `${Math.round(cause.confidence * 100)}% confidence`),
    ),
    h('p', { class: 'cause-message', 'data-testid': 'cause-message' }, prose(h, cause.message)),
    h('p', { class: 'cause-meta' }, h('code', null, cause.category), cause.ruleId !== undefined && [' · rule ', h('code', null, cause.ruleId)]),
    cause.evidence.length > 0 && renderEvidence(h, cause.evidence, 'Evidence from the log'),
    cause.locations.length > 0 &&
      h(
        'ul',
        { class: 'locations', 'aria-label': 'Where to change the config' },
        cause.locations.map((location, i) =>
          h(
            'li',
            null,
            h(
              'a',
              {
                href: '#',
                class: 'location',
                'data-testid': 'location-link',
                title: `Open ${location.text}`,
                on: {
                  click: (event) => {
                    event.preventDefault();
                    intents.openLocation(result.id, index, i);
                  },
                },
              },
              location.text,
            ),
            location.label !== undefined && h('span', { class: 'location-label' }, ' ', prose(h, location.label)),
          ),
        ),
      ),
    cause.fixes.length > 0 &&
      h(
        'div',
        { class: 'fixes' },
        cause.fixes.map((fix, i) => {
          if (!fix.applicable) return h('p', { class: 'advice', 'data-testid': 'fix-advice' }, h('strong', null, 'Fix: '), prose(h, fix.title));
          const status = display.fixes[fixKey(index, i)];
          const label = status?.status === 'applying' ? 'Applying…' : status?.status === 'applied' ? 'Applied' : status?.status === 'failed' ? 'Retry' : 'Apply Fix';
          return h(
            'div',
            { class: 'fix' },
            h(
              'button',
              {
                type: 'button',
                class: fix.preferred ? 'primary' : 'secondary',
                'data-testid': 'apply-fix',
                'data-state': status?.status ?? 'idle',
                'aria-label': `${label}: ${fix.title}`,
                disabled: status?.status === 'applying' || status?.status === 'applied',
                on: { click: () => intents.applyFix(result.id, index, i) },
              },
              label,
            ),
            h('span', { class: 'fix-title' }, prose(h, fix.title)),
            status?.message !== undefined && h('span', { class: `fix-status ${status.status}`, role: status.status === 'failed' ? 'alert' : 'status', 'data-testid': 'fix-status' }, status.message),
          );
        }),
      ),
    cause.symptoms.length > 0 &&
      h(
        'details',
        { class: 'explained', 'data-testid': 'explained-symptoms' },
        h('summary', null, `Explains ${cause.symptoms.length === 1 ? '1 symptom' : `${cause.symptoms.length} symptoms`}: ${cause.symptoms.map((s) => s.title).join(', ')}`),
        h('ul', { class: 'symptoms' }, cause.symptoms.map((s) => renderSymptom(h, s, 'explained-symptom'))),
      ),
  );
}

function renderSymptom(h: H, symptom: ViewSymptom, testid: string): ViewElement {
  return h(
    'li',
    { class: 'symptom', 'data-testid': testid },
    h('strong', null, symptom.title),
    h('span', null, ' ', prose(h, symptom.message)),
    symptom.evidence.length > 0 && renderEvidence(h, symptom.evidence, `Log lines showing: ${symptom.title}`),
  );
}

/** Log lines with their numbers, in a monospace block; the numbers are not part of the text selection's meaning. */
function renderEvidence(h: H, evidence: readonly ViewEvidence[], label: string): ViewElement {
  const width = Math.max(...evidence.map((e) => String(e.line).length)) + 1;
  return h(
    'pre',
    { class: 'evidence', 'data-testid': 'evidence', role: 'group', 'aria-label': label },
    h(
      'code',
      null,
      evidence.map((e, i) => [
        h('span', { class: 'line-number', 'aria-label': `line ${e.line}` }, `L${e.line}`.padEnd(width)),
        h('span', { class: 'line-text' }, `  ${e.text}`),
        i < evidence.length - 1 && '\n',
      ]),
    ),
  );
}

/** Engine messages write names and commands as `code`: those become <code> elements, everything stays text. */
export function prose(h: H, text: string): Child[] {
  return text.split(/`([^`\n]+)`/).map((part, i) => (i % 2 === 1 ? h('code', null, part) : part || false));
}
