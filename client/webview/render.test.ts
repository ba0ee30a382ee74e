/**
 * The panel's renderer over a fake document: log text full of markup stays text, the root cause comes first with
 * its evidence, links, fix buttons and folded symptoms, and each control posts the intent it names.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALLOWED_TAGS, createH } from './dom';
import { FakeDocument, FakeElement, FakeText } from './fake-document';
import { emptyDisplay, type Display, type ViewResult } from './messages';
import { createPanel, type Intents } from './render';

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  '&lt;b&gt;entity&lt;/b&gt;',
  "javascript:alert('x')",
];

function result(text: (i: number) => string = () => 'plain'): ViewResult {
  return {
    id: 'r-1',
    platform: 'Railway',
    lines: 120,
    redactions: 2,
    folder: 'my app',
    causes: [
      {
        category: 'module_not_found_pythonpath',
        title: 'Module not found on the import path',
        message: `No module named 'backend' ${text(0)}`,
        confidence: 0.9,
        ruleId: 'app-module-not-importable',
        evidence: [
          { line: 57, text: `ModuleNotFoundError: No module named 'backend' ${text(1)}` },
          { line: 58, text: text(2) },
        ],
        locations: [{ text: 'Procfile:1', label: `the web process ${text(3)}` }],
        fixes: [
          { title: `Prepend PYTHONPATH=. ${text(4)}`, applicable: true, preferred: true },
          { title: `Set it in the dashboard ${text(0)}`, applicable: false, preferred: false },
        ],
        symptoms: [{ id: 'healthcheck_failed', title: 'Healthcheck failed', message: text(1), evidence: [{ line: 90, text: `Healthcheck failed! ${text(2)}` }] }],
      },
      {
        category: 'worker_timeout',
        title: 'Worker timeout',
        message: text(3),
        confidence: 0.4,
        evidence: [{ line: 12, text: text(4) }],
        locations: [],
        fixes: [],
        symptoms: [],
      },
    ],
    unexplained: [{ id: 'cors_error', title: 'CORS error in the browser', message: text(0), evidence: [{ line: 3, text: text(1) }] }],
  };
}

function display(patch: Partial<Display> = {}): Display {
  return { ...emptyDisplay, revision: 1, ...patch };
}

function recorder(): { intents: Intents; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    (...args: unknown[]): void =>
      void calls.push([name, ...args]);
  return {
    calls,
    intents: {
      analyze: record('analyze'),
      pickInput: record('pickInput'),
      openLocation: record('openLocation'),
      applyFix: record('applyFix'),
      copyReport: record('copyReport'),
      inputChanged: record('inputChanged'),
    },
  };
}

function render(d: Display, input = ''): { root: FakeElement; doc: FakeDocument; calls: unknown[][] } {
  const doc = new FakeDocument();
  const { intents, calls } = recorder();
  const panel = createPanel(doc, intents, input, d);
  return { root: panel.root as FakeElement, doc, calls };
}

function only(root: FakeElement, testid: string): FakeElement {
  const found = root.byTestId(testid);
  assert.equal(found.length, 1, `one ${testid}, found ${found.length}`);
  return found[0];
}

describe('log text is rendered as text', () => {
  for (const payload of HOSTILE) {
    test(`${payload} in every field stays a text node`, () => {
      const { root, doc } = render(display({ result: result(() => payload), source: payload, notice: payload, error: payload }));
      const elements = [...root.elements()];
      assert.deepEqual(
        elements.filter((e) => !ALLOWED_TAGS.has(e.tagName)).map((e) => e.tagName),
        [],
      );
      assert.ok(!elements.some((e) => ['img', 'script', 'svg', 'iframe', 'object'].includes(e.tagName)));
      assert.equal(doc.created.length, elements.length, 'every element made is in the tree, none made on the side');
      for (const e of elements) {
        for (const name of e.attributes.keys()) assert.ok(!/^on/i.test(name) && name !== 'style' && name !== 'src', `<${e.tagName} ${name}>`);
        const href = e.attributes.get('href');
        if (href !== undefined) assert.equal(href, '#');
      }
      const texts = [...root.texts()].map((t: FakeText) => t.data);
      assert.ok(texts.some((t) => t.includes(payload)), 'the payload is shown, as text');
      assert.ok(root.textContent.split(payload).length > 10, 'the payload appears in each field it was put in');
    });
  }

  test('`code` spans in messages become <code> elements that hold text', () => {
    const r = result();
    const withCode = { ...r, causes: [{ ...r.causes[0], message: 'Python cannot import `<img src=x onerror=alert(1)>` from `server/`.' }] };
    const { root } = render(display({ result: withCode }));
    const message = only(root, 'cause-message');
    const codes = [...message.elements()].filter((e) => e.tagName === 'code');
    assert.deepEqual(codes.map((c) => c.textContent), ['<img src=x onerror=alert(1)>', 'server/']);
    assert.ok(codes[0].children.every((c) => c instanceof FakeText));
    assert.equal(message.textContent, 'Python cannot import <img src=x onerror=alert(1)> from server/.');
  });

  test('h refuses tags, attributes, events and links outside its allowlists', () => {
    const h = createH(new FakeDocument());
    assert.throws(() => h('script'), /not allowed/);
    assert.throws(() => h('img'), /not allowed/);
    assert.throws(() => h('div', { onclick: 'alert(1)' }), /not allowed/);
    assert.throws(() => h('div', { style: 'color: red' }), /not allowed/);
    assert.throws(() => h('a', { href: 'javascript:alert(1)' }), /href/);
    assert.throws(() => h('div', { on: { mouseover: () => undefined } }), /not allowed/);
    const el = h('p', null, '<b>bold</b>') as unknown as FakeElement;
    assert.equal(el.children.length, 1);
    assert.ok(el.children[0] instanceof FakeText);
  });
});

describe('layout', () => {
  test('the paste box and its Analyze button come first; the analyze intent carries the box text', () => {
    const { root, calls } = render(emptyDisplay, 'saved text');
    const box = only(root, 'log-input');
    assert.equal(box.tagName, 'textarea');
    assert.equal(box.value, 'saved text');
    assert.equal(box.attributes.get('aria-label'), 'Deploy log');
    box.value = 'ModuleNotFoundError';
    only(root, 'analyze-button').dispatch('click');
    assert.deepEqual(calls, [['analyze', 'ModuleNotFoundError']]);
    assert.equal(root.byTestId('root-cause').length, 0);
  });

  test('Ctrl+Enter in the paste box analyses too', () => {
    const { root, calls } = render(emptyDisplay, 'log');
    const prevented = only(root, 'log-input').dispatch('keydown', { key: 'Enter', ctrlKey: true });
    assert.ok(prevented);
    assert.deepEqual(calls, [['analyze', 'log']]);
  });

  test('the source buttons ask the host for the clipboard, selection, editor or a file', () => {
    const { root, calls } = render(emptyDisplay);
    for (const id of ['use-clipboard', 'use-selection', 'use-editor', 'use-file']) only(root, id).dispatch('click');
    assert.deepEqual(calls, [
      ['pickInput', 'clipboard'],
      ['pickInput', 'selection'],
      ['pickInput', 'editor'],
      ['pickInput', 'file'],
    ]);
  });

  test('the root cause card comes first, with evidence lines, locations, fixes and folded symptoms', () => {
    const { root } = render(display({ result: result() }));
    const output = only(root, 'output');
    const order = [...output.elements()].map((e) => e.attributes.get('data-testid')).filter(Boolean);
    assert.ok(order.indexOf('summary') < order.indexOf('root-cause'));
    assert.ok(order.indexOf('root-cause') < order.indexOf('other-cause'));
    assert.ok(order.indexOf('other-cause') < order.indexOf('unexplained-symptoms'));

    const card = only(root, 'root-cause');
    assert.equal(card.tagName, 'article');
    assert.equal(only(card, 'cause-title').textContent, 'Module not found on the import path');
    assert.match(card.textContent, /90% confidence/);
    const evidence = card.byTestId('evidence')[0];
    assert.equal(evidence.tagName, 'pre');
    assert.match(evidence.textContent, /^L57 {2}ModuleNotFoundError: No module named 'backend'/);
    assert.match(evidence.textContent, /\nL58 {2}plain$/);
    const link = only(card, 'location-link');
    assert.equal(link.tagName, 'a');
    assert.equal(link.textContent, 'Procfile:1');
    assert.equal(card.byTestId('apply-fix').length, 1, 'one Apply button: the other fix is advice');
    assert.equal(only(card, 'fix-advice').textContent, 'Fix: Set it in the dashboard plain');
    const details = only(card, 'explained-symptoms');
    assert.equal(details.tagName, 'details');
    assert.ok(!details.attributes.has('open'), 'folded');
    assert.match(details.textContent, /^Explains 1 symptom: Healthcheck failed/);
    assert.equal(only(root, 'redactions').textContent, '2 secrets masked');
  });

  test('links, fixes and Copy Report post their intents with the result id and indexes', () => {
    const { root, calls } = render(display({ result: result() }));
    const prevented = only(root, 'location-link').dispatch('click');
    assert.ok(prevented, 'the link does not navigate');
    only(root, 'apply-fix').dispatch('click');
    only(root, 'copy-report').dispatch('click');
    assert.deepEqual(calls, [
      ['openLocation', 'r-1', 0, 0],
      ['applyFix', 'r-1', 0, 0],
      ['copyReport', 'r-1'],
    ]);
  });

  test('the Apply Fix button shows the fix status', () => {
    for (const [status, label, disabled] of [
      ['applying', 'Applying…', true],
      ['applied', 'Applied', true],
      ['failed', 'Retry', false],
    ] as const) {
      const { root } = render(display({ result: result(), fixes: { '0:0': { status, message: `${status} message` } } }));
      const button = only(root, 'apply-fix');
      assert.equal(button.textContent, label);
      assert.equal(button.attributes.get('data-state'), status);
      assert.equal(button.attributes.has('disabled'), disabled);
      assert.equal(only(root, 'fix-status').textContent, `${status} message`);
    }
  });

  test('empty, busy and error states say what happened', () => {
    const empty = render(display({ result: { ...result(), causes: [], unexplained: [] } })).root;
    assert.match(only(empty, 'empty-result').textContent, /^No failure found in this log/);
    const busy = render(display({ busy: true, source: 'the clipboard (2.0 KB)' })).root;
    assert.equal(only(busy, 'busy').textContent, 'Analyzing the log from the clipboard (2.0 KB)…');
    assert.equal(only(busy, 'output').attributes.get('aria-busy'), 'true');
    const error = render(display({ error: 'The server could not analyse this log: boom' })).root;
    const alert = only(error, 'error');
    assert.equal(alert.attributes.get('role'), 'alert');
    assert.equal(alert.textContent, 'The server could not analyse this log: boom');
  });

  test('showDisplay replaces the output but keeps the paste box as typed', () => {
    const doc = new FakeDocument();
    const { intents } = recorder();
    const panel = createPanel(doc, intents, '', emptyDisplay);
    const root = panel.root as FakeElement;
    only(root, 'log-input').value = 'typed';
    panel.showDisplay(display({ result: result() }));
    assert.equal(root.byTestId('root-cause').length, 1);
    panel.showDisplay(display({ revision: 2, error: 'x' }));
    assert.equal(root.byTestId('root-cause').length, 0);
    assert.equal(only(root, 'log-input').value, 'typed');
    panel.focusInput();
    assert.ok(only(root, 'log-input').focused);
  });
});
