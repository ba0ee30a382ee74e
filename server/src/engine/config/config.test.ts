import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseJsonConfig } from './json';
import { parseTomlConfig } from './toml';
import { getPath } from './tree';

describe('config trees', () => {
  test('TOML: tables, dotted keys, ranges and decoded strings', () => {
    const text = '[build]\nbuilder = "DOCKERFILE"\n\n[deploy]\nstartCommand = "sh -c \\"exec gunicorn a:b\\""\nhealthcheck.path = "/x"\n[environments.production.deploy]\nstartCommand = \'python x.py\'\n';
    const doc = parseTomlConfig('railway.toml', text);
    assert.deepEqual(doc.errors, []);
    const start = getPath(doc.root, 'deploy', 'startCommand');
    assert.equal(start?.kind === 'string' && start.value, 'sh -c "exec gunicorn a:b"');
    if (start?.kind !== 'string') throw new Error('not a string');
    const i = start.text.text.indexOf('exec');
    assert.equal(text.slice(start.text.toSource(i), start.text.toSource(i) + 4), 'exec');
    const quote = start.text.text.indexOf('"');
    assert.equal(text.slice(start.text.rangeToSource({ start: quote, end: quote + 1 }).start, start.text.rangeToSource({ start: quote, end: quote + 1 }).end), '\\"');
    assert.equal(getPath(doc.root, 'deploy', 'healthcheck', 'path')?.kind, 'string');
    const prod = getPath(doc.root, 'environments', 'production', 'deploy', 'startCommand');
    assert.equal(prod?.kind === 'string' && prod.value, 'python x.py');
    assert.equal(start.rewrite('a "b"').text, '"a \\"b\\""');
  });

  test('TOML: multi-line strings with line-ending backslashes', () => {
    const text = 'cmd = """\ngunicorn \\\n  app:app"""\n';
    const doc = parseTomlConfig('railway.toml', text);
    const cmd = getPath(doc.root, 'cmd');
    assert.equal(cmd?.kind === 'string' && cmd.value, 'gunicorn app:app');
    if (cmd?.kind !== 'string') throw new Error('not a string');
    const i = cmd.text.text.indexOf('app:app');
    assert.equal(text.slice(cmd.text.toSource(i), cmd.text.toSource(i) + 7), 'app:app');
  });

  test('TOML: a syntax error keeps its position', () => {
    const doc = parseTomlConfig('railway.toml', '[deploy]\nstartCommand = \n');
    assert.equal(doc.root, undefined);
    assert.equal(doc.errors.length, 1);
    assert.ok(doc.errors[0].range.start >= 9);
  });

  test('JSON: values with ranges, escapes decoded, errors recovered', () => {
    const text = '{"deploy": {"startCommand": "gunicorn \\u0061pp:app"}}';
    const doc = parseJsonConfig('railway.json', text);
    const start = getPath(doc.root, 'deploy', 'startCommand');
    assert.equal(start?.kind === 'string' && start.value, 'gunicorn app:app');
    if (start?.kind !== 'string') throw new Error('not a string');
    assert.equal(text.slice(start.text.toSource(9), start.text.toSource(10)), '\\u0061');
    const broken = parseJsonConfig('railway.json', '{"deploy": {"startCommand": "x",}}');
    assert.equal(broken.errors.length, 1);
    assert.equal(getPath(broken.root, 'deploy', 'startCommand')?.kind, 'string');
  });
});
