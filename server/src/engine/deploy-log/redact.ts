/**
 * Redaction of secrets in log text: every evidence line and value the diagnosis returns goes through here, so
 * panels, CLI output and copied reports never show a credential. What is masked keeps its shape (the key name,
 * a URL's scheme, user and host, a token's well-known prefix); every mask is counted.
 */

export const MASK = '****';

/** `scheme://user:password@host` and `scheme://:password@host`: the password goes. */
const URL_PASSWORD = /\b([a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:@/'"]{0,256}):([^\s@/'"]{1,256})@/g;
/** `https://token@host` (a token as the user part). */
const URL_TOKEN = /\b([a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/)([A-Za-z0-9_-]{20,256})@/g;
/** Stripe secret and restricted keys, webhook secrets. */
const STRIPE = /\b(sk_live_|sk_test_|rk_live_|rk_test_|whsec_)[A-Za-z0-9]{6,247}/g;
/** JSON Web Tokens. */
const JWT = /\beyJ[A-Za-z0-9_-]{5,4096}\.eyJ[A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{0,4096}/g;
/** `Bearer <token>`, `Basic <base64>`. */
const AUTH_HEADER = /\b(Bearer|Basic) ([A-Za-z0-9._~+/-]{8,4096}=*)/g;
/** AWS access key ids. */
const AWS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g;
/** `aws_secret_access_key = …` in any case, quoted or not. */
const AWS_SECRET = /\b(aws_secret_access_key|AWS_SECRET_ACCESS_KEY)(["']?\s{0,3}[=:]\s{0,3}["']?)([A-Za-z0-9/+=]{16,128})/g;
/** `KEY=value`, `KEY: value`: masked when the key names a secret (checked in code, not in the pattern). */
const KEY_VALUE = /\b([A-Za-z_][A-Za-z0-9_.-]{0,80})(\s{0,3}[=:]\s{0,3})(["']?)([^\s"',;&]{1,4096})/g;
/** `"KEY": "value"` in JSON. */
const JSON_PAIR = /"([A-Za-z_][A-Za-z0-9_.-]{0,80})"(\s{0,3}:\s{0,3})"([^"\\]{1,4096})"/g;

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
  if (out.indexOf('://') !== -1) {
    out = out.replace(URL_PASSWORD, (_all, head: string) => {
      count++;
      return `${head}:${MASK}@`;
    });
    out = out.replace(URL_TOKEN, (_all, scheme: string) => {
      count++;
      return `${scheme}${MASK}@`;
    });
  }
  if (out.indexOf('_') !== -1) {
    out = out.replace(STRIPE, (_all, prefix: string) => {
      count++;
      return `${prefix}${MASK}`;
    });
  }
  if (out.indexOf('eyJ') !== -1) {
    out = out.replace(JWT, () => {
      count++;
      return `eyJ${MASK}`;
    });
  }
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
  out = out.replace(JSON_PAIR, (all, key: string, sep: string, value: string) => {
    if (!isSecretKey(key) || isPlaceholder(value)) return all;
    count++;
    return `"${key}"${sep}"${MASK}"`;
  });
  out = out.replace(KEY_VALUE, (all, key: string, sep: string, quote: string, value: string) => {
    if (!isSecretKey(key) || isPlaceholder(value)) return all;
    count++;
    return `${key}${sep}${quote}${MASK}`;
  });
  return { text: out, count };
}

/** Every RegExp of the redactor, for the ReDoS check. */
export const REDACT_PATTERNS: readonly RegExp[] = [URL_PASSWORD, URL_TOKEN, STRIPE, JWT, AUTH_HEADER, AWS_KEY_ID, AWS_SECRET, KEY_VALUE, JSON_PAIR, SEPARATORS];
