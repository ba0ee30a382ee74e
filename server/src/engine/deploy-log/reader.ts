/**
 * The reader: turns one raw line of a pasted deploy log into the message the program printed, remembering what
 * the stripped prefixes said (which platform, which part of the deploy). Pure string work, linear in the line.
 *
 * Per line, in order: cap the length, drop a BOM and a trailing CR; unwrap a JSON-lines export (Railway
 * `{"message":…}`, Docker json-file `{"log":…}`); strip ANSI escapes (also the bare `[91m` left when the ESC
 * byte was lost on the way); repair double-encoded UTF-8 (`âŒ` for ❌, `ğŸ“` for 📝); strip the prefixes that
 * platforms and copies add (Railway `[build]`/`[deployment]` + `[12/5/2025, 12:56:17 AM]`, Heroku
 * `<ISO> app[web.1]:`, `railway logs` `<ISO> [INFO]`, BuildKit `#12 0.345`, compose `web-1  |`, kubectl
 * `[pod/x/y]`, gunicorn's `[2020-09-12 05:37:52 +0000]`, bare ISO timestamps); drop leading status glyphs; and
 * recognise dashboard noise (section headers, human dates, step durations, UI words) as an empty line.
 * uvicorn's `INFO:     ` and gunicorn's `[18] [ERROR]` are content and stay.
 */

/** Matching looks at most at this many characters of a line: a 10 MB line costs no more than a short one. */
export const MAX_LINE = 16_384;

/** Where a line came from, as far as its prefix or its section tells. */
export type LineSource = 'build' | 'deploy' | 'router' | 'app' | 'dyno' | 'network' | 'kubectl' | 'unknown';

/** Platforms a prefix points to (the votes behind `LogDiagnosis.platform`). */
export type PlatformHint = 'railway' | 'heroku' | 'docker' | 'kubernetes' | 'fly' | 'render';

export interface NormalizedLine {
  /** The message, possibly several lines when a JSON export packed a multi-line message into one object. */
  readonly text: string;
  readonly source: LineSource;
  readonly platform?: PlatformHint;
  /** True for dashboard noise (section headers, dates, durations, UI words): nothing to match. */
  readonly noise: boolean;
  /** A Railway dashboard section header (`# Railway Build Logs`, `You reached the start of the range`). */
  readonly section?: LineSource;
}

// ---------------------------------------------------------------------------------------------------------------
// ANSI escapes

/** CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`) and two-byte escapes. */
const ANSI_CSI = /\x1b\[[0-?]{0,32}[ -/]{0,8}[@-~]/g;
const ANSI_OSC = /\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)?/g;
const ANSI_OTHER = /\x1b[@-Z\\-_]?/g;
/** SGR sequences whose ESC byte was lost in a copy (seed 002: `[91mHealthcheck failed![0m`). */
const BARE_SGR = /\[(?:\d{1,3}(?:;\d{1,3}){0,8})?m/g;

export function stripAnsi(text: string): string {
  if (text.indexOf('\x1b') !== -1) {
    text = text.replace(ANSI_OSC, '').replace(ANSI_CSI, '').replace(ANSI_OTHER, '');
  }
  if (text.indexOf('m') !== -1 && text.indexOf('[') !== -1) text = text.replace(BARE_SGR, '');
  return text;
}

// ---------------------------------------------------------------------------------------------------------------
// Double-encoded UTF-8 (mojibake)

/**
 * Characters that Windows-1252 / Windows-1254 / Latin-1 produce for the bytes 0x80–0x9F, mapped back to the byte.
 * (0x80–0xFF otherwise map to themselves in Latin-1; C1 controls stand for themselves too.)
 */
const HIGH_BYTE: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86], [0x2021, 0x87],
  [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c], [0x017d, 0x8e], [0x2018, 0x91],
  [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95], [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98],
  [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b], [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
  // Windows-1254 (Turkish) letters in the upper half: seed 002's `ğŸ“` is 📝 read as Windows-1254.
  [0x011e, 0xd0], [0x0130, 0xdd], [0x015e, 0xde], [0x011f, 0xf0], [0x0131, 0xfd], [0x015f, 0xfe],
]);

