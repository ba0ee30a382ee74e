/**
 * The client watches deploy files on disk with one glob (client/src/language-client.ts, which cannot import the
 * engine); the server decides what a deploy file is with isDeployFile. The two must name the same files, or a
 * change on disk goes unnoticed (or wakes the server for nothing).
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeployFile } from '../../server/src/engine/kinds';
import { readText } from './repo';

const source = readText('client/src/language-client.ts');
const glob = /const WATCHED_FILES =\s*'\*\*\/\{([^}]+)\}';/.exec(source);
const alternatives = glob ? glob[1].split(',') : [];
const patterns = alternatives.map((a) => new RegExp(`^${a.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`));
/** An alternative of the braces matches the last segments of a path (as many as it has). */
const watched = (path: string): boolean =>
  alternatives.some((a, i) => patterns[i].test(path.split('/').slice(-a.split('/').length).join('/')));

test('the client has one WATCHED_FILES glob of file names', () => {
  assert.ok(alternatives.length > 10, 'WATCHED_FILES not found in client/src/language-client.ts');
});

test('every watched name is a deploy file for the server', () => {
  for (const name of alternatives) assert.ok(isDeployFile(`svc/${name.replace(/\*/g, 'x')}`), name);
});

test('the glob and isDeployFile agree on deploy and other files', () => {
  const names = [
    'Procfile', 'Procfile.worker', 'railway.toml', 'railway.json', '.railway/railway.ts', 'Dockerfile', 'Dockerfile.prod', 'api.dockerfile',
    'Containerfile', 'app.py', 'start.sh', 'requirements.txt', 'pyproject.toml', 'Pipfile', 'runtime.txt', '.python-version', 'nixpacks.toml',
    'railpack.json', '.dockerignore', 'gunicorn.conf.py', 'app.json', 'README.md', 'package.json', 'notes.txt', 'main.go',
  ];
  for (const name of names) assert.equal(watched(`svc/${name}`), isDeployFile(`svc/${name}`), name);
});
