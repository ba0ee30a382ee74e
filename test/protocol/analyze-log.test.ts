/**
 * `deployDoctor/analyzeLog` over stdio against the bundled server: a seed-shaped Railway log (gunicorn failing to
 * import `backend`, then a failed healthcheck) gets its root cause and explained symptoms; progress arrives on
 * the work-done token; a big request is cancelled promptly and does not hold up other requests; bad input gets
 * a clear error, never a crash.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancellationTokenSource, WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver';
import type { AnalyzeLogResult } from '../../server/src/protocol';
import { CLEAN_LOG, SEED_ERROR_LINE, SEED_LOG, SEED_PASSWORD, SEED_PROCFILE, SEED_PROJECT } from '../seed-000';
import { applyTextEdits, editsFor, Harness, withTimeout } from './harness';

const METHOD = 'deployDoctor/analyzeLog';

/** Lines a busy app prints, to make logs of any size around the failure. */
function bigLog(megabytes: number): string {
  const line = '[2026-07-03 15:02:33 +0000] [7] [INFO] 100.64.0.2:34232 - "GET /api/items?page=2 HTTP/1.1" 200 OK\n';
  return line.repeat(Math.ceil((megabytes * 1024 * 1024) / line.length)) + SEED_LOG;
}

function progressOf(h: Harness, token: string): (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[] {
  const values: (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[] = [];
  h.connection.onProgress(WorkDoneProgress.type, token, (value) => void values.push(value));
  return values;
}

test('a seed-shaped Railway log: the import error is the root cause, explains the healthcheck, links to the Procfile', async (t) => {
  const h = await Harness.for(t, { files: SEED_PROJECT });
  const result = await h.request<AnalyzeLogResult>(METHOD, { text: SEED_LOG, folderUri: h.folderUris[0] });

  const root = result.causes[0];
  assert.ok(root, JSON.stringify(result, null, 2));
  assert.equal(root.category, 'module_not_found_pythonpath', JSON.stringify(root, null, 2));
  assert.equal(root.title, 'Module not found on the import path');
  assert.ok(root.confidence > 0 && root.confidence <= 1);
  const evidence = root.evidence.find((e) => e.text.includes("No module named 'backend'"));
  assert.ok(evidence, JSON.stringify(root.evidence));
  assert.equal(evidence.line, SEED_ERROR_LINE, 'evidence keeps the line number of the paste');

  const healthcheck = result.symptoms.find((s) => s.id === 'healthcheck_failed');
  assert.ok(healthcheck, `symptoms: ${result.symptoms.map((s) => s.id).join(', ')}`);
  assert.deepEqual(healthcheck.explainedBy, [root.category]);
  assert.ok(root.explains.includes('healthcheck_failed'));
  assert.equal(result.platform, 'railway');
  assert.equal(result.platformTitle, 'Railway');

  // Linked to the Procfile line, with the PYTHONPATH fix as a workspace edit on the file on disk (version null).
  assert.equal(result.folderUri, h.folderUris[0]);
  assert.equal(root.locations[0]?.uri, h.uri('Procfile'));
  assert.equal(root.locations[0].range.start.line, 0);
  const fix = root.fixes.find((f) => f.isPreferred);
  assert.equal(fix?.title, 'Prepend PYTHONPATH=. to the start command');
  const changes = editsFor(fix.edit, h.uri('Procfile'));
  assert.equal(changes.length, 1);
  assert.equal(changes[0].version, null);
  assert.equal(applyTextEdits(SEED_PROCFILE, changes[0].edits), `web: PYTHONPATH=. ${SEED_PROCFILE.slice('web: '.length)}`);

  assert.ok(result.redactions >= 1, 'the database password is masked');
  assert.ok(!JSON.stringify(result).includes(SEED_PASSWORD), 'the secret appears nowhere in the result');
  assert.match(result.reportMarkdown, /^# Deploy log diagnosis\n/);
  assert.match(result.reportMarkdown, /\n## Root cause: Module not found on the import path\n/);
  assert.match(result.reportMarkdown, /\n- Where: `Procfile:1`/);
  assert.match(result.reportMarkdown, /\n- Fix: Prepend PYTHONPATH=\. to the start command\n/);
  assert.ok(h.alive);
});

test('a fix for an open document is versioned with the editor\'s version', async (t) => {
  const h = await Harness.for(t, { files: SEED_PROJECT });
  const uri = h.uri('Procfile');
  h.open(uri, SEED_PROCFILE, 'procfile');
  h.change(uri, SEED_PROCFILE);
  const result = await h.request<AnalyzeLogResult>(METHOD, { text: SEED_LOG });
  const fix = result.causes[0]?.fixes.find((f) => f.isPreferred);
  assert.deepEqual(editsFor(fix?.edit, uri).map((c) => c.version), [2]);
  assert.equal(result.folderUri, h.folderUris[0], 'the first folder by default');
});

test('a log without a failure: no causes, and the report says so', async (t) => {
  const h = await Harness.for(t);
  const result = await h.request<AnalyzeLogResult>(METHOD, { text: CLEAN_LOG });
  assert.deepEqual(result.causes, []);
  assert.match(result.reportMarkdown, /No failure found in this log\./);
});

test('hostile text in a log comes back as plain strings', async (t) => {
  const h = await Harness.for(t);
  const text = SEED_LOG.replace("No module named 'backend'", "No module named '<img src=x onerror=alert(1)>'") + '<script>alert(1)</script>\n';
  const result = await h.request<AnalyzeLogResult>(METHOD, { text });
  assert.ok(h.alive);
  // Fenced blocks and code spans show their content literally; everything else must be escaped.
  const prose = result.reportMarkdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]+`/g, '');
  assert.ok(!/(?<!\\)<(?:img|script)/.test(prose), `outside code blocks the report escapes markup:\n${prose}`);
});

test('progress: begin, percentages that only grow, end', async (t) => {
  const h = await Harness.for(t);
  const token = 'progress-test';
  const values = progressOf(h, token);
  const result = await h.request<AnalyzeLogResult>(METHOD, { text: bigLog(4), workDoneToken: token }, 30_000);
  assert.ok(result.causes.length >= 1);
  assert.equal(values[0]?.kind, 'begin', JSON.stringify(values.slice(0, 3)));
  assert.equal(values[values.length - 1]?.kind, 'end');
  const percentages = values.flatMap((v) => (v.kind === 'report' && typeof v.percentage === 'number' ? [v.percentage] : []));
  assert.ok(percentages.length >= 5, `only ${percentages.length} reports`);
  assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b));
  assert.equal(percentages[percentages.length - 1], 100);
});

test('a 30 MB request is cancelled promptly, and other requests are answered while it runs', async (t) => {
  const h = await Harness.for(t, { files: { Procfile: 'web:gunicorn app:app\n', 'app.py': 'app = None\n' } });
  const token = 'cancel-test';
  const values = progressOf(h, token);
  const source = new CancellationTokenSource();
  const big = h.connection.sendRequest(METHOD, { text: bigLog(30), workDoneToken: token }, source.token);
  const outcome = big.then(
    () => 'answered',
    (error: { code?: number }) => error.code,
  );

  // Wait until the server is scanning (its first report), then ask something else and cancel.
  const deadline = Date.now() + 20_000;
  while (!values.some((v) => v.kind === 'report') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  assert.ok(values.some((v) => v.kind === 'report'), 'the server reported progress');
  const small = await withTimeout(h.request<AnalyzeLogResult>(METHOD, { text: SEED_LOG }), 5_000, 'a small analysis during the big one');
  assert.ok(small.causes.length >= 1);
  const diagnostics = await withTimeout(h.diagnostics(h.uri('Procfile')), 5_000, 'diagnostics during the big analysis');
  assert.equal(diagnostics.kind, 'full');

  const cancelledAt = performance.now();
  source.cancel();
  const code = await withTimeout(outcome, 5_000, 'the cancelled request');
  const ms = performance.now() - cancelledAt;
  assert.equal(code, -32800, 'RequestCancelled');
  assert.ok(ms < 1_000, `cancellation took ${Math.round(ms)} ms`);
  assert.equal(values[values.length - 1]?.kind, 'end', 'progress ends on cancellation too');
  assert.ok(h.alive);
});

test('bad requests get clear errors and the server stays up', async (t) => {
  const h = await Harness.for(t);
  await assert.rejects(h.request(METHOD, {}), (error: { code?: number; message?: string }) => error.code === -32602 && /no log text/.test(error.message ?? ''));
  await assert.rejects(h.request(METHOD, { text: 'x', folderUri: 42 }), (error: { code?: number }) => error.code === -32602);
  const tooBig = 'x'.repeat(64 * 1024 * 1024 + 1);
  await assert.rejects(h.request(METHOD, { text: tooBig }, 30_000), (error: { code?: number; message?: string }) => {
    assert.equal(error.code, -32602);
    assert.match(error.message ?? '', /^The log is 64\.0 MB; Deploy Doctor reads at most 64\.0 MB\./);
    return true;
  });
  const after = await h.request<AnalyzeLogResult>(METHOD, { text: SEED_LOG });
  assert.ok(after.causes.length >= 1);
  assert.ok(h.alive);
});
