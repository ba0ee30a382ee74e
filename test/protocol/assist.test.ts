/** Editing help in railway.toml and railway.json over the protocol: hover, completion and document links. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, DocumentLink, Hover, MarkupContent, Position, TextEdit } from 'vscode-languageserver';
import { applyTextEdits, Harness } from './harness';
import { FLASK_APP } from './fixtures';

/** Text with a `|` marking the cursor: the text without it and the cursor's position. */
function cursor(textWithCursor: string): { text: string; position: Position } {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

async function openAt(h: Harness, path: string, textWithCursor: string): Promise<{ uri: string; text: string; position: Position }> {
  const { text, position } = cursor(textWithCursor);
  const uri = h.uri(path);
  h.open(uri, text, path.endsWith('.json') ? 'json' : 'toml');
  return { uri, text, position };
}

function completion(h: Harness, uri: string, position: Position, triggerCharacter?: string): Promise<CompletionItem[] | null> {
  const context = triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 };
  return h.request('textDocument/completion', { textDocument: { uri }, position, context });
}

test('initialize announces hover, completion with its trigger characters, and document links', async (t) => {
  const h = await Harness.for(t);
  const caps = h.initializeResult?.capabilities;
  assert.equal(caps?.hoverProvider, true);
  assert.deepEqual(caps?.completionProvider, { triggerCharacters: ['"', '=', '[', ' '], resolveProvider: false });
  assert.deepEqual(caps?.documentLinkProvider, { resolveProvider: false });
});

test('hover on a railway.toml key: Markdown with the description and the Railway docs link, over the key', async (t) => {
  const h = await Harness.for(t, { files: { 'app.py': FLASK_APP } });
  const { uri, position } = await openAt(h, 'railway.toml', '[deploy]\nhealthcheck|Timeout = 60\n');
  const hover = await h.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  assert.ok(hover, 'a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  assert.match(contents.value, /\*\*deploy\.healthcheckTimeout\*\*/);
  assert.match(contents.value, /Default: `300`/);
  assert.match(contents.value, /\]\(https:\/\/docs\.railway\.com\/[^)]+\)/, 'a Markdown link to the Railway docs');
  assert.deepEqual(hover.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 18 } });
});

test('hover on a railway.json enum value lists the allowed values', async (t) => {
  const h = await Harness.for(t);
  const { uri, position } = await openAt(h, 'railway.json', '{\n  "deploy": { "restartPolicyType": "NE|VER" }\n}\n');
  const hover = await h.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  assert.match((hover?.contents as MarkupContent).value, /Allowed: `ON_FAILURE`, `ALWAYS`, `NEVER`/);
});

test('no hover, completion or links outside railway.toml / railway.json, nor on blank space', async (t) => {
  const h = await Harness.for(t, { files: { 'app.py': FLASK_APP } });
  const procfile = h.uri('Procfile');
  h.open(procfile, 'web: gunicorn app:app\n', 'procfile');
  const position = { line: 0, character: 8 };
  assert.equal(await h.request('textDocument/hover', { textDocument: { uri: procfile }, position }), null);
  assert.deepEqual(await completion(h, procfile, position), []);
  assert.deepEqual(await h.request('textDocument/documentLink', { textDocument: { uri: procfile } }), []);
  const { uri, position: blank } = await openAt(h, 'railway.toml', '[deploy]\n\n|\n');
  assert.equal(await h.request('textDocument/hover', { textDocument: { uri }, position: blank }), null);
});

test('completion inside [deploy] on a half-typed line offers healthcheckPath, replacing what is typed', async (t) => {
  const h = await Harness.for(t, { files: { 'app.py': FLASK_APP } });
  const { uri, text, position } = await openAt(h, 'railway.toml', '[deploy]\nstartCommand = "gunicorn app:app"\nhealth|\n');
  const items = (await completion(h, uri, position)) ?? [];
  const labels = items.map((i) => i.label);
  assert.ok(!labels.includes('startCommand'), 'keys already in the table are not offered again');
  const item = items.find((i) => i.label === 'healthcheckPath');
  assert.ok(item, `healthcheckPath among ${labels.join(', ')}`);
  assert.equal(item.kind, 10 /* Property */);
  const edit = item.textEdit as TextEdit;
  assert.deepEqual(edit.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } });
  assert.equal(edit.newText, 'healthcheckPath = ');
  assert.equal(typeof item.documentation === 'object' && item.documentation.kind, 'markdown');
  assert.match(applyTextEdits(text, [edit]), /\nhealthcheckPath = \n$/);
});

