/**
 * Every RegExp of the log analyzer (reader, catalog and its combined prefilter, scanner, redaction) runs in
 * linear time: checked with recheck (https://makenowjust-labs.github.io/recheck/), which runs offline through
 * its native binary (recheck-linux-x64 and its macOS and Windows siblings, optional dependencies) or, without one,
 * its jar on a local Java. When neither can run, the check fails rather than pass unchecked.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check } from 'recheck';
import { allLogPatterns } from './index';

describe('ReDoS', () => {
  // recheck's automaton checker decides linearity exactly for expressions without backreferences (none here),
  // and unlike its fuzz checker gives the same answer on every run.
  test('every pattern of the analyzer is safe (recheck, automaton checker)', { timeout: 300_000 }, async () => {
    const patterns = [...new Map(allLogPatterns().map((p) => [`/${p.source}/${p.flags}`, p])).values()];
    assert.ok(patterns.length > 100, `only ${patterns.length} patterns collected`);
    const unsafe: string[] = [];
    for (const p of patterns) {
      // `g`, `y` and `d` do not change the language; recheck rejects flags it does not model.
      const result = await check(p.source, p.flags.replace(/[gyd]/g, ''), { checker: 'automaton', timeout: 30_000 } as Parameters<typeof check>[2]);
      if (result.status !== 'safe') {
        const detail = 'complexity' in result && result.complexity ? ` (${result.complexity.summary})` : 'error' in result && result.error ? ` [${result.error.kind}]` : '';
        unsafe.push(`${result.status}${detail}: /${p.source.slice(0, 200)}/${p.flags}`);
      }
    }
    assert.deepEqual(unsafe, [], `patterns that are not proven linear:\n${unsafe.join('\n')}`);
  });
});
