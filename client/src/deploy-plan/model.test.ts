/** The Deploy Plan tree built from the server's plans, without the editor. */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DeployPlanResult, DeployPlanService } from '../../../server/src/protocol';
import { code, commandText, fenced, MAX_LABEL_COMMAND, planTree, type FolderPlan, type PlanNode } from './model';

const FOLDER = 'file:///projects/my%20app';
const at = (file: string, line: number, from = 0, to = 3) => ({ file, uri: `${FOLDER}/${file}`, range: { start: { line, character: from }, end: { line, character: to } } });

const service: DeployPlanService = {
  root: '',
  name: 'project root',
  platform: 'Railway',
  builder: 'DOCKERFILE',
  dockerfile: at('Dockerfile', 0, 0, 0),
  start: {
    label: 'deploy.startCommand in railway.toml',
    command: 'gunicorn app:app --bind 0.0.0.0:$PORT',
    location: at('railway.toml', 4, 16, 53),
    runsWithShell: false,
    launches: [{ program: 'gunicorn', server: 'gunicorn', app: 'app:app' }],
  },
  others: [
    { label: 'the `web` process in Procfile', command: 'python app.py', location: at('Procfile', 0, 5, 18), shadowedBy: 'deploy.startCommand in railway.toml', runsWithShell: true, launches: [{ program: 'python' }] },
    { label: 'CMD in Dockerfile', command: '', location: at('Dockerfile', 1, 4, 24), shadowedBy: 'deploy.startCommand in railway.toml', runsWithShell: false, launches: [] },
    { label: 'the `release` process in Procfile', command: 'python manage.py migrate', runsWithShell: true, launches: [] },
  ],
  healthcheck: { path: '/health', location: at('railway.toml', 5, 18, 27) },
};

const folder = (plan: DeployPlanResult, name = 'my app', uri = FOLDER): FolderPlan => ({ name, uri, plan });

function byKind(nodes: readonly PlanNode[] | undefined, kind: PlanNode['kind']): PlanNode[] {
  return (nodes ?? []).filter((n) => n.kind === kind);
}

describe('planTree', () => {
  const [node] = planTree([folder({ services: [service] })]);

  test('one folder: its services at the top, labelled by name with builder and platform', () => {
    assert.equal(node.kind, 'service');
    assert.equal(node.label, 'project root');
    assert.equal(node.description, 'DOCKERFILE · Railway');
    assert.equal(node.id, `${FOLDER}#`);
    assert.deepEqual(
      node.children?.map((c) => c.kind),
      ['start', 'shadowed', 'shadowed', 'other', 'dockerfile', 'healthcheck'],
    );
  });

  test('the start command: its text, where it comes from, that it runs without a shell, and a click target', () => {
    const [start] = byKind(node.children, 'start');
    assert.equal(start.label, 'Start: gunicorn app:app --bind 0.0.0.0:$PORT');
    assert.equal(start.description, 'deploy.startCommand in railway.toml');
    assert.match(start.tooltip, /from deploy\.startCommand in railway\.toml \(line 5\)/);
    assert.match(start.tooltip, /Runs without a shell/);
    assert.match(start.tooltip, /```sh\ngunicorn app:app --bind 0\.0\.0\.0:\$PORT\n```/);
    assert.match(start.tooltip, /Starts `gunicorn` serving `app:app`/);
    assert.deepEqual(start.location, at('railway.toml', 4, 16, 53));
  });

  test('shadowed sources: one node each, muted, saying what shadows them; an exec-form CMD by its label', () => {
    const [procfile, cmd] = byKind(node.children, 'shadowed');
    assert.equal(procfile.label, 'Shadowed: python app.py');
    assert.equal(procfile.description, 'shadowed by deploy.startCommand in railway.toml');
    assert.equal(procfile.muted, true);
    assert.match(procfile.tooltip, /Runs through a shell/);
    assert.equal(procfile.location?.uri, `${FOLDER}/Procfile`);
    assert.equal(cmd.label, 'Shadowed: CMD in Dockerfile');
    assert.doesNotMatch(cmd.tooltip, /```sh/, 'no empty code block');
  });

  test('a source that is not shadowed and has no location: plain text in the description, no click target', () => {
    const [other] = byKind(node.children, 'other');
    assert.equal(other.label, 'Also: python manage.py migrate');
    assert.equal(other.description, 'the release process in Procfile');
    assert.equal(other.location, undefined);
  });

  test('Dockerfile and healthcheck open their files', () => {
    const [dockerfile] = byKind(node.children, 'dockerfile');
    assert.equal(dockerfile.label, 'Dockerfile: Dockerfile');
    assert.equal(dockerfile.location?.uri, `${FOLDER}/Dockerfile`);
    const [healthcheck] = byKind(node.children, 'healthcheck');
    assert.equal(healthcheck.label, 'Healthcheck: /health');
    assert.deepEqual(healthcheck.location?.range.start, { line: 5, character: 18 });
  });

  test('a service without a start command says the platform decides', () => {
    const [bare] = planTree([folder({ services: [{ root: 'worker', name: 'worker', platform: 'Railway', builder: 'RAILPACK', others: [] }] })]);
    assert.deepEqual(
      bare.children?.map((c) => [c.kind, c.label]),
      [['no-start', 'Start: not set']],
    );
    assert.equal(bare.id, `${FOLDER}#worker`);
  });

  test('several folders with services: a node per folder; folders without services are left out', () => {
    const other = 'file:///projects/other';
    const nodes = planTree([folder({ services: [service] }), folder({ services: [] }, 'empty', 'file:///projects/empty'), folder({ services: [service, { ...service, root: 'api', name: 'api' }] }, 'other', other)]);
    assert.deepEqual(
      nodes.map((n) => [n.kind, n.label, n.description]),
      [
        ['folder', 'my app', '1 service'],
        ['folder', 'other', '2 services'],
      ],
    );
    const ids = new Set<string>();
    const walk = (list: readonly PlanNode[] | undefined): void => {
      for (const n of list ?? []) {
        assert.ok(!ids.has(n.id), `duplicate id ${n.id}`);
        ids.add(n.id);
        walk(n.children);
      }
    };
    walk(nodes);
  });

  test('no services anywhere: an empty tree', () => {
    assert.deepEqual(planTree([folder({ services: [] })]), []);
    assert.deepEqual(planTree([]), []);
  });
});

describe('text helpers', () => {
  test('commands are put on one line and shortened for labels', () => {
    assert.equal(commandText({ label: 'x', command: 'gunicorn \\\n  app:app\n' }), 'gunicorn app:app');
    const long = commandText({ label: 'x', command: `gunicorn ${'a'.repeat(100)}` });
    assert.equal(long.length, MAX_LABEL_COMMAND);
    assert.ok(long.endsWith('…'));
  });

  test('inline code and fences survive backticks in the text', () => {
    assert.equal(code('a`b'), '``a`b``');
    assert.equal(code('`x'), '`` `x ``');
    assert.equal(fenced('echo ```'), '````sh\necho ```\n````');
    assert.equal(fenced('  '), '');
  });
});
