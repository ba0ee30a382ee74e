import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crlf, findings, textAt } from '../../node/testing';

const RULE = 'dockerfile-overrides-builder';
const check = (tree: Record<string, string>) => findings(tree, RULE);

describe('dockerfile-overrides-builder', () => {
  test('a root Dockerfile wins over the Railpack and Nixpacks builders', async () => {
    const tree = { 'railway.toml': '[build]\nbuilder = "RAILPACK"\n', Dockerfile: 'FROM python\n' };
    const [f] = await check(tree);
    assert.equal(f.severity, 'warning');
    assert.equal(textAt(tree, f), '"RAILPACK"');
    assert.equal(f.related[0].file, 'Dockerfile');
    assert.equal((await check({ 'railway.json': '{"build": {"builder": "NIXPACKS"}}', Dockerfile: 'FROM python\n' })).length, 1);
  });

  test('no finding without a Dockerfile, with DOCKERFILE, or when another Dockerfile is named', async () => {
    assert.deepEqual(await check({ 'railway.toml': '[build]\nbuilder = "RAILPACK"\n' }), []);
    assert.deepEqual(await check({ 'railway.toml': '[build]\nbuilder = "DOCKERFILE"\n', Dockerfile: 'FROM python\n' }), []);
    assert.deepEqual(await check({ 'railway.toml': '[build]\nbuilder = "RAILPACK"\ndockerfilePath = "x.Dockerfile"\n', Dockerfile: 'FROM python\n' }), []);
  });

  test('CRLF and tabs', async () => {
    const tree = crlf({ 'railway.toml': '[build]\nbuilder\t=\t"RAILPACK"\n', Dockerfile: 'FROM python\n' });
    assert.equal((await check(tree)).length, 1);
  });
});
