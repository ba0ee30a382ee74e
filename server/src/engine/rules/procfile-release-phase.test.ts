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
    const fixed = applyFix(tree, f.fixes[0]);
    assert.equal(fixed['railway.toml'], '[build]\nbuilder = "NIXPACKS"\n\n[deploy]\npreDeployCommand = ["python manage.py migrate"]\nhealthcheckPath = "/health"\n');
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
