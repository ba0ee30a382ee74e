import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver';
import { LineIndex, memoryFiles, type Engine, type Finding, type Fix } from '../engine/index';
import type { Analysis } from './analysis';
import { fixAllAction, quickFixes } from './code-actions';
import { FileLines, toLspDiagnostic } from './convert';
import type { FileResolver, WorkspaceProject } from './workspace';

const TEXT = 'web:gunicorn app:app\nworker:python w.py\n';

function analysisOf(findings: Finding[]): Analysis {
  const files = memoryFiles({ Procfile: TEXT, 'w.py': '' });
  const resolver: FileResolver = { uri: (p) => `file:///app/${p}`, version: (p) => (p === 'Procfile' ? 2 : null), read: (p) => files.read(p) };
  const project: WorkspaceProject = { kind: 'folder', root: '/app', files, generation: 1 };
  return { uri: 'file:///app/Procfile', target: { project, path: 'Procfile' }, resultId: '1', findings, lines: new LineIndex(TEXT), files: resolver };
}

const suppressing = {
  suppressionFixes: (_files: unknown, f: Finding): Fix[] => [
    { title: `Disable ${f.ruleId} for this line`, edits: [{ file: f.file, range: { start: 0, end: 0 }, text: `# deploy-doctor-disable-next-line ${f.ruleId}\n` }] },
  ],
} as unknown as Engine;

function finding(start: number, end: number, fixes: Fix[], ruleId = 'procfile-syntax'): Finding {
  return { ruleId, severity: 'error', file: 'Procfile', range: { start, end }, message: 'm', related: [], fixes };
}

function insert(at: number, text: string, isPreferred = true, file = 'Procfile'): Fix {
  return { title: `Insert ${JSON.stringify(text)} at ${at}`, edits: [{ file, range: { start: at, end: at }, text }], isPreferred };
}

function diagnosticOf(analysis: Analysis, f: Finding): Diagnostic {
  const d = toLspDiagnostic(f, new FileLines(analysis.files).with('Procfile', analysis.lines), analysis.files);
  assert.ok(d);
  return d;
}

test('two findings on one range with preferred fixes still give exactly one preferred action', () => {
  const a = finding(0, 4, [insert(4, ' '), insert(4, '  ', false)]);
  const b = finding(0, 4, [insert(0, 'x', true)]);
  const analysis = analysisOf([a, b]);
  const actions = quickFixes(suppressing, analysis, diagnosticOf(analysis, a));
  assert.deepEqual(
    actions.map((x) => [x.title, x.isPreferred === true]),
    [
      ['Insert " " at 4', true],
      ['Insert "  " at 4', false],
      ['Insert "x" at 0', false],
      ['Disable procfile-syntax for this line', false],
      ['Show documentation for procfile-syntax', false],
    ],
  );
});

test('fix-all takes preferred fixes in the document, skipping overlaps, other files and non-preferred fixes', () => {
  const analysis = analysisOf([
    finding(0, 4, [insert(4, ' ')]),
    finding(0, 4, [insert(4, '!')], 'another-rule'),
    finding(21, 28, [insert(28, ' ')]),
    finding(21, 28, [insert(0, '# x\n', false)]),
    finding(21, 28, [insert(0, 'print(1)\n', true, 'w.py')]),
    finding(4, 12, [{ title: 'replace', edits: [{ file: 'Procfile', range: { start: 3, end: 12 }, text: ': gunicorn' }], isPreferred: true }]),
  ]);
  const action = fixAllAction(analysis) as CodeAction;
  assert.equal(action.kind, 'source.fixAll.deployDoctor');
  const changes = action.edit?.documentChanges as TextDocumentEdit[];
  assert.equal(changes.length, 1);
  assert.equal(changes[0].textDocument.version, 2);
  assert.deepEqual(
    changes[0].edits.map((e) => [e.range.start.line, e.range.start.character, 'newText' in e ? e.newText : undefined]),
    [
      [0, 3, ': gunicorn'],
      [1, 7, ' '],
    ],
  );
});

test('no fix-all action when nothing has a preferred fix', () => {
  assert.equal(fixAllAction(analysisOf([finding(0, 4, [insert(4, ' ', false)])])), undefined);
});

test('diagnostics of other sources or without a matching finding get no actions', () => {
  const f = finding(0, 4, [insert(4, ' ')]);
  const analysis = analysisOf([f]);
  const d = diagnosticOf(analysis, f);
  assert.deepEqual(quickFixes(suppressing, analysis, { ...d, source: 'eslint' }), []);
  assert.deepEqual(quickFixes(suppressing, analysis, { ...d, code: 'other' }), []);
  assert.deepEqual(quickFixes(suppressing, analysis, { ...d, range: { ...d.range, end: { line: 0, character: 5 } } }), []);
});
