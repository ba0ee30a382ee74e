import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, crlf, findings, textAt } from '../../node/testing';

const RULE = 'procfile-release-phase';
const check = (tree: Record<string, string>) => findings(tree, RULE);

describe('procfile-release-phase', () => {
  const tree = {
    Procfile: 'release: python manage.py migrate\nweb: gunicorn mysite.wsgi\n',
    'railway.toml': '[build]\nbuilder = "NIXPACKS"\n\n[deploy]\nhealthcheckPath = "/health"\n',
  };

  test('a release line on Railway: warning with a fix that adds preDeployCommand', async () => {
    const [f] = await check(tree);
    assert.equal(textAt(tree, f), 'release');
    assert.match(f.message, /preDeployCommand/);
    assert.match(f.message, /Nixpacks runs it as a build step/);
    const fixed = applyFix(tree, f.fixes[0]);
    assert.equal(fixed['railway.toml'], '[build]\nbuilder = "NIXPACKS"\n\n[deploy]\npreDeployCommand = ["python manage.py migrate"]\nhealthcheckPath = "/health"\n');
    assert.equal(fixed.Procfile, 'web: gunicorn mysite.wsgi\n');
    assert.deepEqual(await check(fixed), []);
  });

  test('a [deploy] header with a comment and CRLF line breaks is found, not duplicated', async () => {
    const windows = { ...crlf(tree), 'railway.toml': '[build]\r\nbuilder = "NIXPACKS"\r\n\r\n[deploy] # settings\r\nhealthcheckPath = "/health"\r\n' };
    const [f] = await check(windows);
    const fixed = applyFix(windows, f.fixes[0]);
    assert.equal(fixed['railway.toml'], '[build]\r\nbuilder = "NIXPACKS"\r\n\r\n[deploy] # settings\r\npreDeployCommand = ["python manage.py migrate"]\r\nhealthcheckPath = "/health"\r\n');
  });

  test('a Dockerfile build does not read the Procfile: silent', async () => {
    assert.deepEqual(await check({ ...tree, Dockerfile: 'FROM python\nCMD gunicorn mysite.wsgi\n' }), []);
  });

  test('a railway.toml without [deploy] gets one', async () => {
    const [f] = await check({ ...tree, 'railway.toml': '[build]\nbuilder = "RAILPACK"\n' });
    const fixed = applyFix({ ...tree, 'railway.toml': '[build]\nbuilder = "RAILPACK"\n' }, f.fixes[0]);
    assert.equal(fixed['railway.toml'], '[build]\nbuilder = "RAILPACK"\n\n[deploy]\npreDeployCommand = ["python manage.py migrate"]\n');
  });

  test('no finding on Heroku (no Railway config) or without a release line', async () => {
    assert.deepEqual(await check({ Procfile: tree.Procfile }), []);
    assert.deepEqual(await check({ ...tree, Procfile: 'web: gunicorn mysite.wsgi\n' }), []);
  });

  test('CRLF', async () => {
    assert.equal((await check(crlf(tree))).length, 1);
  });
});
