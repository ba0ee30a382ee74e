import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, crlf, findings, textAt } from '../../node/testing';

const RULE = 'build-command-private-network';
const check = (tree: Record<string, string>) => findings(tree, RULE);

describe('build-command-private-network', () => {
  test('migrations in buildCommand: warning, moved to preDeployCommand by the fix', async () => {
    const tree = { 'railway.toml': '[build]\nbuildCommand = "python manage.py migrate"\n\n[deploy]\nstartCommand = "gunicorn mysite.wsgi"\n' };
    const [f] = await check(tree);
    assert.equal(textAt(tree, f), '"python manage.py migrate"');
    const fixed = applyFix(tree, f.fixes[0]);
    assert.equal(fixed['railway.toml'], '[build]\n\n[deploy]\npreDeployCommand = ["python manage.py migrate"]\nstartCommand = "gunicorn mysite.wsgi"\n');
    assert.deepEqual(await check(fixed), []);
  });

  test('a *.railway.internal host in buildCommand, no fix when other steps share the command', async () => {
    const [f] = await check({ 'railway.json': '{"build": {"buildCommand": "npm run build && psql -h postgres.railway.internal -c \'select 1\'"}}' });
    assert.match(f.message, /postgres\.railway\.internal/);
    assert.equal(f.fixes.length, 0);
  });

  test('no finding for ordinary builds or for migrations in preDeployCommand', async () => {
    assert.deepEqual(await check({ 'railway.toml': '[build]\nbuildCommand = "python manage.py collectstatic --noinput"\n[deploy]\npreDeployCommand = ["python manage.py migrate"]\n' }), []);
  });

  test('CRLF', async () => {
    assert.equal((await check(crlf({ 'railway.toml': '[build]\nbuildCommand = "alembic upgrade head"\n' }))).length, 1);
  });
});
