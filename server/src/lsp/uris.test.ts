import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fsPathToUri, relativeInside, schemeOf, uriToFsPath } from './uris';

test('file URIs are spelled as VS Code spells them and round-trip through fileURLToPath', () => {
  const path = join('/', 'home', 'ana', 'my app', 'über (v2)', "it's [1]+#%?.py");
  const uri = fsPathToUri(path);
  assert.equal(uri, "file:///home/ana/my%20app/%C3%BCber%20%28v2%29/it%27s%20%5B1%5D%2B%23%25%3F.py");
  assert.equal(fileURLToPath(uri), path);
  assert.equal(uriToFsPath(uri), path);
});

test('Windows drive letters and UNC paths', () => {
  assert.equal(fsPathToUri('C:\\Users\\Ana\\app\\Procfile'), 'file:///c%3A/Users/Ana/app/Procfile');
  assert.equal(fsPathToUri('\\\\Server\\share\\Procfile'), 'file://server/share/Procfile');
});

test('URIs in either encoding map to the same path', () => {
  const path = join('/', 'tmp', 'déploy doctor', 'Procfile');
  assert.equal(uriToFsPath(pathToFileURL(path).href), path);
  assert.equal(uriToFsPath(fsPathToUri(path)), path);
  assert.equal(uriToFsPath('file:///tmp/d%c3%a9ploy%20doctor/Procfile'), path, 'lowercase hex escapes too');
});

test('other schemes have no file-system path', () => {
  assert.equal(schemeOf('untitled:Untitled-1'), 'untitled');
  assert.equal(schemeOf('FILE:///x'), 'file');
  assert.equal(uriToFsPath('untitled:Untitled-1'), undefined);
  assert.equal(uriToFsPath('git:/repo/Procfile?{}'), undefined);
  assert.equal(uriToFsPath('not a uri'), undefined);
});

test('relativeInside gives forward-slash paths inside the root and nothing outside it', () => {
  const root = join('/', 'work', 'app');
  assert.equal(relativeInside(root, join(root, 'api', 'Procfile')), 'api/Procfile');
  assert.equal(relativeInside(root, join(root, '..foo', 'x.py')), '..foo/x.py');
  assert.equal(relativeInside(root, root), undefined);
  assert.equal(relativeInside(root, join('/', 'work', 'application', 'Procfile')), undefined);
  assert.equal(relativeInside(root, join('/', 'work', 'Procfile')), undefined);
});
