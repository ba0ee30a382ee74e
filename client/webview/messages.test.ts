/** The checks on both sides of the panel's messages: only well-formed intents and displays get through. */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyDisplay, parseHostToView, parseViewState, parseViewToHost, type Display } from './messages';

describe('parseViewToHost (what the host accepts from the panel)', () => {
  test('accepts each intent with its fields, dropping extras', () => {
    assert.deepEqual(parseViewToHost({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseViewToHost({ type: 'analyze', text: 'log' }), { type: 'analyze', text: 'log' });
    assert.deepEqual(parseViewToHost({ type: 'pickInput', source: 'clipboard' }), { type: 'pickInput', source: 'clipboard' });
    assert.deepEqual(parseViewToHost({ type: 'openLocation', resultId: 'a-1', cause: 0, location: 2 }), { type: 'openLocation', resultId: 'a-1', cause: 0, location: 2 });
    assert.deepEqual(parseViewToHost({ type: 'applyFix', resultId: 'a-1', cause: 1, fix: 0, edit: { evil: true } }), { type: 'applyFix', resultId: 'a-1', cause: 1, fix: 0 });
    assert.deepEqual(parseViewToHost({ type: 'copyReport', resultId: 'a-1' }), { type: 'copyReport', resultId: 'a-1' });
  });

  test('refuses anything else', () => {
    for (const bad of [
      null,
      'ready',
      [],
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'analyze', text: 42 },
      { type: 'pickInput', source: 'network' },
      { type: 'openLocation', resultId: 'a-1', cause: -1, location: 0 },
      { type: 'openLocation', resultId: 'a-1', cause: 0.5, location: 0 },
      { type: 'applyFix', resultId: '../../etc', cause: 0, fix: 0 },
      { type: 'applyFix', resultId: 'a-1', cause: '0', fix: 0 },
      { type: 'copyReport' },
    ]) {
      assert.equal(parseViewToHost(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('parseHostToView and parseViewState (what the panel accepts and restores)', () => {
  const good: Display = {
    revision: 3,
    busy: false,
    source: 'the clipboard (1.0 KB)',
    fixes: { '0:0': { status: 'applied', message: 'done' } },
    result: {
      id: 'r-1',
      platform: 'Railway',
      lines: 3,
      redactions: 0,
      causes: [
        {
          category: 'worker_timeout',
          title: 'Worker timeout',
          message: 'm',
          confidence: 0.5,
          evidence: [{ line: 1, text: 't' }],
          locations: [{ text: 'Procfile:1' }],
          fixes: [{ title: 'f', applicable: true, preferred: false }],
          symptoms: [],
        },
      ],
      unexplained: [],
    },
  };

  test('a display round-trips through JSON', () => {
    const sent = JSON.parse(JSON.stringify({ type: 'display', display: good, input: 'x' }));
    assert.deepEqual(parseHostToView(sent), { type: 'display', display: good, input: 'x' });
    assert.deepEqual(parseViewState(JSON.parse(JSON.stringify({ input: 'x', display: good }))), { input: 'x', display: good });
  });

  test('malformed displays and states from older versions are refused', () => {
    assert.equal(parseHostToView({ type: 'display', display: { ...good, revision: -1 } }), undefined);
    assert.equal(parseHostToView({ type: 'display', display: { ...good, result: { ...good.result, causes: [{ title: 1 }] } } }), undefined);
    assert.equal(parseHostToView({ type: 'html', html: '<b>x</b>' }), undefined);
    assert.equal(parseViewState({ input: 'x', result: {} }), undefined);
    assert.equal(parseViewState(undefined), undefined);
    assert.deepEqual(parseViewState({ input: '', display: emptyDisplay }), { input: '', display: emptyDisplay });
  });

  test('fix statuses keep only well-formed entries', () => {
    const display = parseHostToView({ type: 'display', display: { ...good, fixes: { '0:0': { status: 'applied' }, x: { status: 'applied' }, '1:0': { status: 'hacked' } } } });
    assert.ok(display?.type === 'display');
    assert.deepEqual(display.display.fixes, { '0:0': { status: 'applied' } });
  });
});
