/** The handshake: what the server announces, and how fast it answers. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Harness } from './harness';

test('initialize announces pull diagnostics with inter-file dependencies, quick fixes and fix-all', async (t) => {
  const h = await Harness.for(t);
  const caps = h.initializeResult?.capabilities;
  assert.ok(caps, 'initialize returned capabilities');
  assert.deepEqual(caps.diagnosticProvider, { identifier: 'deploy-doctor', interFileDependencies: true, workspaceDiagnostics: false });
  const codeActions = caps.codeActionProvider;
  assert.ok(codeActions && typeof codeActions === 'object', 'codeActionProvider is an options object');
  assert.ok(codeActions.codeActionKinds?.includes('quickfix'));
  assert.ok(codeActions.codeActionKinds?.includes('source.fixAll.deployDoctor'));
  assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
  assert.deepEqual(caps.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
});

test('the server answers initialize within a second of being spawned (server_ready)', async (t) => {
  const h = await Harness.for(t);
  assert.ok(h.readyMs > 0 && h.readyMs < 1000, `spawn → initialize result took ${Math.round(h.readyMs)} ms`);
});

test('the server reports when its engine is ready, and exits cleanly on shutdown/exit', async () => {
  const h = await Harness.start();
  const status = await h.waitFor('deployDoctor/serverStatus');
  const params = status.params as { state: string; ruleCount?: number; ruleDocsUrlTemplate?: string };
  assert.equal(params.state, 'ready');
  assert.ok((params.ruleCount ?? 0) >= 1, 'at least one rule is loaded');
  assert.match(params.ruleDocsUrlTemplate ?? '', /^https:\/\/.+\/docs\/rules\/\{ruleId\}\.md$/);
  await h.dispose();
  assert.deepEqual(h.exit, { code: 0, signal: null }, 'the process exited by itself after shutdown and exit');
});
