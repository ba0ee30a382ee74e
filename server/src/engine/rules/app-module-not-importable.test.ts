import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, crlf, expectPreferredFix, findings, tabbed, textAt } from '../../node/testing';

const RULE = 'app-module-not-importable';
const check = (tree: Record<string, string>) => findings(tree, RULE);
const flaskApp = 'from flask import Flask\napp = Flask(__name__)\n';

describe('app-module-not-importable', () => {
  const moved = { Procfile: 'web: gunicorn wsgi:app --bind 0.0.0.0:$PORT\n', 'server/wsgi.py': flaskApp };

  test('flags a module that exists only in another folder, at the module name', async () => {
    const [f] = await check(moved);
    assert.equal(f.severity, 'error');
    assert.equal(textAt(moved, f), 'wsgi');
    assert.match(f.message, /server\//);
  });

  test('prepending PYTHONPATH is the preferred fix, and it clears the finding', async () => {
    await expectPreferredFix(moved, RULE, 'Procfile', 'web: PYTHONPATH=server gunicorn wsgi:app --bind 0.0.0.0:$PORT\n');
  });

  test('also offers --chdir and the dotted path', async () => {
    const [f] = await check(moved);
    const titles = f.fixes.map((x) => x.title);
    assert.ok(titles.includes('Add --chdir server'));
    assert.ok(titles.includes('Use the module path `server.wsgi`'));
    const chdir = applyFix(moved, f.fixes.find((x) => x.title === 'Add --chdir server')!);
    assert.equal(chdir.Procfile, 'web: gunicorn wsgi:app --bind 0.0.0.0:$PORT --chdir server\n');
    assert.deepEqual(await check(chdir), []);
  });

  test('no finding for importable modules: root module, Django wsgi, cd, third-party names', async () => {
    assert.deepEqual(await check({ Procfile: 'web: gunicorn main:app\n', 'main.py': flaskApp }), []);
    assert.deepEqual(await check({ Procfile: 'web: gunicorn mysite.wsgi\n', 'mysite/__init__.py': '', 'mysite/wsgi.py': 'application = get_wsgi_application()\n' }), []);
    assert.deepEqual(await check({ Procfile: 'web: cd server && gunicorn wsgi:app\n', 'server/wsgi.py': flaskApp }), []);
    assert.deepEqual(await check({ Procfile: 'web: gunicorn somepackage.app:app\n' }), []);
  });

  test('uvicorn --app-dir puts the folder on sys.path', async () => {
    assert.deepEqual(await check({ Procfile: 'web: uvicorn main:app --app-dir src --host 0.0.0.0 --port $PORT\n', 'src/main.py': flaskApp }), []);
    const tree = { Procfile: 'web: uvicorn main:app --host 0.0.0.0 --port $PORT\n', 'src/main.py': flaskApp };
    const [f] = await check(tree);
    assert.ok(f.fixes.some((x) => x.title === 'Add --app-dir src'));
  });

  test('a fix inside a TOML string and inside an sh -c payload keeps the quoting', async () => {
    await expectPreferredFix(
      { 'railway.toml': '[deploy]\nstartCommand = "gunicorn wsgi:app"\n', 'server/wsgi.py': flaskApp },
      RULE,
      'railway.toml',
      '[deploy]\nstartCommand = "PYTHONPATH=server gunicorn wsgi:app"\n',
    );
    await expectPreferredFix(
      { 'railway.toml': `[deploy]\nstartCommand = "sh -c 'gunicorn wsgi:app'"\n`, 'server/wsgi.py': flaskApp },
      RULE,
      'railway.toml',
      `[deploy]\nstartCommand = "sh -c 'PYTHONPATH=server gunicorn wsgi:app'"\n`,
    );
  });

  test('Dockerfile: modules resolve inside the image as the COPY lines place them', async () => {
    const ok = {
      Dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY server/ /app/\nCOPY backend/ /app/backend/\nCMD gunicorn wsgi:app --bind 0.0.0.0:$PORT\n',
      'server/wsgi.py': flaskApp,
      'backend/__init__.py': '',
    };
    assert.deepEqual(await check(ok), []);
    const bad = { Dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD gunicorn wsgi:app --bind 0.0.0.0:$PORT\n', 'server/wsgi.py': flaskApp };
    await expectPreferredFix(bad, RULE, 'Dockerfile', 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD PYTHONPATH=server gunicorn wsgi:app --bind 0.0.0.0:$PORT\n');
  });

  test('a missing submodule of an existing package is an error without a path fix', async () => {
    const tree = { Procfile: 'web: gunicorn app.main:app\n', 'app/__init__.py': '', 'app/views.py': '' };
    const [f] = await check(tree);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /has no module or package `main`/);
  });

  test('silent when the project is pip-installed (src layout with -e .)', async () => {
    assert.deepEqual(await check({ Procfile: 'web: gunicorn pkg.main:app\n', 'requirements.txt': '-e .\n', 'src/pkg/__init__.py': '', 'src/pkg/main.py': flaskApp }), []);
  });

  test('an existing PYTHONPATH is extended, not duplicated', async () => {
    const tree = { Procfile: 'web: PYTHONPATH=lib gunicorn wsgi:app\n', 'server/wsgi.py': flaskApp };
    const [f] = await check(tree);
    assert.equal(applyFix(tree, f.fixes[0]).Procfile, 'web: PYTHONPATH=server:lib gunicorn wsgi:app\n');
  });

  test('a Procfile that Railway does not run gets a warning, not an error', async () => {
    const tree = { ...moved, 'railway.toml': '[deploy]\nstartCommand = "gunicorn main:app"\n', 'main.py': flaskApp };
    const procfile = (await check(tree)).filter((f) => f.file === 'Procfile');
    assert.equal(procfile.length, 1);
    assert.equal(procfile[0].severity, 'warning');
  });

  test('CRLF and tab variants give the same finding and fix', async () => {
    await expectPreferredFix(crlf(moved), RULE, 'Procfile', 'web: PYTHONPATH=server gunicorn wsgi:app --bind 0.0.0.0:$PORT\r\n');
    const tabs = tabbed(moved, 'Procfile');
    const [f] = await check(tabs);
    assert.equal(textAt(tabs, f), 'wsgi');
    assert.equal(applyFix(tabs, f.fixes[0]).Procfile, 'web:\tPYTHONPATH=server gunicorn\twsgi:app\t--bind\t0.0.0.0:$PORT\n');
  });
});

describe('app-module-not-importable when the builder may install the project', () => {
  test('a pyproject.toml with a build system and no requirements.txt lowers the finding to a warning', async () => {
    const tree = {
      Procfile: 'web: gunicorn pkg.main:app\n',
      'pyproject.toml': '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
      'src/pkg/__init__.py': '',
      'src/pkg/main.py': 'app = 1\n',
    };
    const [f] = await findings(tree, 'app-module-not-importable');
    assert.equal(f.severity, 'warning');
  });
});
