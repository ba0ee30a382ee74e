/** `deployDoctor/deployPlan` and `deployDoctor/planChanged` over the protocol. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeployPlanResult } from '../../server/src/protocol';
import { Harness } from './harness';
import { FLASK_APP } from './fixtures';

const RAILWAY_TOML = '[build]\nbuilder = "RAILPACK"\n\n[deploy]\nstartCommand = "gunicorn app:app --bind 0.0.0.0:$PORT"\nhealthcheckPath = "/health"\n';

const project = {
  'app.py': `${FLASK_APP}\n@app.get("/health")\ndef health():\n    return "ok"\n`,
  'requirements.txt': 'flask\ngunicorn\n',
  'railway.toml': RAILWAY_TOML,
  Procfile: 'web: python app.py\n',
};

test('the plan names the service, its effective start command with location and URI, and the Procfile it shadows', async (t) => {
  const h = await Harness.for(t, { files: project });
  const plan = await h.request<DeployPlanResult>('deployDoctor/deployPlan', { folderUri: h.folderUris[0] });
  assert.equal(plan.folderUri, h.folderUris[0]);
  assert.equal(plan.services.length, 1);
  const [service] = plan.services;
  assert.equal(service.root, '');
  assert.equal(service.builder, 'RAILPACK');
  assert.equal(typeof service.name, 'string');
  assert.equal(typeof service.platform, 'string');

  const start = service.start;
  assert.ok(start, 'an effective start command');
  assert.equal(start.command, 'gunicorn app:app --bind 0.0.0.0:$PORT');
  assert.equal(start.shadowedBy, undefined);
  assert.equal(start.runsWithShell, true);
  assert.equal(start.location?.file, 'railway.toml');
  assert.equal(start.location?.uri, h.uri('railway.toml'));
  const { range } = start.location;
  assert.equal(range.start.line, 4);
  assert.equal(range.end.line, 4);
  assert.equal(RAILWAY_TOML.split('\n')[4].slice(range.start.character, range.end.character), 'gunicorn app:app --bind 0.0.0.0:$PORT', 'the range is the command');
  assert.deepEqual(start.launches[0], { program: 'gunicorn', server: 'gunicorn', app: 'app:app' });

  const procfile = service.others.find((s) => s.location?.file === 'Procfile');
  assert.ok(procfile, 'the Procfile line is among the other sources');
  assert.equal(procfile.command, 'python app.py');
  assert.equal(procfile.location?.uri, h.uri('Procfile'));
  assert.match(procfile.shadowedBy ?? '', /railway\.toml/);

  assert.equal(service.healthcheck?.path, '/health');
  assert.equal(service.healthcheck?.location?.uri, h.uri('railway.toml'));
  assert.deepEqual(service.healthcheck?.location?.range.start, { line: 5, character: 18 });
});

test('without a folder URI the first folder is planned; a URI that is no workspace folder has no services', async (t) => {
  const h = await Harness.for(t, { files: project });
  const first = await h.request<DeployPlanResult>('deployDoctor/deployPlan', {});
  assert.equal(first.services.length, 1);
  const other = await h.request<DeployPlanResult>('deployDoctor/deployPlan', { folderUri: 'file:///nowhere/at/all' });
  assert.deepEqual(other.services, []);
  const bad = await h.request<DeployPlanResult>('deployDoctor/deployPlan', { folderUri: 42 });
  assert.deepEqual(bad, { services: [] }, 'bad parameters get an empty plan, not an error');
});

test('the plan follows the editor: an unsaved edit to railway.toml changes it, after a planChanged notification', async (t) => {
  const h = await Harness.for(t, { files: project });
  assert.equal((await h.request<DeployPlanResult>('deployDoctor/deployPlan', {})).services[0].start?.command, 'gunicorn app:app --bind 0.0.0.0:$PORT');
  const uri = h.uri('railway.toml');
  h.open(uri, RAILWAY_TOML, 'toml');
  const since = h.mark();
  h.change(uri, RAILWAY_TOML.replace('gunicorn app:app', 'uvicorn app:app'));
  await h.waitFor('deployDoctor/planChanged', since);
  const plan = await h.request<DeployPlanResult>('deployDoctor/deployPlan', {});
  assert.equal(plan.services[0].start?.command, 'uvicorn app:app --bind 0.0.0.0:$PORT');
  assert.equal(plan.services[0].start?.location?.uri, uri);
});

test('a Dockerfile created on disk is announced and shows in the plan', async (t) => {
  const h = await Harness.for(t, { files: { 'app.py': FLASK_APP, 'railway.toml': '[deploy]\nstartCommand = "gunicorn app:app"\n' } });
  assert.equal((await h.request<DeployPlanResult>('deployDoctor/deployPlan', {})).services[0].dockerfile, undefined);
  h.write('Dockerfile', 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n');
  const since = h.mark();
  h.watchedFilesChanged([{ uri: h.uri('Dockerfile'), type: 1 }]);
  await h.waitFor('deployDoctor/planChanged', since);
  const [service] = (await h.request<DeployPlanResult>('deployDoctor/deployPlan', {})).services;
  assert.equal(service.dockerfile?.uri, h.uri('Dockerfile'));
  assert.equal(service.builder, 'DOCKERFILE');
});

test('editing a Python file does not announce a plan change', async (t) => {
  const h = await Harness.for(t, { files: project });
  await h.request('deployDoctor/deployPlan', {});
  const uri = h.uri('app.py');
  const since = h.mark();
  h.open(uri, project['app.py'], 'python');
  h.change(uri, `${project['app.py']}\n# edited\n`);
  // A request answered after the edits, then twice the notifier's 300 ms delay: a negative needs a wait.
  await h.diagnostics(uri);
  assert.equal(await h.countAfterWaiting('deployDoctor/planChanged', since, 600), 0);
});
