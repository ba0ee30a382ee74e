import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings, parseSettings, toAnalyzeSeverities } from './settings';

test('a valid section parses as written', () => {
  const { settings, problems } = parseSettings({ rules: { 'procfile-syntax': 'warning', 'port-not-from-env': 'off' }, trace: { server: 'verbose' } });
  assert.deepEqual({ ...settings.rules }, { 'procfile-syntax': 'warning', 'port-not-from-env': 'off' });
  assert.equal(settings.trace.server, 'verbose');
  assert.deepEqual(problems, []);
  assert.deepEqual({ ...toAnalyzeSeverities(settings) }, { 'procfile-syntax': 'warning', 'port-not-from-env': 'off' });
});

test('missing and null sections give the defaults without complaint', () => {
  for (const raw of [undefined, null, {}]) {
    const { settings, problems } = parseSettings(raw);
    assert.deepEqual({ ...settings.rules }, {});
    assert.equal(settings.trace.server, defaultSettings.trace.server);
    assert.deepEqual(problems, []);
  }
});

test('severity values are trimmed and case-insensitive', () => {
  assert.equal(parseSettings({ rules: { 'procfile-syntax': ' Error ' } }).settings.rules['procfile-syntax'], 'error');
});

test('invalid values are dropped, each with one problem', () => {
  const { settings, problems } = parseSettings({
    rules: { 'procfile-syntax': 'loud', 'Bad Id': 'off', 'host-not-reachable': 3, __proto__: 'off', ok: 'hint' },
    trace: { server: 'everything' },
  });
  assert.deepEqual({ ...settings.rules }, { ok: 'hint' });
  assert.equal(settings.trace.server, 'off');
  assert.equal(problems.length, 4, problems.join('\n'));
});

test('a section or rule map of the wrong type is reported and ignored', () => {
  assert.equal(parseSettings('error').problems.length, 1);
  assert.equal(parseSettings([1, 2]).problems.length, 1);
  const { settings, problems } = parseSettings({ rules: ['procfile-syntax'] });
  assert.deepEqual({ ...settings.rules }, {});
  assert.equal(problems.length, 1);
});

test('a prototype-polluting key cannot change the result object', () => {
  const raw = JSON.parse('{"rules": {"__proto__": {"polluted": "error"}, "constructor": "off"}}') as unknown;
  const { settings } = parseSettings(raw);
  assert.equal(Object.getPrototypeOf(settings.rules), null);
  assert.equal((settings.rules as Record<string, unknown>).polluted, undefined);
  assert.equal(settings.rules.constructor, 'off');
});
