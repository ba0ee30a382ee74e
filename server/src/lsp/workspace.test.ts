import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Documents } from './documents';
import { fsPathToUri } from './uris';
import { Workspace } from './workspace';

/** Open documents without a connection: just enough of TextDocuments for the workspace. */
function fakeDocuments(): Documents & { open(uri: string, text: string, languageId?: string, version?: number): void; close(uri: string): void } {
  const docs = new Map<string, TextDocument>();
  return {
    get: (uri: string) => docs.get(uri),
    keys: () => [...docs.keys()],
    all: () => [...docs.values()],
    open(uri: string, text: string, languageId = 'plaintext', version = 1) {
      docs.set(uri, TextDocument.create(uri, languageId, version, text));
    },
    close(uri: string) {
      docs.delete(uri);
    },
  } as unknown as Documents & { open(uri: string, text: string, languageId?: string, version?: number): void; close(uri: string): void };
}

function tempTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ws ü '));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test('nested workspace folders: the innermost folder owns a document', (t) => {
  const root = tempTree({ 'outer/Procfile': 'web: a\n', 'outer/inner/Procfile': 'web: b\n' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const ws = new Workspace(fakeDocuments());
  ws.changeFolders([pathToFileURL(join(root, 'outer')).href, pathToFileURL(join(root, 'outer', 'inner')).href]);
  const inner = ws.locate(pathToFileURL(join(root, 'outer', 'inner', 'Procfile')).href);
  assert.equal(inner?.path, 'Procfile');
  assert.equal(inner?.project.root, join(root, 'outer', 'inner'));
  const outer = ws.locate(fsPathToUri(join(root, 'outer', 'Procfile')));
  assert.equal(outer?.path, 'Procfile');
  assert.equal(outer?.project.root, join(root, 'outer'));
  assert.equal(outer?.project.kind, 'folder');
});

test('the overlay lists, reads and versions open documents over the disk', (t) => {
  const root = tempTree({ 'app.py': 'app = 1\n', Procfile: 'web: disk\n' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const docs = fakeDocuments();
  const ws = new Workspace(docs);
  ws.changeFolders([pathToFileURL(root).href]);
  const procfile = pathToFileURL(join(root, 'Procfile')).href;
  const unsaved = pathToFileURL(join(root, 'api', 'Procfile')).href;
  const target = ws.locate(procfile);
  assert.ok(target);
  const files = target.project.files;
  assert.equal(files.read('Procfile'), 'web: disk\n');

  const before = target.project.generation;
  docs.open(procfile, 'web: editor\n', 'procfile', 4);
  docs.open(unsaved, 'web: new\n', 'procfile', 1);
  ws.documentOpenedOrClosed(procfile);
  ws.documentOpenedOrClosed(unsaved);
  assert.ok(target.project.generation > before, 'opening a document changes the generation');
  assert.equal(files.read('Procfile'), 'web: editor\n');
  assert.equal(files.version?.('Procfile'), 'doc:4');
  assert.deepEqual([...files.list()].sort(), ['Procfile', 'api/Procfile', 'app.py']);

  const resolver = ws.resolver(target.project);
  assert.equal(resolver.uri('Procfile'), procfile, 'an open document keeps the URI the editor sent');
  assert.equal(resolver.version('Procfile'), 4);
  assert.equal(resolver.version('app.py'), null);
  assert.equal(resolver.uri('app.py'), fsPathToUri(join(root, 'app.py')));

  docs.close(procfile);
  ws.documentOpenedOrClosed(procfile);
  assert.equal(files.read('Procfile'), 'web: disk\n', 'closed documents read from disk again');
});

test('disk changes invalidate the listing and texts of the projects that hold them', (t) => {
  const root = tempTree({ 'app.py': 'app = 1\n' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const ws = new Workspace(fakeDocuments());
  ws.changeFolders([pathToFileURL(root).href]);
  const target = ws.locate(pathToFileURL(join(root, 'app.py')).href);
  assert.ok(target);
  assert.deepEqual(target.project.files.list(), ['app.py']);
  writeFileSync(join(root, 'Procfile'), 'web: x\n');
  assert.equal(ws.filesChanged([{ uri: pathToFileURL(join(root, 'Procfile')).href, type: 1 }]), true);
  assert.deepEqual([...target.project.files.list()].sort(), ['Procfile', 'app.py']);
  assert.equal(ws.filesChanged([{ uri: pathToFileURL(join(tmpdir(), 'elsewhere', 'x.py')).href, type: 2 }]), false);
  assert.equal(ws.filesChanged([{ uri: 'untitled:Untitled-1', type: 2 }]), false);
});

test('a document outside every folder gets its own folder as the project', (t) => {
  const root = tempTree({ 'loose/app.py': 'app = 1\n', 'loose/deep/a/b/c/d/e.py': '' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const docs = fakeDocuments();
  const ws = new Workspace(docs);
  const uri = pathToFileURL(join(root, 'loose', 'Procfile')).href;
  docs.open(uri, 'web: gunicorn app:app\n');
  ws.documentOpenedOrClosed(uri);
  const target = ws.locate(uri);
  assert.equal(target?.project.kind, 'loose');
  assert.equal(target?.path, 'Procfile');
  const listed = [...(target?.project.files.list() ?? [])].sort();
  assert.ok(listed.includes('app.py') && listed.includes('Procfile'), listed.join());
  assert.ok(!listed.includes('deep/a/b/c/d/e.py'), 'the listing stops a few levels down');
});

test('untitled documents are analysed alone under a name from their language; other schemes are not analysed', () => {
  const docs = fakeDocuments();
  const ws = new Workspace(docs);
  docs.open('untitled:Untitled-1', 'web:x', 'procfile');
  docs.open('untitled:Untitled-2', 'FROM x', 'dockerfile');
  docs.open('untitled:Untitled-3', 'hello', 'markdown');
  const procfile = ws.locate('untitled:Untitled-1');
  assert.equal(procfile?.path, 'Procfile');
  assert.equal(procfile?.project.kind, 'untitled');
  assert.deepEqual(procfile?.project.files.list(), ['Procfile']);
  assert.equal(procfile?.project.files.read('Procfile'), 'web:x');
  assert.equal(procfile && ws.resolver(procfile.project).uri('Procfile'), 'untitled:Untitled-1');
  assert.equal(procfile && ws.resolver(procfile.project).uri('app.py'), undefined);
  assert.equal(ws.locate('untitled:Untitled-2')?.path, 'Dockerfile');
  docs.open('untitled:/home/me/my%20app/Dockerfile.dev', 'FROM x', 'plaintext');
  assert.equal(ws.locate('untitled:/home/me/my%20app/Dockerfile.dev')?.path, 'Dockerfile.dev', 'the name it will be saved under');
  assert.equal(ws.locate('untitled:Untitled-3'), undefined);
  assert.equal(ws.locate('git:/repo/Procfile'), undefined);
  assert.equal(ws.locate('vscode-notebook-cell:/x.ipynb#W0'), undefined);
});
