/**
 * A rule is four things that must stay together (DESIGN §3): its file, its test, its line in the registry and its
 * docs page. This test fails when one is missing or when a docs page outlives its rule.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allRules } from '../../server/src/engine/rules/index';
import { exists, listFiles } from './repo';

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SEVERITIES = ['error', 'warning', 'info', 'hint'];

describe('rule registry', () => {
  test('lists at least one rule', () => {
    assert.ok(allRules.length > 0);
  });

  test('ids are unique kebab-case', () => {
    const seen = new Set<string>();
    for (const { id } of allRules) {
      assert.match(id, KEBAB, `rule id "${id}" is not kebab-case`);
      assert.ok(!seen.has(id), `rule id "${id}" is registered twice`);
      seen.add(id);
    }
  });

  test('every rule has a default severity and a one-sentence summary', () => {
    for (const rule of allRules) {
      assert.ok(SEVERITIES.includes(rule.defaultSeverity), `${rule.id}: unknown default severity ${rule.defaultSeverity}`);
      assert.match(rule.summary, /^[A-Z`'"].*\.$/s, `${rule.id}: the summary should be a sentence`);
    }
  });

  for (const { id } of allRules) {
    test(`${id} has its rule file, its test and its docs page`, () => {
      const missing = [`server/src/engine/rules/${id}.ts`, `server/src/engine/rules/${id}.test.ts`, `docs/rules/${id}.md`].filter((path) => !exists(path));
      assert.deepEqual(missing, [], `${id} is missing ${missing.join(', ')}`);
    });
  }

  test('every docs page belongs to a registered rule', () => {
    const ids = new Set(allRules.map((r) => r.id));
    const orphans = listFiles('docs/rules', (name) => name.endsWith('.md'))
      .map((path) => path.slice('docs/rules/'.length, -'.md'.length))
      .filter((id) => !ids.has(id) && id.toLowerCase() !== 'readme' && id.toLowerCase() !== 'index');
    assert.deepEqual(orphans, [], `docs/rules has pages for unregistered rules: ${orphans.join(', ')}`);
  });
});
