/** Hover, completion, links and the deploy plan in their LSP shapes (convert.ts), and the completion range rules. */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex, type PlanView } from '../engine/index';
import { answersTrigger, editRange } from './completion';
import { toCompletionItem, toDeployPlanResult, toLspDocumentLink, toLspHover, toOffset } from './convert';
import type { FileResolver } from './workspace';

const files: FileResolver = {
  uri: (path) => (path.startsWith('outside/') ? undefined : `file:///projects/my%20app/${path}`),
  version: () => null,
  read: () => undefined,
};

describe('convert', () => {
  const lines = new LineIndex('[deploy]\r\nhealthcheckPath = "/x"\n');

  test('hover: Markdown contents and the range as positions; positions back to offsets', () => {
    assert.deepEqual(toLspHover({ markdown: '**x**', range: { start: 10, end: 25 } }, lines), {
      contents: { kind: 'markdown', value: '**x**' },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 15 } },
    });
    assert.equal(toOffset(lines, { line: 1, character: 4 }), 14);
  });

  test('completion: kinds, a text edit over the entry range, Markdown docs, the deprecated tag, engine order', () => {
    const range = { start: 10, end: 16 };
    const property = toCompletionItem({ label: 'healthcheckPath', kind: 'property', insertText: 'healthcheckPath = ', detail: 'string', documentation: 'A *path*.', range }, 3, lines);
    assert.deepEqual(property, {
      label: 'healthcheckPath',
      kind: 10,
      detail: 'string',
      documentation: { kind: 'markdown', value: 'A *path*.' },
      sortText: '0003',
      textEdit: { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } }, newText: 'healthcheckPath = ' },
    });
    assert.equal(toCompletionItem({ label: 'deploy', kind: 'section', insertText: '[deploy]', range }, 0, lines).kind, 9);
    const nixpacks = toCompletionItem({ label: 'NIXPACKS', kind: 'value', insertText: '"NIXPACKS"', deprecated: true, range }, 2, lines);
    assert.equal(nixpacks.kind, 20);
    assert.deepEqual(nixpacks.tags, [1]);
    assert.equal(nixpacks.filterText, '"NIXPACKS"');
    assert.equal(toCompletionItem({ label: 'true', kind: 'value', insertText: 'true', range }, 0, lines).kind, 12);
    assert.equal(toCompletionItem({ label: 'https://railway.com/railway.schema.json', kind: 'value', insertText: '"https://railway.com/railway.schema.json"', range }, 0, lines).kind, 12);
  });

  test('document links: the target file URI; none for a file without one', () => {
    assert.deepEqual(toLspDocumentLink({ range: { start: 10, end: 12 }, target: 'Dockerfile', tooltip: 'Open Dockerfile' }, lines, files), {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } },
      target: 'file:///projects/my%20app/Dockerfile',
      tooltip: 'Open Dockerfile',
    });
    assert.equal(toLspDocumentLink({ range: { start: 0, end: 1 }, target: 'outside/Dockerfile', tooltip: '' }, lines, files), undefined);
  });

  test('the deploy plan gains URIs; locations without one are dropped, the rest is kept', () => {
    const at = (file: string, line: number) => ({ file, range: { start: { line, character: 0 }, end: { line, character: 3 } } });
    const plan: PlanView = {
      services: [
        {
          root: 'api',
          name: 'api',
          platform: 'Railway',
          builder: 'DOCKERFILE',
          dockerfile: at('api/Dockerfile', 0),
          start: { label: 'deploy.startCommand in api/railway.toml', command: 'gunicorn app:app', location: at('api/railway.toml', 2), runsWithShell: false, launches: [{ program: 'gunicorn', server: 'gunicorn', app: 'app:app' }] },
          others: [{ label: 'CMD in outside/Dockerfile', command: '', location: at('outside/Dockerfile', 1), shadowedBy: 'deploy.startCommand in api/railway.toml', runsWithShell: false, launches: [] }],
          healthcheck: { path: '/health', location: at('api/railway.toml', 3) },
        },
        { root: '', name: 'project root', platform: 'Heroku', builder: 'RAILPACK', others: [] },
      ],
    };
    const result = toDeployPlanResult(plan, files, 'file:///projects/my%20app');
    assert.equal(result.folderUri, 'file:///projects/my%20app');
    const [api, root] = result.services;
    assert.deepEqual(api.dockerfile, { ...at('api/Dockerfile', 0), uri: 'file:///projects/my%20app/api/Dockerfile' });
    assert.equal(api.start?.location?.uri, 'file:///projects/my%20app/api/railway.toml');
    assert.deepEqual(api.start?.launches, [{ program: 'gunicorn', server: 'gunicorn', app: 'app:app' }]);
    assert.equal(api.others[0].location, undefined);
    assert.equal(api.others[0].shadowedBy, 'deploy.startCommand in api/railway.toml');
    assert.deepEqual(api.healthcheck, { path: '/health', location: { ...at('api/railway.toml', 3), uri: 'file:///projects/my%20app/api/railway.toml' } });
    assert.deepEqual(root, { root: '', name: 'project root', platform: 'Heroku', builder: 'RAILPACK', others: [] });
  });
});

describe('editRange', () => {
  test('a range that holds the cursor on its line is kept', () => {
    const toml = 'builder = "RAIL\n';
    assert.deepEqual(editRange({ insertText: '"RAILPACK"', range: { start: 10, end: 15 } }, toml, 15), { start: 10, end: 15 });
  });

  test('a range that misses the cursor or crosses a line becomes an insertion at the cursor', () => {
    assert.deepEqual(editRange({ insertText: 'a', range: { start: 0, end: 2 } }, 'abcdef', 4), { start: 4, end: 4 });
    assert.deepEqual(editRange({ insertText: 'a', range: { start: 0, end: 4 } }, 'ab\ncd', 4), { start: 4, end: 4 });
  });
});

describe('answersTrigger', () => {
  test('a space opens completion after `=` or `:` only; other triggers and explicit requests always', () => {
    assert.equal(answersTrigger('[build]\nbuilder = ', 18, ' '), true);
    assert.equal(answersTrigger('{"deploy": {"restartPolicyType": ', 33, ' '), true);
    assert.equal(answersTrigger('[deploy]\n  ', 11, ' '), false);
    assert.equal(answersTrigger('startCommand = "gunicorn app:app ', 33, ' '), false);
    assert.equal(answersTrigger('[deploy]\n  ', 11, undefined), true);
    assert.equal(answersTrigger('[dep', 4, '['), true);
  });
});
