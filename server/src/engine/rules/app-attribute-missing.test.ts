import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, crlf, expectPreferredFix, findings, tabbed, textAt } from '../../node/testing';

const RULE = 'app-attribute-missing';
const check = (tree: Record<string, string>) => findings(tree, RULE);

describe('app-attribute-missing', () => {
  const factory = { Procfile: 'web: gunicorn main:app\n', 'main.py': 'from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n' };

  test('missing attribute with a factory: suggests calling it', async () => {
    const [f] = await check(factory);
    assert.equal(f.severity, 'error');
    assert.equal(textAt(factory, f), 'app');
    assert.match(f.message, /Failed to find attribute 'app' in 'main'/);
    await expectPreferredFix(factory, RULE, 'Procfile', "web: gunicorn 'main:create_app()'\n");
  });

  test('missing attribute with one app object of another name', async () => {
    const tree = { Procfile: 'web: uvicorn main:app --host 0.0.0.0 --port $PORT\n', 'main.py': 'from fastapi import FastAPI\napi = FastAPI()\n' };
    await expectPreferredFix(tree, RULE, 'Procfile', 'web: uvicorn main:api --host 0.0.0.0 --port $PORT\n');
  });

  test('uvicorn factory: suggests --factory', async () => {
    const tree = { Procfile: 'web: uvicorn main:app --host 0.0.0.0 --port $PORT\n', 'main.py': 'from fastapi import FastAPI\n\ndef create_app():\n    return FastAPI()\n' };
    await expectPreferredFix(tree, RULE, 'Procfile', 'web: uvicorn main:create_app --host 0.0.0.0 --port $PORT --factory\n');
  });

  test('uvicorn without an attribute', async () => {
    const tree = { Procfile: 'web: uvicorn main --host 0.0.0.0 --port $PORT\n', 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' };
    const [f] = await check(tree);
    assert.match(f.message, /must be in format/);
    await expectPreferredFix(tree, RULE, 'Procfile', 'web: uvicorn main:app --host 0.0.0.0 --port $PORT\n');
  });

  test('gunicorn pointed at a factory function without calling it: warning', async () => {
    const tree = { Procfile: 'web: gunicorn main:create_app\n', 'main.py': factory['main.py'] };
    const [f] = await check(tree);
    assert.equal(f.severity, 'warning');
    const fixed = applyFix(tree, f.fixes[0]);
    assert.equal(fixed.Procfile, "web: gunicorn 'main:create_app()'\n");
    assert.deepEqual(await check(fixed), []);
  });

  test('no finding: attribute present, Django default, star import, module __getattr__', async () => {
    assert.deepEqual(await check({ Procfile: 'web: gunicorn main:app\n', 'main.py': 'app = Flask(__name__)\n' }), []);
    assert.deepEqual(await check({ Procfile: 'web: gunicorn mysite.wsgi\n', 'mysite/__init__.py': '', 'mysite/wsgi.py': 'application = get_wsgi_application()\n' }), []);
    assert.deepEqual(await check({ Procfile: 'web: gunicorn main:app\n', 'main.py': 'from server import *\n' }), []);
    assert.deepEqual(await check({ Procfile: 'web: gunicorn main:app\n', 'main.py': 'def __getattr__(name):\n    return 1\n' }), []);
  });

  test('hypercorn defaults to `app`; waitress factories use --call', async () => {
    assert.deepEqual(await check({ Procfile: 'web: hypercorn main --bind 0.0.0.0:$PORT\n', 'main.py': 'app = 1\n' }), []);
    const waitress = { Procfile: 'web: waitress-serve --port=$PORT main:app\n', 'main.py': 'def create_app():\n    return 1\n' };
    await expectPreferredFix(waitress, RULE, 'Procfile', 'web: waitress-serve --port=$PORT main:create_app --call\n');
  });

  test('a package that shadows a module of the same name is explained', async () => {
    const tree = { Procfile: 'web: gunicorn app:app\n', 'app/__init__.py': '', 'app.py': 'app = Flask(__name__)\n' };
    const [f] = await check(tree);
    assert.match(f.message, /takes precedence over `app\.py`/);
  });

  test('CRLF and tab variants', async () => {
    await expectPreferredFix(crlf(factory), RULE, 'Procfile', "web: gunicorn 'main:create_app()'\r\n");
    const tabs = tabbed(factory, 'Procfile');
    const [f] = await check(tabs);
    assert.equal(textAt(tabs, f), 'app');
  });
});
