import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crlf, expectPreferredFix, findings, tabbed, textAt } from '../../node/testing';

const RULE = 'exec-form-env-not-expanded';
const check = (tree: Record<string, string>) => findings(tree, RULE);
const flask = 'from flask import Flask\napp = Flask(__name__)\n';
const docker = (cmd: string) => `FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n${cmd}\n`;

describe('exec-form-env-not-expanded', () => {
  test('$PORT in an exec-form CMD: error at the variable, fixed with sh -c exec', async () => {
    const tree = { Dockerfile: docker('CMD ["gunicorn", "--bind", "0.0.0.0:$PORT", "app:app"]'), 'app.py': flask };
    const [f] = await check(tree);
    assert.equal(f.severity, 'error');
    assert.equal(textAt(tree, f), '$PORT');
    assert.match(f.message, /not a valid port number/);
    await expectPreferredFix(tree, RULE, 'Dockerfile', docker('CMD ["sh", "-c", "exec gunicorn --bind 0.0.0.0:${PORT} app:app"]'));
  });

  test('${PORT:-8000} in ENTRYPOINT keeps its default through the fix', async () => {
    const tree = { Dockerfile: docker('ENTRYPOINT ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "${PORT:-8000}"]'), 'main.py': 'app = 1\n' };
    await expectPreferredFix(tree, RULE, 'Dockerfile', docker('ENTRYPOINT ["sh", "-c", "exec uvicorn main:app --host 0.0.0.0 --port ${PORT:-8000}"]'));
  });

  test('a Railway start command on a Dockerfile service runs without a shell', async () => {
    const tree = {
      'railway.toml': '[build]\nbuilder = "DOCKERFILE"\n\n[deploy]\nstartCommand = "uvicorn main:app --host 0.0.0.0 --port $PORT"\n',
      Dockerfile: docker('CMD ["uvicorn", "main:app"]'),
      'main.py': 'app = 1\n',
    };
    const [f] = await check(tree);
    assert.equal(f.file, 'railway.toml');
    await expectPreferredFix(tree, RULE, 'railway.toml', `[build]\nbuilder = "DOCKERFILE"\n\n[deploy]\nstartCommand = "sh -c 'exec uvicorn main:app --host 0.0.0.0 --port \${PORT}'"\n`);
  });

  test('railway.json works the same, and a detected Dockerfile counts as a Dockerfile build', async () => {
    const tree = { 'railway.json': '{\n  "deploy": {\n    "startCommand": "gunicorn app:app --bind 0.0.0.0:$PORT"\n  }\n}\n', Dockerfile: docker('CMD gunicorn app:app'), 'app.py': flask };
    await expectPreferredFix(tree, RULE, 'railway.json', '{\n  "deploy": {\n    "startCommand": "sh -c \'exec gunicorn app:app --bind 0.0.0.0:${PORT}\'"\n  }\n}\n');
  });

  test('shell syntax in a shell-less start command: cd and &&', async () => {
    const tree = { 'railway.toml': '[deploy]\nstartCommand = "cd backend && gunicorn app:app"\n', Dockerfile: docker('CMD gunicorn app:app') };
    const [f] = await check(tree);
    assert.equal(textAt(tree, f), 'cd');
    assert.match(f.message, /could not be found/);
    // The fix keeps the command as written, so `cd` and `&&` work inside the shell.
    await expectPreferredFix(tree, RULE, 'railway.toml', `[deploy]\nstartCommand = "sh -c 'cd backend && gunicorn app:app'"\n`);
  });

  test('an unknown program gets a warning: the literal text is certain, its effect is not', async () => {
    const [f] = await check({ Dockerfile: docker('CMD ["node", "server.js", "--port", "${PORT:-3000}"]') });
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /\$\{PORT:-3000\}/);
  });

  test('no finding: shell form, sh -c already, Railpack services, no variables', async () => {
    assert.deepEqual(await check({ Dockerfile: docker('CMD gunicorn --bind 0.0.0.0:$PORT app:app'), 'app.py': flask }), []);
    assert.deepEqual(await check({ Dockerfile: docker('CMD ["sh", "-c", "exec gunicorn --bind 0.0.0.0:$PORT app:app"]'), 'app.py': flask }), []);
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nstartCommand = "gunicorn app:app --bind 0.0.0.0:$PORT"\n', 'app.py': flask }), []);
    assert.deepEqual(await check({ Dockerfile: docker('CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]'), 'app.py': flask }), []);
  });

  test('CRLF and tab variants', async () => {
    const tree = { Dockerfile: docker('CMD ["gunicorn", "--bind", "0.0.0.0:$PORT", "app:app"]'), 'app.py': flask };
    const lf = await check(tree);
    const windows = await check(crlf(tree));
    assert.equal(windows.length, 1);
    assert.equal(textAt(crlf(tree), windows[0]), '$PORT');
    assert.equal(lf[0].message, windows[0].message);
    const tabs = tabbed(tree, 'Dockerfile', /^CMD/);
    const [t] = await check(tabs);
    assert.equal(textAt(tabs, t), '$PORT');
  });
});
