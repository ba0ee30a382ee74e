import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { memoryFiles } from '../files';
import { applyFix, testEngine } from '../../node/testing';
import { readFileSync } from 'node:fs';
import { diagnoseLog } from './index';
import { linkDiagnosis, type LinkContext } from './link';
import type { Category, LogCause, LogDiagnosis } from './types';

const LOG = new URL('../../../../test/fixtures/logs/platform/seed-000-railway.log', import.meta.url);

function cause(category: Category, values: Record<string, string>): LogCause {
  return { category, confidence: 0.6, message: 'The app crashed.', evidence: [], locations: [], fixes: [], explains: ['http_502'], signature: 'test', values };
}

async function link(tree: Record<string, string>, c: LogCause): Promise<LogCause> {
  const engine = await testEngine();
  const diagnosis: LogDiagnosis = { causes: [c], symptoms: [], platform: 'railway', redactions: 0, lines: 1 };
  return engine.linkLog(memoryFiles(tree), diagnosis).causes[0];
}

const seed000 = {
  Procfile: 'web: gunicorn --chdir server wsgi:app --workers 2 --timeout 30 --bind 0.0.0.0:$PORT\n',
  'server/wsgi.py': 'from backend.factory import create_app\n\napp = create_app()\n',
  'backend/__init__.py': '',
  'backend/factory.py': 'def create_app():\n    pass\n',
};

