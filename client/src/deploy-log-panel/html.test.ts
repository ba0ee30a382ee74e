/** The panel's HTML shell: a strict CSP with a fresh nonce, the one script carrying it, nothing inline. */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contentSecurityPolicy, createNonce, panelHtml } from './html';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css',
  nonce: createNonce(),
};

function csp(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'no CSP meta tag');
  return match[1];
}

describe('panelHtml', () => {
  const html = panelHtml(options);

  test('the CSP allows nothing by default, scripts only by nonce, styles and images from the extension', () => {
    const policy = csp(html);
    const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${options.nonce}'`]);
    assert.deepEqual(directives.get('style-src'), [options.cspSource]);
    assert.deepEqual(directives.get('img-src'), [options.cspSource, 'data:']);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(policy, contentSecurityPolicy(options.cspSource, options.nonce));
  });

  test('the only script is the bundle, carrying the same nonce', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    const [, attributes, body] = scripts[0];
    assert.match(attributes, new RegExp(`\\bnonce="${options.nonce}"`));
    assert.match(attributes, new RegExp(`\\bsrc="${options.scriptUri.replace(/[.+]/g, '\\$&')}"`));
    assert.equal(body.trim(), '', 'no inline script');
  });

  test('no inline handlers, inline styles or style elements', () => {
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i);
    assert.doesNotMatch(html, /\sstyle\s*=/i);
    assert.doesNotMatch(html, /<style\b/i);
    assert.match(html, new RegExp(`<link rel="stylesheet" href="${options.styleUri.replace(/[.+]/g, '\\$&')}">`));
  });

  test('attribute values are escaped', () => {
    const hostile = panelHtml({ ...options, scriptUri: 'x"><script>alert(1)</script>' });
    assert.equal([...hostile.matchAll(/<script\b/g)].length, 1);
    assert.match(hostile, /src="x&quot;&gt;&lt;script&gt;/);
  });
});

describe('createNonce', () => {
  test('is 128 random bits in a CSP-safe alphabet, new each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    assert.equal(nonces.size, 100);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9_-]{22}$/);
  });
});
