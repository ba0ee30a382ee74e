import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crlf, expectPreferredFix, findings, textAt } from '../../node/testing';

const RULE = 'dockerfile-path-missing';
const check = (tree: Record<string, string>) => findings(tree, RULE);

describe('dockerfile-path-missing', () => {
  test('a dockerfilePath that does not exist: error, with the one near match as fix', async () => {
    const tree = { 'railway.toml': '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "Dockerfile.Web"\n', 'docker/Dockerfile.web': 'FROM python\n' };
    const [f] = await check(tree);
    assert.equal(f.severity, 'error');
    assert.equal(textAt(tree, f), '"Dockerfile.Web"');
    await expectPreferredFix(tree, RULE, 'railway.toml', '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "docker/Dockerfile.web"\n');
  });

  test('the DOCKERFILE builder without a Dockerfile', async () => {
    const tree = { 'railway.json': '{"build": {"builder": "DOCKERFILE"}}', 'Dockerfile.prod': 'FROM python\n' };
    const [f] = await check(tree);
    assert.match(f.message, /Dockerfile\.prod/);
  });

  test('no finding when the file exists (relative to the config, or absolute from the repository root)', async () => {
    assert.deepEqual(await check({ 'svc/railway.toml': '[build]\ndockerfilePath = "Dockerfile.svc"\n', 'svc/Dockerfile.svc': 'FROM python\n' }), []);
    assert.deepEqual(await check({ 'svc/railway.toml': '[build]\ndockerfilePath = "/docker/api.Dockerfile"\n', 'docker/api.Dockerfile': 'FROM python\n' }), []);
    assert.deepEqual(await check({ 'railway.toml': '[build]\nbuilder = "DOCKERFILE"\n', Dockerfile: 'FROM python\n' }), []);
  });

  test('CRLF and tabs', async () => {
    const tree = crlf({ 'railway.toml': '[build]\ndockerfilePath\t=\t"missing.Dockerfile"\n' });
    const [f] = await check(tree);
    assert.equal(textAt(tree, f), '"missing.Dockerfile"');
  });
});
