import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, crlf, expectPreferredFix, findings, tabbed, textAt } from '../../node/testing';

const RULE = 'first-party-import-unresolvable';
const check = (tree: Record<string, string>) => findings(tree, RULE);

const script = {
  Procfile: 'web: python backend/src/main.py\n',
  'backend/__init__.py': '',
  'backend/src/__init__.py': '',
  'backend/src/main.py': 'import os\nfrom backend.src.config import Config\n\nif __name__ == "__main__":\n    import uvicorn\n    uvicorn.run("backend.src.main:app", host="0.0.0.0", port=int(os.environ["PORT"]))\n',
  'backend/src/config.py': 'class Config:\n    pass\n',
};

describe('first-party-import-unresolvable', () => {
  test('a script run by path cannot import the package it lives in', async () => {
    const [f] = await check(script);
    assert.equal(f.severity, 'error');
    assert.equal(f.file, 'Procfile');
    assert.equal(textAt(script, f), 'backend/src/main.py');
    assert.match(f.message, /No module named 'backend'/);
    assert.equal(f.related[0].file, 'backend/src/main.py');
    assert.equal(textAt(script, f.related[0]), 'backend.src.config');
  });

  test('PYTHONPATH=. is preferred and clears it', async () => {
    await expectPreferredFix(script, RULE, 'Procfile', 'web: PYTHONPATH=. python backend/src/main.py\n');
  });

  test('python -m is offered too and also clears it', async () => {
    const [f] = await check(script);
    const dashM = f.fixes.find((x) => x.title.startsWith('Run it as a module'))!;
    const fixed = applyFix(script, dashM);
    assert.equal(fixed.Procfile, 'web: python -m backend.src.main\n');
    assert.deepEqual(await check(fixed), []);
  });

  test('gunicorn --chdir moves sys.path away from the package root', async () => {
    const tree = {
      Procfile: 'web: gunicorn --chdir server wsgi:app --bind 0.0.0.0:$PORT\n',
      'server/wsgi.py': 'from backend.app import create_app\napp = create_app()\n',
      'backend/__init__.py': '',
      'backend/app.py': 'def create_app():\n    pass\n',
    };
    await expectPreferredFix(tree, RULE, 'Procfile', 'web: PYTHONPATH=. gunicorn --chdir server wsgi:app --bind 0.0.0.0:$PORT\n');
  });

  test('imports followed through first-party modules are checked too', async () => {
    const tree = {
      Procfile: 'web: gunicorn --chdir api wsgi:app\n',
      'api/wsgi.py': 'from core import app\n',
      'api/core/__init__.py': 'from shared.settings import SETTINGS\napp = object()\n',
      'shared/__init__.py': '',
      'shared/settings.py': 'SETTINGS = {}\n',
    };
    const [f] = await check(tree);
    assert.equal(f.related[0].file, 'api/core/__init__.py');
  });

  test('no finding when imports resolve, are deferred, optional or third-party', async () => {
    assert.deepEqual(await check({ Procfile: 'web: gunicorn wsgi:app\n', 'wsgi.py': 'from backend.app import app\n', 'backend/__init__.py': '', 'backend/app.py': 'app = 1\n' }), []);
    assert.deepEqual(
      await check({
        Procfile: 'web: python app/main.py\n',
        'app/main.py': 'import flask\ntry:\n    from lib.extra import x\nexcept ImportError:\n    x = None\ndef later():\n    from lib.tools import y\n',
        'lib/__init__.py': '',
        'lib/extra.py': '',
        'lib/tools.py': '',
      }),
      [],
    );
  });

  test('a relative import in a script run by path is an error with the -m fix', async () => {
    const tree = { Procfile: 'web: python app/main.py\n', 'app/__init__.py': '', 'app/main.py': 'from .config import settings\n', 'app/config.py': 'settings = {}\n' };
    const [f] = await check(tree);
    assert.match(f.message, /no known parent package/);
    const fixed = applyFix(tree, f.fixes[0]);
    assert.equal(fixed.Procfile, 'web: python -m app.main\n');
    assert.deepEqual(await check(fixed), []);
  });

  test('an import under a top-level if is a warning', async () => {
    const tree = { ...script, 'backend/src/main.py': 'import os\nif os.environ.get("X"):\n    from backend.src.config import Config\n' };
    const [f] = await check(tree);
    assert.equal(f.severity, 'warning');
  });

  test('exec-form Dockerfile CMD gets an env PYTHONPATH fix in JSON', async () => {
    const tree = {
      Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["python", "backend/src/main.py"]\n',
      'backend/__init__.py': '',
      'backend/src/__init__.py': '',
      'backend/src/main.py': 'from backend.src.config import Config\n',
      'backend/src/config.py': '',
    };
    await expectPreferredFix(tree, RULE, 'Dockerfile', 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["env", "PYTHONPATH=.", "python", "backend/src/main.py"]\n');
  });

  test('a package the Dockerfile does not copy into the image', async () => {
    const tree = {
      Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY server/ .\nCMD ["python", "/app/main.py"]\n',
      'server/main.py': 'from shared.config import settings\n',
      'shared/__init__.py': '',
      'shared/config.py': 'settings = {}\n',
    };
    const [f] = await check(tree);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /not copied into the image/);
  });

  test('an absolute script path inside the image is followed', async () => {
    const tree = {
      Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . /app\nCMD ["python", "/app/svc/main.py"]\n',
      'svc/main.py': 'from lib.util import x\n',
      'lib/__init__.py': '',
      'lib/util.py': 'x = 1\n',
    };
    const [f] = await check(tree);
    assert.match(f.message, /No module named 'lib'/);
    assert.deepEqual(await check({ ...tree, Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . /app\nENV PYTHONPATH=/app\nCMD ["python", "/app/svc/main.py"]\n' }), []);
  });

  test('CRLF and tab variants', async () => {
    await expectPreferredFix(crlf(script), RULE, 'Procfile', 'web: PYTHONPATH=. python backend/src/main.py\r\n');
    const tabs = tabbed(script, 'Procfile');
    const [f] = await check(tabs);
    assert.equal(textAt(tabs, f), 'backend/src/main.py');
  });
});
