import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, crlf, expectPreferredFix, findings, tabbed, textAt } from '../../node/testing';

const RULE = 'host-not-reachable';
const check = (tree: Record<string, string>) => findings(tree, RULE);
const fastapi = 'from fastapi import FastAPI\napp = FastAPI()\n';

describe('host-not-reachable', () => {
  const flaskApp = (run: string) => `import os\nfrom flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    ${run}\n`;

  test('python app.py with Flask app.run() on its default host: error on the call, fixed by host="0.0.0.0"', async () => {
    const tree = { Procfile: 'web: python app.py\n', 'app.py': flaskApp('app.run(debug=False)') };
    const [f] = await check(tree);
    assert.equal(f.file, 'app.py');
    assert.equal(f.severity, 'error');
    assert.equal(textAt(tree, f), 'app.run');
    assert.match(f.message, /127\.0\.0\.1/);
    assert.equal(f.related[0].file, 'Procfile');
    await expectPreferredFix(tree, RULE, 'app.py', flaskApp('app.run(debug=False, host="0.0.0.0")'));
    const empty = { Procfile: 'web: python app.py\n', 'app.py': flaskApp('app.run()') };
    await expectPreferredFix(empty, RULE, 'app.py', flaskApp('app.run(host="0.0.0.0")'));
  });

  test('an explicit loopback host in app.run / uvicorn.run is replaced; uvicorn.run without host gets one', async () => {
    const flask = { 'railway.toml': '[deploy]\nstartCommand = "python app.py"\n', 'app.py': flaskApp('app.run(host="127.0.0.1", port=int(os.environ["PORT"]))') };
    await expectPreferredFix(flask, RULE, 'app.py', flaskApp('app.run(host="0.0.0.0", port=int(os.environ["PORT"]))'));
    const uvicornMain = (run: string) => `import os\nimport uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\nif __name__ == "__main__":\n    ${run}\n`;
    const uv = { Procfile: 'web: python -m main\n', 'main.py': uvicornMain('uvicorn.run(app, port=int(os.environ["PORT"]),)') };
    await expectPreferredFix(uv, RULE, 'main.py', uvicornMain('uvicorn.run(app, port=int(os.environ["PORT"]), host="0.0.0.0")'));
  });

  test('no finding: a reachable or computed host, **options, SERVER_NAME, an unknown server, a run that never executes, the module served by gunicorn', async () => {
    const quiet = [
      flaskApp('app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)))'),
      flaskApp('app.run(host=os.environ.get("HOST", "0.0.0.0"))'),
      flaskApp('app.run(**options)'),
      flaskApp('app.config["SERVER_NAME"] = "example.com"; app.run()'),
      'import server\nsrv = server.Server()\nsrv.run()\n',
      'from flask import Flask\napp = Flask(__name__)\ndef main():\n    app.run()\n',
    ];
    for (const source of quiet) assert.deepEqual(await check({ Procfile: 'web: python app.py\n', 'app.py': source }), [], source);
    assert.deepEqual(await check({ Procfile: 'web: gunicorn app:app\n', 'app.py': flaskApp('app.run()') }), []);
  });

  test('uvicorn on its default host in railway.toml: error with --host 0.0.0.0', async () => {
    const tree = { 'railway.toml': '[deploy]\nstartCommand = "uvicorn main:app --port $PORT"\n', 'main.py': fastapi };
    const [f] = await check(tree);
    assert.equal(f.severity, 'error');
    assert.equal(textAt(tree, f), 'main:app');
    assert.match(f.message, /127\.0\.0\.1/);
    assert.match(f.message, /502/);
    await expectPreferredFix(tree, RULE, 'railway.toml', '[deploy]\nstartCommand = "uvicorn main:app --port $PORT --host 0.0.0.0"\n');
  });

  test('an explicit loopback bind: the host part is replaced', async () => {
    const tree = { Procfile: 'web: gunicorn main:app --bind 127.0.0.1:$PORT\n', 'main.py': 'app = 1\n' };
    const [f] = await check(tree);
    assert.equal(textAt(tree, f), '127.0.0.1');
    await expectPreferredFix(tree, RULE, 'Procfile', 'web: gunicorn main:app --bind 0.0.0.0:$PORT\n');
  });

  test('flask run --host localhost, Django runserver defaults', async () => {
    const flask = { Procfile: 'web: flask --app main run --host localhost --port $PORT\n', 'main.py': 'app = 1\n' };
    await expectPreferredFix(flask, RULE, 'Procfile', 'web: flask --app main run --host 0.0.0.0 --port $PORT\n');
    const django = { Procfile: 'web: python manage.py runserver\n', 'manage.py': '' };
    await expectPreferredFix(django, RULE, 'Procfile', 'web: python manage.py runserver 0.0.0.0:${PORT:-8000}\n');
    const djangoPort = { Procfile: 'web: python manage.py runserver $PORT\n', 'manage.py': '' };
    const [f] = await check(djangoPort);
    assert.equal(f.fixes.length, 0);
  });

  test('uvicorn --host :: is IPv6-only: a warning, but not with several workers', async () => {
    const tree = { Procfile: 'web: uvicorn main:app --host :: --port $PORT\n', 'main.py': fastapi };
    const [f] = await check(tree);
    assert.equal(f.severity, 'warning');
    assert.equal(textAt(tree, f), '::');
    assert.deepEqual(await check({ Procfile: 'web: uvicorn main:app --host :: --port $PORT --workers 2\n', 'main.py': fastapi }), []);
    assert.deepEqual(await check({ Procfile: 'web: gunicorn main:app --bind [::]:$PORT\n', 'main.py': 'app = 1\n' }), []);
  });

  test('gunicorn without --bind in a plain image: warning; fine where PORT is set', async () => {
    const image = { Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD gunicorn main:app\n', 'main.py': 'app = 1\n' };
    const [f] = await check(image);
    assert.equal(f.severity, 'warning');
    await expectPreferredFix(image, RULE, 'Dockerfile', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD gunicorn main:app --bind 0.0.0.0:${PORT:-8000}\n');
    assert.deepEqual(await check({ ...image, Dockerfile: 'FROM python:3.12\nENV PORT=8000\nWORKDIR /app\nCOPY . .\nCMD gunicorn main:app\n' }), []);
    assert.deepEqual(await check({ Procfile: 'web: gunicorn main:app\n', 'main.py': 'app = 1\n' }), []);
  });

  test('an exec-form option that needs $PORT moves the command into sh -c', async () => {
    const tree = { Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "main:app"]\n', 'main.py': 'app = 1\n' };
    await expectPreferredFix(tree, RULE, 'Dockerfile', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["sh", "-c", "exec gunicorn main:app --bind 0.0.0.0:${PORT:-8000}"]\n');
  });

  test('exec-form CMD gets the option as JSON strings', async () => {
    const tree = { Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["uvicorn", "main:app", "--port", "8000"]\n', 'main.py': fastapi };
    await expectPreferredFix(tree, RULE, 'Dockerfile', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["uvicorn", "main:app", "--port", "8000", "--host", "0.0.0.0"]\n');
  });

  test('no finding: 0.0.0.0, a worker process, a host from a variable, unknown programs', async () => {
    assert.deepEqual(await check({ Procfile: 'web: uvicorn main:app --host 0.0.0.0 --port $PORT\n', 'main.py': fastapi }), []);
    assert.deepEqual(await check({ Procfile: 'web: gunicorn main:app\nmetrics: uvicorn metrics:app\n', 'main.py': 'app = 1\n', 'metrics.py': fastapi }), []);
    assert.deepEqual(await check({ Procfile: 'web: uvicorn main:app --host $HOST --port $PORT\n', 'main.py': fastapi }), []);
    assert.deepEqual(await check({ Procfile: 'web: node server.js\n' }), []);
  });

  test('CRLF and tab variants', async () => {
    const tree = { Procfile: 'web: uvicorn main:app --port $PORT\n', 'main.py': fastapi };
    await expectPreferredFix(crlf(tree), RULE, 'Procfile', 'web: uvicorn main:app --port $PORT --host 0.0.0.0\r\n');
    const tabs = tabbed(tree, 'Procfile');
    const [f] = await check(tabs);
    assert.equal(applyFix(tabs, f.fixes[0]).Procfile, 'web:\tuvicorn\tmain:app\t--port\t$PORT --host 0.0.0.0\n');
  });
});
