/** Hostile and half-typed input: the server answers every request within a second and keeps running. */

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { endOf, Harness, SERVER_BUNDLE } from './harness';
import { BAD_PROCFILE, healthyProject, projectWithWorker } from './fixtures';

const WITHIN_MS = 1_000;

/** Pulls diagnostics and code actions for a document, each within a second. */
async function exercise(h: Harness, uri: string, text: string): Promise<Diagnostic[]> {
  const started = performance.now();
  const report = await h.request<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } }, WITHIN_MS).catch((error: Error) => {
    throw new Error(`${uri}: ${error.message} (${Math.round(performance.now() - started)} ms)`);
  });
  assert.equal(report.kind, 'full');
  const items = report.items ?? [];
  const actions = await h.request<unknown[]>(
    'textDocument/codeAction',
    { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: endOf(text) }, context: { diagnostics: items } },
    WITHIN_MS,
  );
  assert.ok(Array.isArray(actions));
  return items;
}

test('random bytes, a 10 000-line Dockerfile, half-typed TOML, CRLF and a BOM: answers within a second, still alive', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  // Time the inputs, not the engine's start-up (initialize.test.ts covers that).
  await h.waitFor('deployDoctor/serverStatus');
  const noise = randomBytes(64 * 1024).toString('latin1');
  const longDockerfile = ['FROM python:3.12-slim', 'WORKDIR /app', ...Array.from({ length: 9_997 }, (_, i) => (i % 10 === 9 ? `RUN echo "step ${i}" \\` : `RUN echo "step ${i}"`)), 'CMD ["gunicorn", "app:app"]'].join('\n');
  const cases: [string, string, string][] = [
    ['noise/Dockerfile', 'dockerfile', noise],
    ['noise/Procfile', 'procfile', noise],
    ['noise/railway.toml', 'toml', noise],
    ['noise/railway.json', 'json', noise],
    ['noise/main.py', 'python', noise],
    ['long/Dockerfile', 'dockerfile', longDockerfile],
    ['typing/railway.toml', 'toml', '[deploy]\nstartCommand = "gunicorn'],
    ['typing/railway.json', 'json', '{"deploy": {"startCommand": "gunic'],
    ['typing/Dockerfile', 'dockerfile', 'FROM python:3.12\nCMD ["gunicorn", "app:app'],
    ['typing/Procfile', 'procfile', 'web: gunicorn "app:'],
    ['crlf/Procfile', 'procfile', 'web: gunicorn app:app\r\nworker: python worker.py\r\n'],
    ['bom/Procfile', 'procfile', `\ufeff${BAD_PROCFILE}`],
    ['tabs/Procfile', 'procfile', 'web:\tgunicorn\tapp:app\n'],
    ['empty/Procfile', 'procfile', ''],
  ];
  for (const [path, languageId, text] of cases) {
    const uri = h.uri(path);
    h.open(uri, text, languageId);
    await exercise(h, uri, text);
    assert.ok(h.alive, `the server survived ${path}`);
  }

  const uri = h.uri('Procfile');
  h.open(uri, BAD_PROCFILE, 'procfile');
  const items = await h.diagnosticItems(uri);
  assert.equal(items.length, 1, 'a normal request still works afterwards');
  assert.ok(h.alive);
  assert.doesNotMatch(h.stderr, /Error|uncaught/i);
});

test('the CRLF fix is a command that switches the line endings (editors normalise line breaks in edits)', async (t) => {
  const h = await Harness.for(t, { files: projectWithWorker });
  const text = 'web: gunicorn app:app\r\nworker: python worker.py\r\n';
  const uri = h.uri('Procfile');
  h.open(uri, text, 'procfile');
  const items = await h.diagnosticItems(uri);
  const crlf = items.find((d) => typeof d.message === 'string' && d.message.includes('CRLF'));
  assert.ok(crlf, JSON.stringify(items));
  const actions = await h.quickFixes(uri, crlf.range, [crlf]);
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix);
  assert.equal(fix.edit, undefined);
  assert.deepEqual(fix.command, { title: fix.title, command: 'deployDoctor.setLineEndings', arguments: [uri] });
});

test('documents over 5 MB get no analysis, and the server stays responsive', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  await h.waitFor('deployDoctor/serverStatus');
  const uri = h.uri('huge/Procfile');
  const text = `${BAD_PROCFILE}${'# padding\n'.repeat(600_000)}`;
  h.open(uri, text, 'procfile');
  const report = await h.request<{ kind: string; items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } }, WITHIN_MS);
  assert.deepEqual(report, { kind: 'full', items: [] });
  const small = h.uri('Procfile');
  h.open(small, BAD_PROCFILE, 'procfile');
  assert.equal((await h.diagnosticItems(small)).length, 1);
});

test('a burst of edits is answered for the latest text', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  const uri = h.uri('Procfile');
  h.open(uri, '', 'procfile');
  let text = '';
  for (const ch of BAD_PROCFILE) {
    text += ch;
    h.change(uri, text);
  }
  const pending = Array.from({ length: 10 }, () => h.diagnostics(uri));
  const reports = await Promise.all(pending);
  for (const report of reports) assert.equal(report.kind === 'full' ? report.items.length : -1, 1);
  assert.equal(h.version(uri), BAD_PROCFILE.length + 1);
});

test('a request cancelled by the client is answered with RequestCancelled, and the server goes on', async (t) => {
  const h = await Harness.for(t, { files: healthyProject });
  const uri = h.uri('Procfile');
  h.open(uri, BAD_PROCFILE, 'procfile');
  const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
  const source = new CancellationTokenSource();
  const pending = h.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
  source.cancel();
  await assert.rejects(pending, (error: { code?: number }) => error.code === -32800);
  assert.equal((await h.diagnosticItems(uri)).length, 1);
});

test('without its parser files the server says so once, answers with empty results and keeps running', async (t) => {
  // A copy of the bundle far from dist/wasm and node_modules cannot find the tree-sitter grammars.
  const lonely = mkdtempSync(join(tmpdir(), 'no-wasm-'));
  t.after(() => rmSync(lonely, { recursive: true, force: true }));
  copyFileSync(SERVER_BUNDLE, join(lonely, 'server.js'));
  const h = await Harness.for(t, { files: healthyProject, serverBundle: join(lonely, 'server.js') });
  const status = await h.waitFor('deployDoctor/serverStatus');
  assert.equal((status.params as { state: string }).state, 'failed');
  const uri = h.uri('Procfile');
  h.open(uri, BAD_PROCFILE, 'procfile');
  assert.deepEqual(await h.diagnosticItems(uri), []);
  assert.deepEqual(await h.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, []), []);
  assert.deepEqual(await h.diagnosticItems(uri), []);
  const errors = h.received.filter((m) => m.method === 'window/logMessage' && (m.params as { type: number }).type === 1);
  assert.equal(errors.length, 1, 'the failure is logged once, not once per request');
  assert.ok(h.alive);
});
