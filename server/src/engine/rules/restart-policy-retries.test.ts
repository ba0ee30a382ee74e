import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, crlf, findings, textAt } from '../../node/testing';

const RULE = 'restart-policy-retries';
const check = (tree: Record<string, string>) => findings(tree, RULE);

describe('restart-policy-retries', () => {
  test('retries with ALWAYS do nothing: tagged unnecessary, fix switches to ON_FAILURE', async () => {
    const tree = { 'railway.toml': '[deploy]\nrestartPolicyType = "ALWAYS"\nrestartPolicyMaxRetries = 5\n' };
    const [f] = await check(tree);
    assert.equal(textAt(tree, f), 'restartPolicyMaxRetries');
    assert.deepEqual(f.tags, ['unnecessary']);
    const fix = f.fixes[0];
    assert.equal(fix.title, 'Use restartPolicyType "ON_FAILURE"');
    const fixed = applyFix(tree, fix);
    assert.equal(fixed['railway.toml'], '[deploy]\nrestartPolicyType = "ON_FAILURE"\nrestartPolicyMaxRetries = 5\n');
    assert.deepEqual(await check(fixed), []);
  });

  test('no finding with ON_FAILURE or without a type (ON_FAILURE is the default)', async () => {
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nrestartPolicyType = "ON_FAILURE"\nrestartPolicyMaxRetries = 5\n' }), []);
    assert.deepEqual(await check({ 'railway.json': '{"deploy": {"restartPolicyMaxRetries": 5}}' }), []);
  });

  test('a policy changed in an environment override, retries in the base config', async () => {
    const tree = { 'railway.toml': '[deploy]\nrestartPolicyMaxRetries = 5\n\n[environments.staging.deploy]\nrestartPolicyType = "ALWAYS"\n' };
    const [f] = await check(tree);
    assert.equal(textAt(tree, f), '"ALWAYS"');
    assert.match(f.message, /`staging` environment/);
  });

  test('a misspelt policy is left to railway-config-schema', async () => {
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nrestartPolicyType = "on-failure"\nrestartPolicyMaxRetries = 5\n' }), []);
  });

  test('CRLF, tabs and JSON', async () => {
    assert.equal((await check(crlf({ 'railway.toml': '[deploy]\nrestartPolicyType\t=\t"NEVER"\nrestartPolicyMaxRetries\t=\t3\n' }))).length, 1);
    assert.equal((await check({ 'railway.json': '{"deploy": {"restartPolicyType": "NEVER", "restartPolicyMaxRetries": 3}}' })).length, 1);
  });
});