/** A quick test: does the line hold a character that can stand for a UTF-8 lead byte (0xC2–0xF4)? */
const MOJIBAKE_LEAD = /[\u00c2-\u00f4\u011e\u011f\u0130\u015e]/;

function byteOf(code: number): number {
  if (code >= 0x80 && code <= 0xff) return code;
  return HIGH_BYTE.get(code) ?? -1;
}

/**
 * Re-decodes runs of characters that are UTF-8 bytes read as a single-byte code page. A complete sequence
 * becomes its character; a sequence cut short because its missing byte has no character in Windows-1252 (0x81,
 * 0x8D, 0x8F, 0x90, 0x9D: `âŒ` is ❌ = E2 9D 8C without the 9D) becomes U+FFFD when at least a lead and one
 * continuation byte are there. Anything else is left as it was, so real Latin-1 text (`café`) survives.
 */
export function repairMojibake(text: string): string {
  if (!MOJIBAKE_LEAD.test(text)) return text;
  let out = '';
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const lead = byteOf(text.charCodeAt(i));
    if (lead < 0xc2 || lead > 0xf4) continue;
    const need = lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : 3;
    const bytes = [lead];
    let j = i + 1;
    while (j < n && bytes.length <= need) {
      const b = byteOf(text.charCodeAt(j));
      if (b < 0x80 || b > 0xbf) break;
      bytes.push(b);
      j++;
    }
    const got = bytes.length - 1;
    let replacement: string | undefined;
    if (got === need) {
      const cp =
        need === 1
          ? ((lead & 0x1f) << 6) | (bytes[1] & 0x3f)
          : need === 2
            ? ((lead & 0x0f) << 12) | ((bytes[1] & 0x3f) << 6) | (bytes[2] & 0x3f)
            : ((lead & 0x07) << 18) | ((bytes[1] & 0x3f) << 12) | ((bytes[2] & 0x3f) << 6) | (bytes[3] & 0x3f);
      const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
      if (cp >= min && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)) replacement = String.fromCodePoint(cp);
    } else if (got >= 1 && need >= 2) {
      replacement = '\ufffd';
    }
    if (replacement === undefined) continue;
    out += text.slice(last, i) + replacement;
    last = i + 1 + got;
    i = last - 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

// ---------------------------------------------------------------------------------------------------------------
// Leading status glyphs

/**
 * Emoji and status marks that copies and dashboards put before a message (❌ 📝 ✅ ⚠️ ✖ ↳ → ▸ •), plus what a
 * failed repair leaves (U+FFFD). Box-drawing characters stay: the Railpack and Nixpacks plan boxes are read later.
 */
const LEADING_GLYPHS = /^(?:[\ufffd\u2190-\u21ff\u2022\u2023\u203a\u00bb\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d]|[\ud83c-\ud83e][\udc00-\udfff]){1,8} ?/;

// ---------------------------------------------------------------------------------------------------------------
// Prefixes

/** `[build]`, `[deployment]`: the prefix of some Railway log copies (seed 002). */
const RAILWAY_SECTION_PREFIX = /^\[(build|deployment|deploy|network|http)\] ?/;
/** `[12/5/2025, 12:56:17 AM]`: the date a browser copy of the dashboard puts after the section. */
const BRACKET_LOCALE_DATE = /^\[\d{1,2}\/\d{1,2}\/\d{2,4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?\] ?/;
/** ISO 8601 with optional fraction and zone, then a space (Heroku, `railway logs`, kubectl --timestamps, docker -t). */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z| ?[+-]\d{2}:?\d{2}| UTC)? /;
/** gunicorn's `[2020-09-12 05:37:52 +0000]` (its datefmt), also without the zone. */
const BRACKET_ISO_TIMESTAMP = /^\[\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?: ?[+-]\d{2}:?\d{2}|Z)?\] ?/;
/** Heroku's `heroku[router]:` / `heroku[web.1]:` / `app[web.1]:`, and other log drains' `source[dyno]:`. */
const HEROKU_SOURCE = /^(heroku|app)\[([\w.-]{1,40})\]: ?/;
/** `railway logs` with attributes: `<ISO> [INFO|ERRO|WARN|DBUG] <message> key=value…`. */
const RAILWAY_CLI_LEVEL = /^\[(INFO|ERRO|WARN|DBUG|ERROR|WARNING|DEBUG)\] /;
/** BuildKit plain progress: `#12 0.345 <output>` and `#12 [stage-0  7/10] COPY …`, `#12 DONE 0.1s`. */
const BUILDKIT = /^#\d{1,5} (?:\d{1,6}\.\d{1,4} )?/;
/** A BuildKit step header: `[stage-0  7/10] COPY . /app/.`, `[internal] load build definition`. */
const BUILDKIT_STEP = /^\[(?:[\w.-]{1,64} {1,4})?\d{1,4}\/\d{1,4}\] |^\[internal\] /;
/** docker compose: `web-1  | <output>`, `api_1 | <output>`. */
const COMPOSE = /^([a-z0-9][\w.-]{0,63}) {0,40}\| /;
/** `kubectl logs --prefix`: `[pod/api-7d9f/web] <output>`. */
const KUBECTL_PREFIX = /^\[pod\/[^\]\s]{1,250}\] /;
/** Render prefixes deploy and build progress with `==> `. */
const RENDER_ARROW = /^==> /;

