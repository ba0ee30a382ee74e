import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crlf, expectPreferredFix, findings, tabbed, textAt } from '../../node/testing';

const RULE = 'module-path-case-mismatch';
const check = (tree: Record<string, string>) => findings(tree, RULE);

const importCase = {
  Procfile: 'web: gunicorn wsgi:app\n',
  'wsgi.py': 'from backend.app import create_app\napp = create_app()\n',
  'Backend/__init__.py': '',
  'Backend/app.py': 'def create_app():\n    pass\n',
};

describe('module-path-case-mismatch', () => {
  test('an import that matches a folder only by case: error at the import, fixed in the code', async () => {
    const [f] = await check(importCase);
    assert.equal(f.severity, 'error');
    assert.equal(f.file, 'wsgi.py');
    assert.equal(textAt(importCase, f), 'backend.app');
    assert.equal(f.related[0].file, 'Procfile');
    await expectPreferredFix(importCase, RULE, 'wsgi.py', 'from Backend.app import create_app\napp = create_app()\n');
  });

  test('the app module of the start command, fixed in the Procfile', async () => {
    const tree = { Procfile: 'web: gunicorn App:app --bind 0.0.0.0:$PORT\n', 'app.py': 'app = Flask(__name__)\n' };
    const [f] = await check(tree);
    assert.equal(textAt(tree, f), 'App');
    await expectPreferredFix(tree, RULE, 'Procfile', 'web: gunicorn app:app --bind 0.0.0.0:$PORT\n');
  });

  test('no finding when the case matches', async () => {
    assert.deepEqual(await check({ ...importCase, 'wsgi.py': 'from Backend.app import create_app\n' }), []);
  });

  test('it does not also report app-module-not-importable', async () => {
    const all = await findings({ Procfile: 'web: gunicorn App:app\n', 'app.py': 'app = 1\n' });
    assert.deepEqual(all.map((f) => f.ruleId), [RULE]);
  });

  test('CRLF and tab variants', async () => {
    const [f] = await check(crlf(importCase));
    assert.equal(f.file, 'wsgi.py');
    const [g] = await check(tabbed({ Procfile: 'web: gunicorn App:app\n', 'app.py': 'app = 1\n' }, 'Procfile'));
    assert.equal(g.file, 'Procfile');
  });
});
