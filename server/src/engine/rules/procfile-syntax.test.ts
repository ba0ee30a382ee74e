import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, findings, textAt } from '../../node/testing';

const RULE = 'procfile-syntax';
const check = (tree: Record<string, string>) => findings(tree, RULE);

describe('procfile-syntax', () => {
  test('a well-formed Procfile has no findings', async () => {
    assert.deepEqual(await check({ Procfile: 'web: gunicorn app:app --bind 0.0.0.0:$PORT\nworker: celery -A app worker\n' }), []);
  });

  test('no space after the colon is an error with a fix', async () => {
    const tree = { Procfile: 'web:gunicorn app:app\n' };
    const [f] = await check(tree);
    assert.equal(f.severity, 'error');
    assert.equal(textAt(tree, f), 'web:');
    const fixed = applyFix(tree, f.fixes[0]);
    assert.equal(fixed.Procfile, 'web: gunicorn app:app\n');
    assert.deepEqual(await check(fixed), []);
  });

  test('`: ` inside the command breaks the YAML reading, an error on Railway', async () => {
    const tree = { Procfile: "web: gunicorn app:app --access-logformat '%(h)s: %(r)s'\n", 'railway.toml': '[deploy]\n' };
    const [f] = await check(tree);
    assert.equal(f.severity, 'error');
    assert.equal(textAt(tree, f), ':');
    assert.match(f.message, /mapping values/);
  });

  test('the same line is only a warning when Railway is not in sight', async () => {
    const [f] = await check({ Procfile: "web: gunicorn app:app --access-logformat '%(h)s: %(r)s'\n" });
    assert.equal(f.severity, 'warning');
  });

  test('CRLF line endings: warning, fix converts to LF, applying twice changes nothing', async () => {
    const tree = { Procfile: 'web: gunicorn app:app\r\nworker: celery -A app worker\r\n' };
    const [f] = await check(tree);
    assert.equal(f.severity, 'warning');
    const fixed = applyFix(tree, f.fixes[0]);
    assert.equal(fixed.Procfile, 'web: gunicorn app:app\nworker: celery -A app worker\n');
    assert.deepEqual(await check(fixed), []);
  });

  test('a tab after the colon is flagged at the tab', async () => {
    const tree = { Procfile: 'web:\tgunicorn app:app\n', 'railway.json': '{}' };
    const [f] = await check(tree);
    assert.equal(textAt(tree, f), '\t');
    assert.equal(f.severity, 'error');
    assert.equal(applyFix(tree, f.fixes[0]).Procfile, 'web: gunicorn app:app\n');
  });

  test('duplicates point at the earlier definition', async () => {
    const tree = { Procfile: 'web: python app.py\nweb: gunicorn app:app\n' };
    const [f] = await check(tree);
    assert.equal(f.severity, 'warning');
    assert.equal(f.range.start, 0);
    assert.equal(applyFix(tree, f.fixes[0]).Procfile, 'web: gunicorn app:app\n');
  });

  test('no web process on a Heroku-style project', async () => {
    const [f] = await check({ Procfile: 'worker: celery -A app worker\n' });
    assert.match(f.message, /H14/);
  });

  test('a bare command line gets a fix that names it web', async () => {
    const tree = { Procfile: 'gunicorn app:app\n' };
    const [f] = await check(tree);
    assert.equal(f.severity, 'error');
    assert.equal(applyFix(tree, f.fixes[0]).Procfile, 'web: gunicorn app:app\n');
  });

  test('uppercase process names are renamed', async () => {
    const tree = { Procfile: 'Web: gunicorn app:app\n' };
    const [f] = await check(tree);
    const fixed = applyFix(tree, f.fixes[0]);
    assert.equal(fixed.Procfile, 'web: gunicorn app:app\n');
    assert.deepEqual(await check(fixed), []);
  });

  test('a suppression comment silences the next line', async () => {
    assert.deepEqual(await check({ Procfile: '# deploy-doctor-disable-next-line procfile-syntax\nweb:gunicorn app:app\n' }), []);
  });
});

describe('procfile-syntax on files only foreman and honcho read', () => {
  test('Procfile.dev: foreman accepts `web:cmd`, so no finding; skipped lines are warnings', async () => {
    assert.deepEqual(await check({ 'Procfile.dev': 'web:flask run\r\n' }), []);
    const [f] = await check({ 'Procfile.dev': 'flask run\n' });
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /foreman and honcho skip it/);
  });
});