// ---------------------------------------------------------------------------------------------------------------
// Dashboard noise

/** A human date on its own line: `Jul 3, 2026, 11:57 AM`, `Jul 3, 2026 11:57:21`, `Dec 5 2025, 12:56 AM`. */
const HUMAN_DATE_LINE = /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.? \d{1,2},? \d{4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?(?: [A-Z]{2,5})?$/;
/** A step duration or size on its own line: `583ms`, `2 MB`, `(00:14)`, `12.3s`, `1m 2s`. */
const DURATION_LINE = /^(?:\(?\d{1,3}:\d{2}(?::\d{2})?\)?|\d{1,6}(?:\.\d{1,3})? ?(?:ms|s|sec|m|min|h|B|kB|KB|MB|GB)(?: \d{1,3} ?(?:ms|s))?)$/;
/** Words of the Railway dashboard that a text copy carries along. */
const UI_WORDS: ReadonlySet<string> = new Set([
  'View less', 'View more', 'View logs', 'Initialization', 'Build', 'Deploy', 'Post-deploy', 'Network', 'Network › Healthcheck', 'Network > Healthcheck',
  'Healthcheck', 'Build Logs', 'Deploy Logs', 'Deployment Logs', 'HTTP Logs', 'Details', 'Copy', 'Filter', 'Logs', 'Show more', 'Show less',
  'Snapshot code', 'Build image', 'Deploy image', 'Create container', 'Scheduling build', 'Taking a snapshot of the code...',
]);
const SECTION_HEADER = /^#{1,3} ?Railway (Build|Deploy|Deployment|Network Flow|HTTP) Logs$/;

// ---------------------------------------------------------------------------------------------------------------

const EMPTY: NormalizedLine = { text: '', source: 'unknown', noise: true };

/**
 * Normalises one raw line. `source` is the source of the section the line sits in, when a header said so; a
 * prefix of the line itself overrides it.
 */
export function normalizeLine(raw: string, sectionSource: LineSource = 'unknown'): NormalizedLine {
  let text = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
  let source: LineSource = sectionSource;
  let platform: PlatformHint | undefined;

  // JSON-lines exports: `{"message":…,"severity":…,"timestamp":…}` (Railway), `{"log":…,"stream":…}` (Docker).
  const first = firstNonSpace(text);
  if (first >= 0 && text.charCodeAt(first) === 0x7b /* { */ && text.charCodeAt(text.length - 1) === 0x7d) {
    const unwrapped = unwrapJson(text.slice(first));
    if (unwrapped) {
      text = unwrapped.text;
      platform = unwrapped.platform;
    }
  }

  text = stripAnsi(text);
  text = repairMojibake(text);

  // Prefixes, outermost first; each may occur once.
  let m: RegExpExecArray | null;
  if ((m = RAILWAY_SECTION_PREFIX.exec(text))) {
    source = m[1] === 'build' ? 'build' : m[1] === 'network' || m[1] === 'http' ? 'network' : 'deploy';
    platform = 'railway';
    text = text.slice(m[0].length);
  }
  if ((m = BRACKET_LOCALE_DATE.exec(text))) text = text.slice(m[0].length);
  if ((m = KUBECTL_PREFIX.exec(text))) {
    text = text.slice(m[0].length);
    source = 'kubectl';
    platform = 'kubernetes';
  }
  const timestamp = ISO_TIMESTAMP.exec(text);
  if (timestamp) text = text.slice(timestamp[0].length);
  if ((m = HEROKU_SOURCE.exec(text))) {
    text = text.slice(m[0].length);
    platform = 'heroku';
    source = m[1] === 'app' ? 'app' : m[2] === 'router' ? 'router' : 'dyno';
  } else if (timestamp && (m = RAILWAY_CLI_LEVEL.exec(text))) text = text.slice(m[0].length);
  if ((m = BUILDKIT.exec(text))) {
    text = text.slice(m[0].length);
    source = 'build';
    platform ??= 'docker';
  } else if ((m = COMPOSE.exec(text)) && !isDigits(m[1])) {
    text = text.slice(m[0].length);
    platform ??= 'docker';
    if (source === 'unknown') source = 'app';
  }
  if (BUILDKIT_STEP.test(text)) {
    source = 'build';
    platform ??= 'docker';
  }
  if ((m = BRACKET_ISO_TIMESTAMP.exec(text))) text = text.slice(m[0].length);
  if (RENDER_ARROW.test(text)) {
    text = text.slice(4);
    platform ??= 'render';
  }

  text = trimStartSpacesIfGlyph(text);
  const trimmed = text.trim();
  if (trimmed === '') return source === 'unknown' && !platform ? EMPTY : { text: '', source, platform, noise: true };
  if (UI_WORDS.has(trimmed) || HUMAN_DATE_LINE.test(trimmed) || DURATION_LINE.test(trimmed)) return { text: '', source, platform, noise: true };
  if (trimmed.startsWith('You reached the ')) return { text: '', source, platform: 'railway', noise: true };
  const header = SECTION_HEADER.exec(trimmed);
  if (header) {
    const section: LineSource = header[1] === 'Build' ? 'build' : header[1] === 'Network Flow' || header[1] === 'HTTP' ? 'network' : 'deploy';
    return { text: '', source: section, platform: 'railway', noise: true, section };
  }
  return { text, source, platform, noise: false };
}

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return i;
  }
  return -1;
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Drops leading status glyphs and the space after them; keeps the indentation of traceback lines otherwise. */
function trimStartSpacesIfGlyph(text: string): string {
  const g = LEADING_GLYPHS.exec(text);
  return g ? text.slice(g[0].length) : text;
}

