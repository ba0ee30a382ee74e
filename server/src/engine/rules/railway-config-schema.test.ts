import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crlf, expectPreferredFix, findings, textAt } from '../../node/testing';

const RULE = 'railway-config-schema';
const check = (tree: Record<string, string>) => findings(tree, RULE);

describe('railway-config-schema', () => {
  test('a misspelt key gets a did-you-mean and a rename fix (TOML and JSON)', async () => {
    const toml = { 'railway.toml': '[deploy]\nstartComand = "gunicorn app:app"\n' };
    const [f] = await check(toml);
    assert.equal(textAt(toml, f), 'startComand');
    assert.match(f.message, /did you mean `startCommand`/);
    await expectPreferredFix(toml, RULE, 'railway.toml', '[deploy]\nstartCommand = "gunicorn app:app"\n');
    const json = { 'railway.json': '{"deploy": {"healthCheckPath": "/health"}}' };
    await expectPreferredFix(json, RULE, 'railway.json', '{"deploy": {"healthcheckPath": "/health"}}');
  });

  test('settings written in the wild are explained: [variables], [[ports]], healthcheck = false, deploy.port', async () => {
    const tree = { 'railway.toml': '[deploy]\nhealthcheck = false\nport = 8000\n\n[variables]\nDEBUG = "0"\n\n[[ports]]\nport = 8000\n' };
    const found = await check(tree);
    const byKey = Object.fromEntries(found.map((f) => [textAt(tree, f), f.message]));
    assert.match(byKey.healthcheck, /healthcheckPath/);
    assert.match(byKey.port, /\$PORT|PORT/);
    assert.match(byKey.variables, /Variables tab/);
    assert.match(byKey.ports, /target port/);
  });

  test('a key in the wrong section', async () => {
    const tree = { 'railway.toml': '[build]\nstartCommand = "gunicorn app:app"\n' };
    const [f] = await check(tree);
    assert.match(f.message, /belongs in `\[deploy\]`/);
  });

  test('lowercase enum values get the documented spelling', async () => {
    const tree = { 'railway.toml': '[build]\nbuilder = "railpack"\n\n[deploy]\nrestartPolicyType = "on_failure"\n' };
    const found = await check(tree);
    assert.deepEqual(found.map((f) => textAt(tree, f)), ['"railpack"', '"on_failure"']);
    await expectPreferredFix({ 'railway.toml': '[deploy]\nrestartPolicyType = "on_failure"\n' }, RULE, 'railway.toml', '[deploy]\nrestartPolicyType = "ON_FAILURE"\n');
  });

  test('a number written as a string', async () => {
    await expectPreferredFix({ 'railway.json': '{"deploy": {"healthcheckTimeout": "300"}}' }, RULE, 'railway.json', '{"deploy": {"healthcheckTimeout": 300}}');
  });

  test('deprecated values: NIXPACKS, numReplicas', async () => {
    const tree = { 'railway.toml': '[build]\nbuilder = "NIXPACKS"\n[deploy]\nnumReplicas = 2\n' };
    const found = await check(tree);
    assert.deepEqual(found.map((f) => [textAt(tree, f), f.tags]), [['"NIXPACKS"', ['deprecated']], ['numReplicas', ['deprecated']]]);
  });

  test('environment overrides are checked too', async () => {
    const tree = { 'railway.toml': '[environments.production.deploy]\nstartComand = "x"\n' };
    const [f] = await check(tree);
    assert.match(f.message, /did you mean `startCommand`/);
  });

  test('valid files: no findings', async () => {
    assert.deepEqual(
      await check({
        'railway.toml': '"$schema" = "https://railway.com/railway.schema.json"\n[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "Dockerfile"\nwatchPatterns = ["/app/**"]\n[deploy]\nstartCommand = "x"\nhealthcheckPath = "/health"\nhealthcheckTimeout = 100\nrestartPolicyType = "ON_FAILURE"\nrestartPolicyMaxRetries = 5\npreDeployCommand = ["python manage.py migrate"]\n[deploy.multiRegionConfig.us-west2]\nnumReplicas = 2\n',
      }),
      [],
    );
    assert.deepEqual(await check({ 'railway.json': '{"$schema": "https://railway.com/railway.schema.json", "deploy": {"startCommand": "x", "cronSchedule": "*/5 * * * *"}}' }), []);
  });

  test('CRLF and tab variants', async () => {
    const tree = crlf({ 'railway.toml': '[deploy]\nstartComand = "gunicorn app:app"\n' });
    const [f] = await check(tree);
    assert.equal(textAt(tree, f), 'startComand');
    const tabs = { 'railway.toml': '[deploy]\nstartComand\t=\t"x"\n' };
    await expectPreferredFix(tabs, RULE, 'railway.toml', '[deploy]\nstartCommand\t=\t"x"\n');
  });
});