describe('linking log causes to the project', () => {
  test('seed 000 shape: the backend import links to the Procfile line with the PYTHONPATH fix', async () => {
    const linked = await link(seed000, cause('module_not_found_pythonpath', { module: 'backend' }));
    assert.equal(linked.ruleId, 'first-party-import-unresolvable');
    assert.equal(linked.locations[0].file, 'Procfile');
    assert.equal(linked.locations[0].range.start.line, 0);
    const fix = linked.fixes.find((f) => f.isPreferred);
    assert.equal(fix?.title, 'Prepend PYTHONPATH=. to the start command');
    assert.equal(applyFix(seed000, { title: fix!.title, edits: fix!.edits! }).Procfile, 'web: PYTHONPATH=. gunicorn --chdir server wsgi:app --workers 2 --timeout 30 --bind 0.0.0.0:$PORT\n');
  });

  test('seed 002 shape: the src import links to the service file and is recognised as root-directory isolation', async () => {
    const tree = {
      'railway.json': '{"build": {"builder": "RAILPACK"}}\n',
      'health-service/requirements.txt': 'fastapi\n',
      'health-service/main.py': 'import os\n\nfrom src.config import Config\n',
      'src/__init__.py': '',
      'src/config.py': 'class Config:\n    pass\n',
    };
    const linked = await link(tree, cause('module_not_found_pythonpath', { module: 'src' }));
    assert.equal(linked.category, 'monorepo_root_directory_isolation');
    assert.equal(linked.ruleId, 'service-imports-outside-root');
    assert.deepEqual(linked.locations.map((l) => [l.file, l.range.start.line]), [['health-service/main.py', 2]]);
  });

  test('a first-party module with no static finding still points at the start command', async () => {
    // The dashboard start command is not in the repo; the Procfile is a plain `gunicorn wsgi:app` that works here.
    const tree = { Procfile: 'web: gunicorn wsgi:app\n', 'wsgi.py': 'app = 1\n', 'lib/backend/__init__.py': '' };
    const linked = await link(tree, cause('module_not_found_pythonpath', { module: 'backend' }));
    assert.equal(linked.locations[0].file, 'Procfile');
    assert.equal(linked.fixes[0].title, 'Prepend PYTHONPATH=lib to the start command');
  });

  test('a third-party module: the distribution is added to requirements.txt', async () => {
    const tree = { Procfile: 'web: gunicorn main:app\n', 'main.py': 'import yaml\napp = 1\n', 'requirements.txt': 'flask\ngunicorn' };
    const linked = await link(tree, cause('module_not_found_missing_dependency', { module: 'yaml' }));
    assert.equal(linked.category, 'module_not_found_missing_dependency');
    const fix = linked.fixes[0];
    assert.equal(fix.title, 'Add PyYAML to requirements.txt');
    assert.equal(applyFix(tree, { title: fix.title, edits: fix.edits! })['requirements.txt'], 'flask\ngunicorn\nPyYAML\n');
  });

  test('a distribution requirements.txt already lists (any case, with pins and markers) gets no fix; CRLF files get CRLF', async () => {
    const listed = await link({ 'requirements.txt': 'flask\r\npyyaml>=6.0 ; python_version>"3"\r\n' }, cause('module_not_found_missing_dependency', { module: 'yaml' }));
    assert.match(listed.message, /`PyYAML` is listed in requirements\.txt/);
    assert.deepEqual(listed.fixes, []);
    const tree = { 'requirements.txt': 'flask\r\ngunicorn' };
    const added = await link(tree, cause('module_not_found_missing_dependency', { module: 'flask_cors' }));
    assert.equal(applyFix(tree, { title: added.fixes[0].title, edits: added.fixes[0].edits! })['requirements.txt'], 'flask\r\ngunicorn\r\nflask-cors\r\n');
  });

  test('no manifest in the workspace: the message says what to look for', async () => {
    const linked = await link({ 'main.py': 'import jwt\n' }, cause('module_not_found_missing_dependency', { module: 'jwt' }));
    assert.deepEqual(linked.locations, []);
    assert.match(linked.message, /PyJWT/);
  });

  test('unexpanded $PORT links to the exec-form CMD with the sh -c fix', async () => {
    const tree = { Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "--bind", "0.0.0.0:$PORT", "app:app"]\n', 'app.py': 'app = 1\n' };
    const linked = await link(tree, cause('exec_form_no_env_expansion', { port: '$PORT', variable: 'PORT' }));
    assert.equal(linked.ruleId, 'exec-form-env-not-expanded');
    assert.equal(linked.locations[0].range.start.line, 3);
    assert.match(linked.fixes[0].title, /sh -c/);
  });

  test('a loopback bind links to the host flag', async () => {
    const tree = { 'railway.toml': '[deploy]\nstartCommand = "uvicorn main:app --port $PORT"\n', 'main.py': 'app = 1\n' };
    const linked = await link(tree, cause('port_not_bound_or_wrong_host', { host: '127.0.0.1', port: '8000' }));
    assert.equal(linked.ruleId, 'host-not-reachable');
    assert.equal(linked.fixes[0].title, 'Add --host 0.0.0.0');
  });

  test('a missing variable links to the code that reads it; a healthcheck 404 to healthcheckPath', async () => {
    const tree = { 'railway.toml': '[deploy]\nhealthcheckPath = "/healthz"\n', 'app/config.py': 'import os\n\nSECRET = os.environ["SECRET_KEY"]\n' };
    const env = await link(tree, cause('missing_env_var', { variable: 'SECRET_KEY' }));
    assert.deepEqual(env.locations.map((l) => [l.file, l.range.start.line]), [['app/config.py', 2]]);
    const health = await link(tree, cause('healthcheck_path_wrong', { path: '/healthz', status: '404' }));
    assert.deepEqual(health.locations.map((l) => [l.file, l.range.start.line]), [['railway.toml', 1]]);
  });

  test('a traceback frame inside the image maps back to the project file', async () => {
    const tree = { 'src/app/main.py': 'import os\nraise RuntimeError("boom")\n' };
    const linked = await link(tree, cause('startup_crash_in_lifespan', { file: '/app/src/app/main.py', line: '2' }));
    assert.deepEqual(linked.locations.map((l) => [l.file, l.range.start.line]), [['src/app/main.py', 1]]);
  });

  test('a module the project has turns a guessed missing dependency into a sys.path cause; symptoms and rule id follow', async () => {
    const tree = { Procfile: 'web: gunicorn wsgi:app\n', 'wsgi.py': 'app = 1\n', 'lib/backend/__init__.py': '' };
    const engine = await testEngine();
    const diagnosis: LogDiagnosis = {
      causes: [cause('module_not_found_missing_dependency', { module: 'backend' })],
      symptoms: [{ id: 'http_502', message: '502', evidence: [], signature: 'test', explainedBy: ['module_not_found_missing_dependency'] }],
      platform: 'railway',
      redactions: 0,
      lines: 1,
    };
    const linked = engine.linkLog(memoryFiles(tree), diagnosis);
    assert.equal(linked.causes[0].category, 'module_not_found_pythonpath');
    assert.equal(linked.causes[0].ruleId, 'app-module-not-importable');
    assert.deepEqual(linked.symptoms[0].explainedBy, ['module_not_found_pythonpath']);
  });

  test('root-directory isolation without a static finding keeps its category and proposes no PYTHONPATH', async () => {
    // No service folder here (api/ has no manifest), so no static finding: the log alone says isolation.
    const tree = { 'api/main.py': 'from shared import x\n', 'shared/__init__.py': '' };
    const linked = await link(tree, { ...cause('monorepo_root_directory_isolation', { module: 'shared' }), ruleId: 'service-imports-outside-root' });
    assert.equal(linked.category, 'monorepo_root_directory_isolation');
    assert.equal(linked.ruleId, 'service-imports-outside-root');
    assert.deepEqual(linked.fixes, []);
    assert.match(linked.message, /shared/);
  });

  test('an app module the workspace does not have is never proposed as a dependency', async () => {
    const tree = { Procfile: 'web: gunicorn wsgi:app\n', 'requirements.txt': 'flask\n', 'server/app.py': 'app = 1\n' };
    const linked = await link(tree, cause('wrong_app_module_path', { module: 'wsgi' }));
    assert.equal(linked.category, 'wrong_app_module_path');
    assert.ok(!linked.fixes.some((f) => /requirements/.test(f.title)), JSON.stringify(linked.fixes));
  });

  test('the seed 000 log, diagnosed and then linked: the Procfile line with its fix', async () => {
    const engine = await testEngine();
    const linked = engine.linkLog(memoryFiles(seed000), diagnoseLog(readFileSync(LOG, 'utf8')));
    assert.equal(linked.causes[0].locations[0].file, 'Procfile');
    assert.equal(linked.causes[0].fixes[0].title, 'Prepend PYTHONPATH=. to the start command');
  });

  test('a cause whose linking fails keeps what the log said: the links are lost, never the diagnosis', () => {
    const broken = new Proxy({}, { get: () => { throw new Error('no plan'); } }) as LinkContext['project'];
    const c = cause('missing_env_var', { variable: 'SECRET_KEY' });
    const diagnosis: LogDiagnosis = { causes: [c], symptoms: [], platform: 'railway', redactions: 0, lines: 1 };
    const linked = linkDiagnosis({ project: broken, findings: [] }, diagnosis);
    assert.deepEqual(linked.causes, [c]);
    assert.deepEqual(linked.causes[0].locations, []);
  });
});