interface Unwrapped {
  readonly text: string;
  readonly platform?: PlatformHint;
}

function unwrapJson(text: string): Unwrapped | undefined {
  if (text.indexOf('"message"') === -1 && text.indexOf('"log"') === -1 && text.indexOf('"msg"') === -1) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const message = typeof o.message === 'string' ? o.message : typeof o.log === 'string' ? o.log : typeof o.msg === 'string' ? o.msg : undefined;
  if (message === undefined) return undefined;
  const stripped = message.endsWith('\n') ? message.slice(0, -1) : message;
  let platform: PlatformHint | undefined;
  if (typeof o.log === 'string' && typeof o.stream === 'string') platform = 'docker';
  else if (typeof o.severity === 'string' || (o.attributes && typeof o.attributes === 'object')) platform = 'railway';
  if (typeof o.deploymentId === 'string' || typeof o.deploymentInstanceId === 'string') platform = 'railway';
  return { text: stripped, platform };
}

/** Every RegExp of the reader, for the ReDoS check. */
export const READER_PATTERNS: readonly RegExp[] = [
  ANSI_CSI, ANSI_OSC, ANSI_OTHER, BARE_SGR, MOJIBAKE_LEAD, LEADING_GLYPHS, RAILWAY_SECTION_PREFIX, BRACKET_LOCALE_DATE, ISO_TIMESTAMP,
  BRACKET_ISO_TIMESTAMP, HEROKU_SOURCE, RAILWAY_CLI_LEVEL, BUILDKIT, BUILDKIT_STEP, COMPOSE, KUBECTL_PREFIX, RENDER_ARROW, HUMAN_DATE_LINE,
  DURATION_LINE, SECTION_HEADER,
];
