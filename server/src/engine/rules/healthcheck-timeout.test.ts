import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, crlf, findings, textAt } from '../../node/testing';

const RULE = 'healthcheck-timeout';
const check = (tree: Record<string, string>) => findings(tree, RULE);

describe('healthcheck-timeout', () => {
  test('migrations in the start command with a 20 s window', async () => {
    const tree = { 'railway.toml': '[deploy]\nstartCommand = "python manage.py migrate && gunicorn mysite.wsgi"\nhealthcheckPath = "/health"\nhealthcheckTimeout = 20\n' };
    const [f] = await check(tree);
    assert.equal(textAt(tree, f), '20');
    assert.match(f.message, /runs migrations/);
    const fixed = applyFix(tree, f.fixes[0]);
    assert.match(fixed['railway.toml'], /healthcheckTimeout = 60/);
    assert.deepEqual(await check(fixed), []);
  });

  test('the start command can come from the Procfile', async () => {
    const tree = { 'railway.toml': '[deploy]\nhealthcheckPath = "/"\nhealthcheckTimeout = 30\n', Procfile: 'worker: celery -A app worker\nweb: pip install -r requirements.txt && gunicorn app:app\n' };
    const [f] = await check(tree);
    assert.match(f.message, /installs packages/);
    // Installs belong in the build, not in preDeployCommand (a separate container).
    assert.match(f.message, /to the build/);
  });

  test('no healthcheck path, no healthcheck: silent', async () => {
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nstartCommand = "python manage.py migrate && gunicorn mysite.wsgi"\nhealthcheckTimeout = 5\n' }), []);
  });

  test('no finding: enough time, no boot work, no timeout set', async () => {
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nstartCommand = "python manage.py migrate && gunicorn mysite.wsgi"\nhealthcheckTimeout = 120\n' }), []);
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nstartCommand = "gunicorn app:app"\nhealthcheckTimeout = 10\n' }), []);
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nstartCommand = "python manage.py migrate && gunicorn mysite.wsgi"\n' }), []);
  });

  test('CRLF and tabs', async () => {
    const tree = crlf({ 'railway.toml': '[deploy]\nstartCommand\t=\t"alembic upgrade head && uvicorn main:app"\nhealthcheckPath\t=\t"/health"\nhealthcheckTimeout\t=\t5\n' });
    assert.equal((await check(tree)).length, 1);
  });
});
