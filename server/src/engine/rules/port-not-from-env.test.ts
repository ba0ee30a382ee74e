import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crlf, expectPreferredFix, findings, tabbed, textAt } from '../../node/testing';

const RULE = 'port-not-from-env';
const check = (tree: Record<string, string>) => findings(tree, RULE);
const fastapi = 'from fastapi import FastAPI\napp = FastAPI()\n';

describe('port-not-from-env', () => {
  test('a fixed --port on Railway: warning, replaced by ${PORT:-8000}', async () => {
    const tree = { 'railway.toml': '[deploy]\nstartCommand = "uvicorn main:app --host 0.0.0.0 --port 8000"\n', 'main.py': fastapi };
    const [f] = await check(tree);
    assert.equal(f.severity, 'warning');
    assert.equal(textAt(tree, f), '8000');
    await expectPreferredFix(tree, RULE, 'railway.toml', '[deploy]\nstartCommand = "uvicorn main:app --host 0.0.0.0 --port ${PORT:-8000}"\n');
  });

  test('a fixed bind port on Heroku is an error (R10), only the port part is replaced', async () => {
    const tree = { Procfile: 'web: gunicorn main:app --bind 0.0.0.0:5000\n', 'main.py': 'app = 1\n' };
    const [f] = await check(tree);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /R10/);
    await expectPreferredFix(tree, RULE, 'Procfile', 'web: gunicorn main:app --bind 0.0.0.0:${PORT:-5000}\n');
  });

  test("a server's default port: adds --port ${PORT:-8000}", async () => {
    const tree = { Procfile: 'web: uvicorn main:app --host 0.0.0.0\n', 'main.py': fastapi };
    await expectPreferredFix(tree, RULE, 'Procfile', 'web: uvicorn main:app --host 0.0.0.0 --port ${PORT:-8000}\n');
  });

  test('exec-form on a Railway Dockerfile service: wrapped in sh -c', async () => {
    const tree = {
      'railway.toml': '[build]\nbuilder = "DOCKERFILE"\n',
      Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]\n',
      'main.py': fastapi,
    };
    await expectPreferredFix(
      tree,
      RULE,
      'Dockerfile',
      'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["sh", "-c", "exec uvicorn main:app --host 0.0.0.0 --port ${PORT:-8000}"]\n',
    );
  });

  test('no finding: $PORT, ${PORT:-8000}, gunicorn without bind, a plain image, other variables', async () => {
    assert.deepEqual(await check({ Procfile: 'web: uvicorn main:app --host 0.0.0.0 --port $PORT\n', 'main.py': fastapi }), []);
    assert.deepEqual(await check({ Procfile: 'web: gunicorn main:app --bind 0.0.0.0:${PORT:-8000}\n', 'main.py': 'app = 1\n' }), []);
    assert.deepEqual(await check({ Procfile: 'web: gunicorn main:app\n', 'main.py': 'app = 1\n' }), []);
    assert.deepEqual(await check({ Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]\n', 'main.py': fastapi }), []);
    assert.deepEqual(await check({ Procfile: 'web: uvicorn main:app --host 0.0.0.0 --port $APP_PORT\n', 'main.py': fastapi }), []);
  });

  test('CRLF and tab variants', async () => {
    const tree = { Procfile: 'web: gunicorn main:app --bind 0.0.0.0:5000\n', 'main.py': 'app = 1\n' };
    await expectPreferredFix(crlf(tree), RULE, 'Procfile', 'web: gunicorn main:app --bind 0.0.0.0:${PORT:-5000}\r\n');
    const tabs = tabbed(tree, 'Procfile');
    const [f] = await check(tabs);
    assert.equal(textAt(tabs, f), '5000');
  });
});
