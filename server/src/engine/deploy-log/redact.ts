/**
 * Redaction of secrets in log text: every evidence line and value the diagnosis returns goes through here, so
 * panels, CLI output and copied reports never show a credential. What is masked keeps its shape (the key name,
 * a URL's scheme, user and host, a token's well-known prefix); every mask is counted.
 */

export const MASK = '****';

/** Stripe secret and restricted keys, webhook secrets. */
const STRIPE = /\b(sk_live_|sk_test_|rk_live_|rk_test_|whsec_)[A-Za-z0-9]{6,247}/g;
/** `Bearer <token>`, `Basic <base64>`. */
const AUTH_HEADER = /\b(Bearer|Basic) ([A-Za-z0-9._~+/-]{8,}=*)/g;
/** AWS access key ids. */
const AWS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g;
/** `aws_secret_access_key = …` in any case, quoted or not. */
const AWS_SECRET = /\b(aws_secret_access_key|AWS_SECRET_ACCESS_KEY)(["']?\s{0,3}[=:]\s{0,3}["']?)([A-Za-z0-9/+=]{16,128})/g;
const SECRET_WORDS = ['SECRET', 'TOKEN', 'PASSWORD', 'PASSWD', 'PWD', 'API_KEY', 'APIKEY', 'PRIVATE_KEY', 'ACCESS_KEY', 'SIGNING_KEY', 'CREDENTIAL', 'AUTH_KEY', 'SESSION_KEY', 'CLIENT_SECRET', 'WEBHOOK_KEY', 'ENCRYPTION_KEY'];

const SEPARATORS = /[-.]/g;

function isSecretKey(key: string): boolean {
  const upper = key.toUpperCase().replace(SEPARATORS, '_');
  return SECRET_WORDS.some((w) => upper.includes(w));
}

/** Values that are not secrets even under a secret-looking key: references, placeholders, already masked. */
function isPlaceholder(value: string): boolean {
  return value.startsWith('$') || value.startsWith('<') || value.includes(MASK) || value === 'None' || value === 'null' || value === 'true' || value === 'false' || value === '...';
}

export interface Redacted {
  readonly text: string;
  readonly count: number;
}

/** Masks the secrets in one piece of text. */
export function redact(text: string): Redacted {
  let count = 0;
  let out = text;
  const mask = (): string => {
    count++;
    return MASK;
  };
  if (out.indexOf('://') !== -1) out = maskUrlCredentials(out, mask);
  if (out.indexOf('_') !== -1) {
    out = out.replace(STRIPE, (_all, prefix: string) => {
      count++;
      return `${prefix}${MASK}`;
    });
  }
  if (out.indexOf('eyJ') !== -1) out = maskJwts(out, mask);
  out = out.replace(AUTH_HEADER, (_all, scheme: string) => {
    count++;
    return `${scheme} ${MASK}`;
  });
  out = out.replace(AWS_KEY_ID, (_all, prefix: string) => {
    count++;
    return `${prefix}${MASK}`;
  });
  out = out.replace(AWS_SECRET, (_all, key: string, sep: string) => {
    count++;
    return `${key}${sep}${MASK}`;
  });
  out = maskKeyValues(out, mask);
  return { text: out, count };
}

/** Every RegExp of the redactor, for the ReDoS check. */
export const REDACT_PATTERNS: readonly RegExp[] = [STRIPE, AUTH_HEADER, AWS_KEY_ID, AWS_SECRET, SEPARATORS];

function isKeyCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
}

function isTokenCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

/** `scheme://user:password@host` → password masked; `scheme://<long token>@host` → token masked. Linear scan, no RegExp. */
function maskUrlCredentials(text: string, mask: () => string): string {
  let out = '';
  let last = 0;
  let i = text.indexOf('://');
  while (i !== -1) {
    const start = i + 3;
    let end = start;
    while (end < text.length && end - start < 512) {
      const c = text[end];
      if (c === '/' || c === ' ' || c === '\t' || c === '"' || c === "'" || c === '?' || c === '#' || c === '\n') break;
      end++;
    }
    const at = text.lastIndexOf('@', end - 1);
    if (at >= start) {
      const colon = text.indexOf(':', start);
      if (colon !== -1 && colon < at) {
        out += text.slice(last, colon + 1) + mask();
        last = at;
      } else if (at - start >= 20) {
        out += text.slice(last, start) + mask();
        last = at;
      }
    }
    i = text.indexOf('://', Math.max(end, start));
  }
  return last === 0 ? text : out + text.slice(last);
}

/** JSON Web Tokens: `eyJ….eyJ….sig` → `eyJ****`. */
function maskJwts(text: string, mask: () => string): string {
  let out = '';
  let last = 0;
  let i = text.indexOf('eyJ');
  while (i !== -1) {
    let end = i;
    let dots = 0;
    while (end < text.length && end - i < 16384) {
      const c = text.charCodeAt(end);
      if (c === 46) dots++;
      else if (!isTokenCode(c)) break;
      end++;
    }
    const second = text.indexOf('.', i);
    if (dots === 2 && text.startsWith('eyJ', second + 1) && (i === 0 || !isTokenCode(text.charCodeAt(i - 1)))) {
      out += `${text.slice(last, i)}eyJ${mask()}`;
      last = end;
    }
    i = text.indexOf('eyJ', Math.max(end, i + 3));
  }
  return last === 0 ? text : out + text.slice(last);
}

/** `KEY=value`, `KEY: value`, `"KEY": "value"` where KEY names a secret: the value is masked. */
function maskKeyValues(text: string, mask: () => string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '=' && ch !== ':') continue;
    let k = i;
    while (k > 0 && text[k - 1] === ' ' && i - k < 3) k--;
    const quotedKey = k > 0 && text[k - 1] === '"';
    if (quotedKey) k--;
    let ks = k;
    while (ks > 0 && k - ks < 80 && isKeyCode(text.charCodeAt(ks - 1))) ks--;
    if (ks === k || !isSecretKey(text.slice(ks, k))) continue;
    let v = i + 1;
    while (v < text.length && text[v] === ' ' && v - i <= 3) v++;
    const quote = text[v] === '"' || text[v] === "'" ? text[v] : '';
    if (quote) v++;
    let ve = v;
    while (ve < text.length && ve - v < 4096) {
      const c = text[ve];
      if (quote ? c === quote : c === ' ' || c === '\t' || c === '"' || c === "'" || c === ',' || c === ';' || c === '&') break;
      ve++;
    }
    const value = text.slice(v, ve);
    if (ve === v || isPlaceholder(value) || value.startsWith('//')) continue;
    out += text.slice(last, v) + mask();
    last = ve;
    i = ve;
  }
  return last === 0 ? text : out + text.slice(last);
}
