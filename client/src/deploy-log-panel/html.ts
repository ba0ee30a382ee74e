/**
 * The log panel's HTML shell: a Content Security Policy that allows nothing but the bundled stylesheet and the
 * bundled script carrying this load's nonce, and an empty root the script renders into. No inline script, no
 * inline style, no event-handler attributes; the page holds no log text at all.
 */

import { randomBytes } from 'node:crypto';

export interface PanelHtmlOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri` of dist/webview.js and dist/webview.css, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** A fresh `createNonce()` per load. */
  readonly nonce: string;
}

/** 128 random bits, base64url: unguessable, and safe inside an attribute and a CSP source expression. */
export function createNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function panelHtml(options: PanelHtmlOptions): string {
  const { cspSource, scriptUri, styleUri, nonce } = options;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${attribute(styleUri)}">
  <title>Deploy Log</title>
</head>
<body>
  <main id="app" aria-label="Deploy log analysis"></main>
  <script nonce="${attribute(nonce)}" src="${attribute(scriptUri)}"></script>
</body>
</html>
`;
}

/** A value for a double-quoted attribute. */
function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
