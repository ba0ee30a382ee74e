import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crlf, expectPreferredFix, findings, textAt } from '../../node/testing';

const RULE = 'healthcheck-path';
const check = (tree: Record<string, string>) => findings(tree, RULE);
const fastapi = 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n\n@app.get("/items/{item_id}")\ndef item(item_id: int):\n    return {}\n';

describe('healthcheck-path', () => {
  test('a path without a leading slash: error with a fix', async () => {
    await expectPreferredFix({ 'railway.toml': '[deploy]\nhealthcheckPath = "health"\n' }, RULE, 'railway.toml', '[deploy]\nhealthcheckPath = "/health"\n');
  });

  test('a path the app does not declare: warning, with the routes as related information', async () => {
    const tree = { 'railway.toml': '[deploy]\nhealthcheckPath = "/healthz"\n', 'main.py': fastapi };
    const [f] = await check(tree);
    assert.equal(f.severity, 'warning');
    assert.equal(textAt(tree, f), '"/healthz"');
    assert.match(f.message, /404/);
    assert.equal(f.related[0].file, 'main.py');
  });

  test('a trailing-slash mismatch is fixed to the declared route', async () => {
    const flask = 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/health/")\ndef health():\n    return "ok"\n';
    await expectPreferredFix({ 'railway.json': '{"deploy": {"healthcheckPath": "/health"}}', 'app.py': flask }, RULE, 'railway.json', '{"deploy": {"healthcheckPath": "/health/"}}');
  });

  test('no finding: declared routes, path parameters, Django URLconfs, mounted prefixes, apps without routes', async () => {
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nhealthcheckPath = "/health"\n', 'main.py': fastapi }), []);
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nhealthcheckPath = "/items/1"\n', 'main.py': fastapi }), []);
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nhealthcheckPath = "/health/"\n', 'mysite/urls.py': 'from django.urls import path\nurlpatterns = [path("health/", views.health)]\n' }), []);
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nhealthcheckPath = "/api/health"\n', 'main.py': fastapi }), []);
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nhealthcheckPath = "/health"\n', 'worker.py': 'print(1)\n' }), []);
  });

  test('CRLF and tabs', async () => {
    const tree = crlf({ 'railway.toml': '[deploy]\nhealthcheckPath\t=\t"/nope"\n', 'main.py': fastapi });
    const [f] = await check(tree);
    assert.equal(textAt(tree, f), '"/nope"');
  });
});
