import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docsUrl, type Finding } from '../engine/index';
import { FileLines, toDocumentationAction, toLspDiagnostic, toQuickFix, toWorkspaceEdit } from './convert';
import type { FileResolver } from './workspace';

/** Two files on "disk", one of them open in the editor at version 7. */
function resolver(texts: Record<string, string>, open: Record<string, number> = {}): FileResolver {
  return {
    uri: (path) => `file:///projects/my%20app/${path.split('/').map(encodeURIComponent).join('/')}`,
    version: (path) => open[path] ?? null,
    read: (path) => texts[path],
  };
}

const finding: Finding = {
  ruleId: 'some-rule',
  severity: 'warning',
  file: 'Procfile',
  range: { start: 5, end: 8 },
  message: 'Something is off.',
  related: [{ file: 'pkg/app.py', range: { start: 10, end: 13 }, message: 'defined here' }],
  fixes: [],
  tags: ['deprecated', 'unnecessary'],
};

test('a finding becomes a diagnostic with code, docs link, severity, related information and tags', () => {
  const files = resolver({ Procfile: 'web: gunicorn x:y\n', 'pkg/app.py': 'import os\napp = None\n' });
  const diagnostic = toLspDiagnostic(finding, new FileLines(files), files);
  assert.deepEqual(diagnostic, {
    range: { start: { line: 0, character: 5 }, end: { line: 0, character: 8 } },
    severity: 2,
    source: 'deploy-doctor',
    code: 'some-rule',
    codeDescription: { href: docsUrl('some-rule') },
    message: 'Something is off.',
    data: { ruleId: 'some-rule' },
    relatedInformation: [
      { location: { uri: 'file:///projects/my%20app/pkg/app.py', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } }, message: 'defined here' },
    ],
    tags: [2, 1],
  });
});

test('severities map one to one, and related locations in unreadable files are dropped', () => {
  const files = resolver({ Procfile: 'web: gunicorn x:y\n' });
  for (const [severity, expected] of [
    ['error', 1],
    ['warning', 2],
    ['info', 3],
    ['hint', 4],
  ] as const) {
    const diagnostic = toLspDiagnostic({ ...finding, severity, tags: undefined }, new FileLines(files), files);
    assert.equal(diagnostic?.severity, expected);
    assert.equal(diagnostic?.relatedInformation, undefined);
    assert.equal(diagnostic?.tags, undefined);
  }
});

test('a fix across files: the open file carries its version, the other null, a missing one is created first', () => {
  const files = resolver({ Procfile: 'web: x\n', 'app.py': 'a = 1\n' }, { Procfile: 7 });
  const edit = toWorkspaceEdit(
    [
      { file: 'app.py', range: { start: 0, end: 1 }, text: 'app' },
      { file: 'Procfile', range: { start: 5, end: 6 }, text: 'y' },
      { file: 'runtime.txt', range: { start: 0, end: 0 }, text: 'python-3.12\n' },
    ],
    new FileLines(files),
    files,
  );
  assert.deepEqual(edit, {
    documentChanges: [
      { textDocument: { uri: 'file:///projects/my%20app/app.py', version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'app' }] },
      { textDocument: { uri: 'file:///projects/my%20app/Procfile', version: 7 }, edits: [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 6 } }, newText: 'y' }] },
      { kind: 'create', uri: 'file:///projects/my%20app/runtime.txt', options: { ignoreIfExists: true } },
      { textDocument: { uri: 'file:///projects/my%20app/runtime.txt', version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'python-3.12\n' }] },
    ],
  });
});

test('an edit that starts or ends between \\r and \\n is widened over the line break', () => {
  const files = resolver({ Procfile: 'a\r\nb\r\n' });
  const edit = toWorkspaceEdit(
    [
      { file: 'Procfile', range: { start: 1, end: 2 }, text: '' },
      { file: 'Procfile', range: { start: 5, end: 5 }, text: 'X' },
    ],
    new FileLines(files),
    files,
  );
  const change = edit?.documentChanges?.[0];
  assert.ok(change && 'edits' in change);
  assert.deepEqual(change.edits, [
    { range: { start: { line: 0, character: 1 }, end: { line: 1, character: 0 } }, newText: '\n' },
    { range: { start: { line: 1, character: 1 }, end: { line: 2, character: 0 } }, newText: '\rX\n' },
  ]);
});

test('a fix that touches a file without a URI (beside an untitled document) is not offered', () => {
  const files: FileResolver = { ...resolver({ Procfile: 'x' }), uri: (path) => (path === 'Procfile' ? 'untitled:Untitled-1' : undefined) };
  const diagnostic = toLspDiagnostic({ ...finding, related: [] }, new FileLines(files), files);
  assert.ok(diagnostic);
  const fix = { title: 'Fix it', edits: [{ file: 'app.py', range: { start: 0, end: 0 }, text: 'x' }] };
  assert.equal(toQuickFix(fix, diagnostic, true, new FileLines(files), files), undefined);
});

test('quick fixes and the documentation action are quickfix actions bound to their diagnostic', () => {
  const files = resolver({ Procfile: 'web:x\n' }, { Procfile: 3 });
  const diagnostic = toLspDiagnostic({ ...finding, range: { start: 0, end: 4 }, related: [] }, new FileLines(files), files);
  assert.ok(diagnostic);
  const fix = toQuickFix({ title: 'Insert a space', edits: [{ file: 'Procfile', range: { start: 4, end: 4 }, text: ' ' }], isPreferred: true }, diagnostic, true, new FileLines(files), files);
  assert.equal(fix?.kind, 'quickfix');
  assert.equal(fix?.isPreferred, true);
  assert.deepEqual(fix?.diagnostics, [diagnostic]);
  const notPreferred = toQuickFix({ title: 'Other', edits: [] }, diagnostic, false, new FileLines(files), files);
  assert.equal('isPreferred' in (notPreferred ?? {}), false);
  assert.deepEqual(toDocumentationAction('some-rule', diagnostic), {
    title: 'Show documentation for some-rule',
    kind: 'quickfix',
    diagnostics: [diagnostic],
    command: { title: 'Show documentation for some-rule', command: 'deployDoctor.showRuleDocumentation', arguments: ['some-rule'] },
  });
});
