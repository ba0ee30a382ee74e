/** The Markdown report and the words shared by the panel and the CLI. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATEGORIES, SYMPTOMS, type LogDiagnosis } from './engine/index';
import { categoryTitle, escapeMarkdown, formatLogReport, symptomTitle } from './log-report';

const diagnosis: LogDiagnosis = {
  platform: 'railway',
  redactions: 2,
  lines: 1234,
  window: { from: 800, to: 1234 },
  causes: [
    {
      category: 'module_not_found_pythonpath',
      ruleId: 'first-party-import-unresolvable',
      confidence: 0.9,
      message: "No module named '<img src=x onerror=alert(1)>'",
      evidence: [
        { line: 9, text: 'Traceback (most recent call last):' },
        { line: 1057, text: "ModuleNotFoundError: No module named 'backend' ```" },
      ],
      locations: [{ file: 'Procfile', range: { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } }, label: 'the web process' }],
      fixes: [{ title: 'Prepend PYTHONPATH=. to the start command' }],
      explains: ['healthcheck_failed'],
      signature: 's',
      values: {},
    },
    { category: 'worker_timeout', confidence: 0.3, message: 'Workers timed out.', evidence: [], locations: [], fixes: [], explains: [], signature: 's', values: {} },
  ],
  symptoms: [
    { id: 'healthcheck_failed', message: 'The healthcheck on /healthz never passed.', evidence: [{ line: 1234, text: 'Healthcheck failed!' }], signature: 's', explainedBy: ['module_not_found_pythonpath'] },
    { id: 'cors_error', message: 'A browser reported a CORS error.', evidence: [], signature: 's', explainedBy: [] },
  ],
};

test('the report: summary, root cause with fenced evidence, location, fix, explained and unexplained symptoms', () => {
  const report = formatLogReport(diagnosis);
  assert.match(report, /^# Deploy log diagnosis\n\nPlatform: Railway · 1,234 lines read · the last failing deploy is lines 800–1234 · 2 secrets masked\n/);
  assert.match(report, /\n## Root cause: Module not found on the import path\n\nConfidence: 90% · category `module_not_found_pythonpath` · rule `first-party-import-unresolvable`\n/);
  assert.match(report, /\n````text\nL9 {5}Traceback \(most recent call last\):\nL1057 {2}ModuleNotFoundError: No module named 'backend' ```\n````\n/, 'the fence is longer than the backticks inside');
  assert.match(report, /\n- Where: `Procfile:1` \(the web process\)\n- Fix: Prepend PYTHONPATH=\. to the start command\n/);
  assert.match(report, /\nExplains:\n\n- Healthcheck failed \(L1234\): The healthcheck on \/healthz never passed\.\n/);
  assert.match(report, /\n## Other possible causes\n\n### 2\. Worker timeout\n/);
  assert.match(report, /\n## Symptoms no cause above explains\n\n- \*\*CORS error in the browser\*\*: A browser reported a CORS error\.\n/);
  assert.ok(report.includes("No module named '\\<img src=x onerror=alert(1)\\>'"), 'markup in a message is escaped');
});

test('an empty diagnosis says no failure was found', () => {
  const report = formatLogReport({ platform: 'unknown', redactions: 0, lines: 2, causes: [], symptoms: [] });
  assert.match(report, /Platform: an unknown platform · 2 lines read · no secrets found to mask\n\nNo failure found in this log\.\n/);
});

test('escapeMarkdown keeps text as text', () => {
  assert.equal(escapeMarkdown('a *b* _c_ [e](f) <g> | ~ & \\'), 'a \\*b\\* \\_c\\_ \\[e\\](f) \\<g\\> \\| \\~ \\& \\\\');
  assert.equal(escapeMarkdown('import `<img src=x>` fails <b>'), 'import `<img src=x>` fails \\<b\\>', 'code spans are shown literally by Markdown');
  assert.equal(escapeMarkdown('a lone ` backtick'), 'a lone \\` backtick');
  assert.equal(escapeMarkdown('`x` then # not a heading'), '`x` then # not a heading');
  assert.equal(escapeMarkdown('# heading'), '\\# heading');
  assert.equal(escapeMarkdown('- item'), '\\- item');
  assert.equal(escapeMarkdown('1. item'), '1\\. item');
  assert.equal(escapeMarkdown('line\nbreak'), 'line break');
});

test('every category and symptom has a title', () => {
  for (const c of CATEGORIES) assert.notEqual(categoryTitle(c), c, c);
  for (const s of SYMPTOMS) assert.notEqual(symptomTitle(s), s, s);
});