test('table names complete after `[`, as modules', async (t) => {
  const h = await Harness.for(t);
  const { uri, position } = await openAt(h, 'railway.toml', '[dep|');
  const items = (await completion(h, uri, position, '[')) ?? [];
  const deploy = items.find((i) => i.label === 'deploy');
  assert.equal(deploy?.kind, 9 /* Module */);
});

test('enum values complete in railway.json, in the engine order, and replace the closing quote the editor typed', async (t) => {
  const h = await Harness.for(t);
  const { uri, text, position } = await openAt(h, 'railway.json', '{\n  "deploy": { "restartPolicyType": "|" }\n}\n');
  const items = (await completion(h, uri, position, '"')) ?? [];
  const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  assert.deepEqual(
    sorted.map((i) => i.label),
    ['ON_FAILURE', 'ALWAYS', 'NEVER'],
  );
  for (const item of items) {
    assert.equal(item.kind, 20 /* EnumMember */);
    assert.equal(item.filterText, `"${item.label}"`, 'quoted items filter by the quoted text the range starts with');
  }
  const fixed = applyTextEdits(text, [sorted[0].textEdit as TextEdit]);
  assert.equal(fixed, '{\n  "deploy": { "restartPolicyType": "ON_FAILURE" }\n}\n');
  assert.doesNotThrow(() => JSON.parse(fixed));
});

test('the deprecated NIXPACKS builder completes with the Deprecated tag', async (t) => {
  const h = await Harness.for(t);
  const { uri, text, position } = await openAt(h, 'railway.toml', '[build]\nbuilder = "|"\n');
  const items = (await completion(h, uri, position, '"')) ?? [];
  assert.deepEqual(items.find((i) => i.label === 'NIXPACKS')?.tags, [1]);
  assert.equal(items.find((i) => i.label === 'RAILPACK')?.tags, undefined);
  const railpack = items.find((i) => i.label === 'RAILPACK');
  assert.equal(applyTextEdits(text, [railpack?.textEdit as TextEdit]), '[build]\nbuilder = "RAILPACK"\n');
});

test('dockerfilePath is a link to the Dockerfile, resolved from the config file\'s folder', async (t) => {
  const h = await Harness.for(t, { files: { 'svc/docker/web.Dockerfile': 'FROM python:3.12-slim\n', 'svc/app.py': FLASK_APP } });
  const { uri } = await openAt(h, 'svc/railway.toml', '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "docker/web.Dockerfile"\n|');
  const links = (await h.request<DocumentLink[] | null>('textDocument/documentLink', { textDocument: { uri } })) ?? [];
  assert.equal(links.length, 1);
  assert.equal(links[0].target, h.uri('svc/docker/web.Dockerfile'));
  assert.deepEqual(links[0].range, { start: { line: 2, character: 18 }, end: { line: 2, character: 39 } });
  assert.equal(typeof links[0].tooltip, 'string');
});

test('a dockerfilePath that names no file is no link', async (t) => {
  const h = await Harness.for(t);
  const { uri } = await openAt(h, 'railway.json', '{ "build": { "dockerfilePath": "missing.Dockerfile" } }|');
  assert.deepEqual(await h.request('textDocument/documentLink', { textDocument: { uri } }), []);
});

test('a typed space opens value completion after `=`, and nothing while indenting', async (t) => {
  const h = await Harness.for(t);
  const value = await openAt(h, 'railway.toml', '[deploy]\nrestartPolicyType = |\n');
  const values = (await completion(h, value.uri, value.position, ' ')) ?? [];
  assert.deepEqual(values.map((i) => (i.textEdit as TextEdit).newText).sort(), ['"ALWAYS"', '"NEVER"', '"ON_FAILURE"']);
  h.change(value.uri, '[deploy]\n  \n');
  assert.deepEqual(await completion(h, value.uri, { line: 1, character: 2 }, ' '), []);
});
