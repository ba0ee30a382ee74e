/** A broken Procfile end to end: the diagnostic's shape, its code actions, and applying them. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { applyTextEdits, editsFor, Harness } from './harness';
import { BAD_PROCFILE, GOOD_PROCFILE, healthyProject, projectWithWorker } from './fixtures';

async function openBrokenProcfile(h: Harness, text = BAD_PROCFILE): Promise<{ uri: string; diagnostic: Diagnostic; actions: CodeAction[] }> {
  const uri = h.uri('Procfile');
  h.open(uri, text, 'procfile');
  const items = await h.diagnosticItems(uri);
  assert.equal(items.length, 1, `one diagnostic, got ${JSON.stringify(items)}`);
  const diagnostic = items[0];
  const actions = await h.quickFixes(uri, diagnostic.range, [diagnostic]);
  return { uri, diagnostic, actions };
}

test('a Procfile without a space after `web:` gets a procfile-syntax error; its preferred fix clears it', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  const { uri, diagnostic, actions } = await openBrokenProcfile(h);

  assert.equal(diagnostic.code, 'procfile-syntax');
  assert.equal(diagnostic.source, 'deploy-doctor');
  assert.equal(diagnostic.severity, 1);
  assert.ok(diagnostic.codeDescription?.href.endsWith('docs/rules/procfile-syntax.md'), diagnostic.codeDescription?.href);
  assert.deepEqual(diagnostic.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
  assert.deepEqual(diagnostic.data, { ruleId: 'procfile-syntax' });
  assert.equal(typeof diagnostic.message, 'string');
  assert.match(diagnostic.message as string, /space after `web:`/);

  const preferred = actions.filter((a) => a.isPreferred);
  assert.equal(preferred.length, 1);
  assert.equal(preferred[0].kind, 'quickfix');
  assert.deepEqual(preferred[0].diagnostics, [diagnostic]);
  const changes = editsFor(preferred[0].edit, uri);
  assert.equal(changes.length, 1);
  assert.equal(changes[0].version, 1, 'the edit is versioned with the open document');
  const fixed = applyTextEdits(BAD_PROCFILE, changes[0].edits);
  assert.equal(fixed, GOOD_PROCFILE);

  h.change(uri, fixed);
  assert.deepEqual(await h.diagnosticItems(uri), []);
});

test('every diagnostic also offers disable-for-line, disable-for-file and show-documentation, with one preferred action', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  const { diagnostic, actions } = await openBrokenProcfile(h);

  const titles = actions.map((a) => a.title);
  assert.deepEqual(titles, [
    'Insert a space after `web:`',
    'Disable procfile-syntax for this line',
    'Disable procfile-syntax for this file',
    'Show documentation for procfile-syntax',
  ]);
  assert.equal(actions.filter((a) => a.isPreferred).length, 1);
  for (const action of actions) {
    assert.equal(action.kind, 'quickfix');
    assert.deepEqual(action.diagnostics, [diagnostic]);
  }
  const docs = actions[3];
  assert.equal(docs.edit, undefined);
  assert.deepEqual(docs.command, {
    title: 'Show documentation for procfile-syntax',
    command: 'deployDoctor.showRuleDocumentation',
    arguments: ['procfile-syntax'],
  });
});

for (const [index, scope] of [
  [1, 'line'],
  [2, 'file'],
] as const) {
  test(`"Disable procfile-syntax for this ${scope}" inserts a comment that silences the diagnostic`, async (t) => {
    const h = await Harness.for(t, { files: healthyProject });
    const { uri, actions } = await openBrokenProcfile(h);
    const [change] = editsFor(actions[index].edit, uri);
    const silenced = applyTextEdits(BAD_PROCFILE, change.edits);
    assert.match(silenced, scope === 'line' ? /^# deploy-doctor-disable-next-line procfile-syntax\n/ : /^# deploy-doctor-disable procfile-syntax\n/);
    h.change(uri, silenced);
    assert.deepEqual(await h.diagnosticItems(uri), []);
  });
}

test('code actions ignore diagnostics from other sources and ranges that match no finding', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  const { uri, diagnostic } = await openBrokenProcfile(h);
  const foreign: Diagnostic = { ...diagnostic, source: 'another-linter' };
  const moved: Diagnostic = { ...diagnostic, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 4 } } };
  const sameMessageOtherCode: Diagnostic = { ...diagnostic, code: 'no-such-rule' };
  assert.deepEqual(await h.codeActions(uri, diagnostic.range, [foreign, moved, sameMessageOtherCode]), []);
});

test('a stale diagnostic (document edited since) gets no actions; unchanged state answers "unchanged"', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  const { uri, diagnostic } = await openBrokenProcfile(h);
  const first = await h.diagnostics(uri);
  assert.equal(first.kind, 'full');
  const resultId = first.kind === 'full' ? first.resultId : undefined;
  assert.ok(resultId, 'full reports carry a result id');
  assert.deepEqual(await h.diagnostics(uri, resultId), { kind: 'unchanged', resultId });

  h.change(uri, `# a comment\n${BAD_PROCFILE}`);
  const after = await h.diagnosticItems(uri);
  assert.equal(after.length, 1);
  assert.equal(after[0].range.start.line, 1, 'the diagnostic moved with the text');
  assert.deepEqual(await h.codeActions(uri, diagnostic.range, [diagnostic]), [], 'the old range matches no finding');
});

test('source.fixAll.deployDoctor applies every preferred fix of the file at once, and no suppression', async (t) => {
  const h = await Harness.for(t, { files: projectWithWorker });
  const text = 'web:gunicorn app:app\r\nworker:python worker.py\r\n';
  const uri = h.uri('Procfile');
  h.open(uri, text, 'procfile');
  const before = await h.diagnosticItems(uri);
  assert.ok(before.length >= 3, `spacing twice and CRLF: ${JSON.stringify(before.map((d) => d.message))}`);

  const quickFixOnly = (await h.codeActions(uri, before[0].range, [], ['quickfix'])) ?? [];
  assert.deepEqual(quickFixOnly, [], 'no fix-all when only quick fixes are asked for');

  const actions = await h.quickFixes(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.deployDoctor');
  const changes = editsFor(actions[0].edit, uri);
  assert.equal(changes.length, 1);
  const fixed = applyTextEdits(text, changes[0].edits);
  assert.equal(fixed, 'web: gunicorn app:app\nworker: python worker.py\n');
  assert.doesNotMatch(fixed, /deploy-doctor-disable/);

  h.change(uri, fixed);
  assert.deepEqual(await h.diagnosticItems(uri), []);
  const nothingLeft = (await h.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll'])) ?? [];
  assert.deepEqual(nothingLeft, [], 'no fix-all action when nothing is left to fix');
});

test('a duplicate process carries the Unnecessary tag and related information pointing at the definition used', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  const uri = h.uri('Procfile');
  h.open(uri, 'web: gunicorn app:app\nweb: gunicorn app:app --workers 2\n', 'procfile');
  const items = await h.diagnosticItems(uri);
  const duplicate = items.find((d) => d.tags?.includes(1));
  assert.ok(duplicate, `a diagnostic tagged Unnecessary among ${JSON.stringify(items)}`);
  assert.equal(duplicate.severity, 2);
  assert.equal(duplicate.relatedInformation?.length, 1);
  const related = duplicate.relatedInformation?.[0];
  assert.ok(related);
  assert.equal(related.location.uri, uri, 'the related location reuses the URI of the open document');
  assert.equal(related.location.range.start.line, 1);
});
