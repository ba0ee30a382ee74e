import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crlf, findings, lineOf, textAt } from '../../node/testing';

const RULE = 'config-syntax';
const check = (tree: Record<string, string>) => findings(tree, RULE);

describe('config-syntax', () => {
  test('half-typed TOML: an error at the position, while typing', async () => {
    const tree = { 'railway.toml': '[deploy]\nstartCommand = "gunicorn app:app\n' };
    const [f] = await check(tree);
    assert.equal(f.severity, 'error');
    assert.equal(lineOf(tree, f), 1);
    assert.match(f.message, /TOML syntax error/);
  });

  test('a key without a value', async () => {
    const tree = { 'railway.toml': '[build]\nbuilder =\n' };
    const [f] = await check(tree);
    assert.equal(lineOf(tree, f), 1);
  });

  test('JSON: a trailing comma is an error at the comma position; a comment is a warning', async () => {
    const comma = { 'railway.json': '{\n  "deploy": {\n    "startCommand": "gunicorn app:app",\n  }\n}\n' };
    const [f] = await check(comma);
    assert.equal(f.severity, 'error');
    assert.equal(lineOf(comma, f), 2);
    assert.equal(textAt(comma, f), ',');
    assert.match(f.message, /trailing comma/);
    const comment = { 'railway.json': '{\n  // start\n  "deploy": {}\n}\n' };
    const [g] = await check(comment);
    assert.equal(g.severity, 'warning');
    assert.equal(textAt(comment, g), '// start');
  });

  test('valid files have no findings', async () => {
    assert.deepEqual(await check({ 'railway.toml': '[build]\nbuilder = "RAILPACK"\n\n[deploy]\nstartCommand = "gunicorn app:app"\n' }), []);
    assert.deepEqual(await check({ 'railway.json': '{"$schema": "https://railway.com/railway.schema.json", "deploy": {"startCommand": "x"}}' }), []);
  });

  test('CRLF files report the same line', async () => {
    const tree = crlf({ 'railway.toml': '[deploy]\nhealthcheckPath = "/health\n' });
    const [f] = await check(tree);
    assert.equal(lineOf(tree, f), 1);
  });

  test('tabs are valid TOML whitespace', async () => {
    assert.deepEqual(await check({ 'railway.toml': '[deploy]\nstartCommand\t=\t"gunicorn app:app"\n' }), []);
  });
});
