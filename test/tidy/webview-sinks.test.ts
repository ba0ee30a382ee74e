/**
 * The panel renders untrusted log text, so its code must have no way to turn a string into markup or code: no
 * HTML sinks and no string evaluation anywhere under client/webview (tests and helpers included).
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listFiles, readText } from './repo';

const FORBIDDEN: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'innerHTML', pattern: /\binnerHTML\b/ },
  { name: 'outerHTML', pattern: /\bouterHTML\b/ },
  { name: 'insertAdjacentHTML', pattern: /\binsertAdjacentHTML\b/ },
  { name: 'document.write', pattern: /\bdocument\s*\.\s*write(?:ln)?\b/ },
  { name: 'eval(', pattern: /\beval\s*\(/ },
  { name: 'new Function', pattern: /\bnew\s+Function\b/ },
  { name: 'createContextualFragment', pattern: /\bcreateContextualFragment\b/ },
  { name: 'DOMParser', pattern: /\bDOMParser\b/ },
  { name: 'srcdoc', pattern: /\bsrcdoc\b/ },
];

test('client/webview has no HTML sinks or string evaluation', () => {
  const files = listFiles('client/webview');
  assert.ok(files.some((f) => f.endsWith('/render.ts')), `no renderer found among ${files.join(', ')}`);
  const hits: string[] = [];
  for (const file of files) {
    readText(file)
      .split('\n')
      .forEach((line, i) => {
        for (const { name, pattern } of FORBIDDEN) if (pattern.test(line)) hits.push(`${file}:${i + 1} uses ${name}`);
      });
  }
  assert.deepEqual(hits, []);
});
