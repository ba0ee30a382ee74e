/**
 * docs/log-analysis.md documents the whole log vocabulary: every root-cause category and every symptom the
 * analyser can return has a row there, and the page names nothing the code does not have.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATEGORIES, SYMPTOMS } from '../../server/src/engine/deploy-log/types';
import { readText } from './repo';

const page = readText('docs/log-analysis.md');
const rows = new Set([...page.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]));

test('every category and symptom has a row in docs/log-analysis.md', () => {
  const missing = [...CATEGORIES, ...SYMPTOMS].filter((name) => !rows.has(name));
  assert.deepEqual(missing, []);
});

test('docs/log-analysis.md has no row for a name the code does not have', () => {
  const known = new Set<string>([...CATEGORIES, ...SYMPTOMS]);
  assert.deepEqual([...rows].filter((name) => !known.has(name)), []);
});
