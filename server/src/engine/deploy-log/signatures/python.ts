/**
 * Python exceptions: the classifier for the exception at the bottom of a traceback (also used for an exception
 * line seen without its traceback), and the Flask development server's loopback bind.
 *
 * ModuleNotFoundError heuristic (first-party or third-party; linking has the final word with the workspace):
 *   0. the server's own importer (uvicorn/importer.py, gunicorn's import_app) imported it: the start command's
 *      app module path is wrong (0.85);
 *   1. a top-level name that is a well-known distribution's import name (`flask`, `yaml`, `jwt`…) → missing dependency;
 *   2. the missing package appears as a folder in a first-party frame's path (`/app/backend/wsgi.py` importing
 *      `backend`) → the package is in the image but its parent folder is not on sys.path → PYTHONPATH (0.9);
 *   3. the missing name is a strict dotted prefix of the module the failing import line names (`from src.config
 *      import …` missing `src`) → first-party; then
 *        - launched as a script from a subfolder (`python backend/main.py`: the outermost frame is the script
 *          and it is not in the app root) → sys.path[0] is the script's folder → PYTHONPATH (0.85);
 *        - launched as a script that sits in the app root (`python main.py` → `/app/main.py`): sys.path[0] is
 *          the app root itself, so PYTHONPATH cannot help — the package is not in the image at all → on Railway,
 *          a Root Directory that leaves it out (monorepo isolation, 0.75, seed 002); elsewhere PYTHONPATH with
 *          lower confidence (decided in refine.ts, which knows the platform);
 *        - otherwise (a server imported the app: gunicorn/uvicorn frames outermost, seed 000) → the package is
 *          not importable from where the server starts → PYTHONPATH (0.75);
 *   4. anything else → missing dependency (0.6).
 */

import { dirname } from '../../files';
import type { Finding, LineContext } from './types';
import { family, isLoopback, isWordCode } from './types';

export interface Frame {
  readonly file: string;
  readonly lineNumber: number;
  readonly func?: string;
  /** The source line Python printed under the frame. */
  source?: string;
  /** 1-based line of the frame in the paste. */
  readonly logLine: number;
}

export interface ExceptionInfo {
  /** `ModuleNotFoundError`, `psycopg2.OperationalError`. */
  readonly type: string;
  readonly message: string;
  /** Lines after the exception line that belong to its message (pydantic field errors). */
  readonly continuation: readonly string[];
  /** Outermost first, as Python prints them. */
  readonly frames: readonly Frame[];
}

/** An exception line: `Name: message` or a bare name, where the name looks like an exception class. */
const EXCEPTION_LINE = /^([A-Za-z_][\w.]{0,200}): ?([^\n]{0,2000})$|^([A-Za-z_][\w.]{0,200})$/;
const FRAME_LINE = /^\s{0,16}File "([^"]{1,1000})", line (\d{1,7})(?:, in ([^\n]{1,300}))?/;
const NO_MODULE = /No module named '([\w.]{1,200})'/;
const IMPORT_STATEMENT = /^\s{0,40}(?:from ([\w.]{1,300}) import|import ([\w.]{1,300}))/;
const QUOTED = /^'([^']{1,300})'/;
const SHARED_OBJECT = /: cannot open shared object file/;
const VALIDATION_FOR = /validation errors? for ([\w.]{1,100})/;
const ENV_MESSAGE = /(?:environment variable|env var|envvar)[^A-Z\n]{0,20}([A-Z][A-Z0-9_]{1,64})|\b([A-Z][A-Z0-9_]{1,64})\b[^.\n]{0,30}(?:is not set|must be set|is required|is missing|not configured|not defined)/;
const ERRNO = /\[Errno (-?\d{1,5})\]/;

const EXCEPTION_SUFFIXES = ['Error', 'Exception', 'Exit', 'Interrupt', 'Warning', 'Failure', 'Fault', 'ImproperlyConfigured', 'DisallowedHost'];
const LOG_LEVELS: ReadonlySet<string> = new Set(['INFO', 'WARNING', 'WARN', 'ERROR', 'DEBUG', 'CRITICAL', 'TRACE', 'FATAL', 'NOTICE', 'Note', 'Hint', 'HINT', 'Usage', 'Error', 'Path', 'Retry window']);

/** Import names of well-known distributions: a missing one is a dependency, not a path problem. */
const THIRD_PARTY: ReadonlySet<string> = new Set(
  (
    'flask django fastapi starlette uvicorn gunicorn hypercorn daphne waitress werkzeug jinja2 click itsdangerous pydantic pydantic_settings ' +
    'sqlalchemy alembic psycopg2 psycopg asyncpg pymysql MySQLdb redis celery kombu requests httpx aiohttp urllib3 certifi numpy pandas scipy ' +
    'yaml jwt dotenv PIL cv2 sklearn bs4 lxml boto3 botocore google stripe openai anthropic langchain tiktoken torch transformers dateutil pytz ' +
    'flask_cors flask_sqlalchemy flask_migrate flask_login flask_wtf flask_restful flask_jwt_extended corsheaders rest_framework whitenoise ' +
    'dj_database_url environ decouple sentry_sdk structlog orjson ujson multipart email_validator passlib bcrypt jose cryptography magic ' +
    'marshmallow motor pymongo mongoengine sqlmodel tortoise peewee gevent eventlet greenlet uvloop httptools websockets socketio engineio ' +
    'channels storages markdown slugify nacl OpenSSL attr attrs six typing_extensions'
  ).split(' '),
);

export function isFirstPartyFile(file: string): boolean {
  return !(
    file.includes('site-packages') ||
    file.includes('dist-packages') ||
    file.includes('/lib/python') ||
    file.includes('\\lib\\python') ||
    file.startsWith('<') ||
    file.startsWith('/usr/bin/') ||
    file.startsWith('/usr/local/bin/') ||
    file.startsWith('/bin/') ||
    file.includes('/usr/lib/') ||
    file.includes('/.venv/') ||
    file.includes('/venv/lib')
  );
}

/** Folders platforms start apps in: a file directly inside one is in the app root. */
const APP_ROOTS = ['/app', '/opt/render/project/src', '/workspace', '/code', '/usr/src/app', '/srv/app', '/home/app', '/opt/app'];

function appRootOf(file: string): string | undefined {
  return APP_ROOTS.find((root) => file.startsWith(`${root}/`));
}

export function parseFrame(text: string): { file: string; lineNumber: number; func?: string } | undefined {
  const m = FRAME_LINE.exec(text);
  return m ? { file: m[1], lineNumber: Number(m[2]), func: m[3]?.trim() } : undefined;
}

/** The exception name and message, when the line is an exception line. */
export function parseExceptionLine(text: string): { type: string; message: string } | undefined {
  const t = text.trim();
  if (t.length > 2300) return undefined;
  const m = EXCEPTION_LINE.exec(t);
  if (!m) return undefined;
  const type = m[1] ?? m[3];
  if (!looksLikeExceptionName(type)) return undefined;
  return { type, message: m[2] ?? '' };
}

function looksLikeExceptionName(name: string): boolean {
  if (LOG_LEVELS.has(name)) return false;
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (EXCEPTION_SUFFIXES.some((s) => last.endsWith(s))) return true;
  if (last === 'KeyboardInterrupt' || last === 'StopIteration' || last === 'GeneratorExit' || last === 'SystemExit') return true;
  // A qualified name (`django.core.exceptions.DisallowedHost`, `click.exceptions.BadParameter`) whose class part is CamelCase.
  return name.includes('.') && last.length > 1 && last[0] >= 'A' && last[0] <= 'Z' && /* not a file name */ !name.endsWith('.py');
}

function isEnvName(name: string): boolean {
  if (name.length < 2 || name.length > 64) return false;
  const c0 = name.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return false;
  let upper = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!isWordCode(c) || (c >= 97 && c <= 122)) return false;
    if (c >= 65 && c <= 90) upper++;
  }
  return upper >= 2;
}

/** The deepest frame in the project's own code. */
export function lastFirstParty(frames: readonly Frame[]): Frame | undefined {
  for (let i = frames.length - 1; i >= 0; i--) if (isFirstPartyFile(frames[i].file)) return frames[i];
  return undefined;
}

/** A frame's file and line as cause values (none without a frame). */
export function where(frame: Frame | undefined): Record<string, string> {
  return frame ? { file: frame.file, line: String(frame.lineNumber) } : {};
}

const cause = (category: Finding['category'], confidence: number, values: Record<string, string>, key?: string): Finding => ({ role: 'cause', category, confidence, values, key });

/** A missing module, classified by the heuristic at the top of this file. */
function classifyMissingModule(name: string, frames: readonly Frame[]): Finding {
  const top = name.split('.')[0];
  const importer = frames.length ? frames[frames.length - 1] : undefined;
  const firstParty = frames.filter((f) => isFirstPartyFile(f.file));
  const importLine = importer?.source ? IMPORT_STATEMENT.exec(importer.source) : null;
  const imported = importLine ? (importLine[1] ?? importLine[2]) : undefined;
  const values: Record<string, string> = { module: name, topLevel: top, ...where(lastFirstParty(frames)), ...(imported ? { importedAs: imported } : {}) };
  const key = `module:${top}`;
  // The server itself imported the missing module: it is the start command's app module (or its package).
  const caller = [...frames].reverse().find((f) => !f.file.startsWith('<') && !f.file.includes('/importlib/'));
  if (caller && (caller.file.endsWith('uvicorn/importer.py') || (caller.file.endsWith('gunicorn/util.py') && caller.func === 'import_app'))) {
    return cause('wrong_app_module_path', 0.85, { ...values, hint: 'app-module-imported-by-server', server: caller.file.includes('uvicorn') ? 'uvicorn' : 'gunicorn' }, key);
  }
  if (THIRD_PARTY.has(top)) return cause('module_not_found_missing_dependency', 0.8, { ...values, hint: 'known-distribution' }, key);
  if (firstParty.some((f) => f.file.includes(`/${top}/`))) return cause('module_not_found_pythonpath', 0.9, { ...values, hint: 'package-folder-in-traceback' }, key);
  const dottedPrefix = imported !== undefined && imported !== name && imported.startsWith(`${name}.`);
  if (dottedPrefix) {
    const entry = frames[0];
    const root = importer ? appRootOf(importer.file) : undefined;
    const scriptLaunch = entry !== undefined && isFirstPartyFile(entry.file) && entry.func === '<module>';
    if (scriptLaunch && root && dirname(entry.file) !== root) return cause('module_not_found_pythonpath', 0.85, { ...values, hint: 'script-folder-on-sys-path', script: entry.file }, key);
    if (scriptLaunch && root && dirname(entry.file) === root) {
      return cause('monorepo_root_directory_isolation', 0.75, { ...values, hint: 'package-missing-from-app-root', appRoot: root, script: entry.file }, key);
    }
    return cause('module_not_found_pythonpath', 0.75, { ...values, hint: 'dotted-import' }, key);
  }
  return cause('module_not_found_missing_dependency', 0.6, values, key);
}

/**
 * Classifies an exception (from a traceback, or alone). Returns a cause, an `unhandled_exception` symptom, or
 * undefined for exceptions that are not failures (`SystemExit: 0`, `KeyboardInterrupt`).
 */
export function classifyException(ex: ExceptionInfo): Finding | undefined {
  const { type, message, frames } = ex;
  const short = type.slice(type.lastIndexOf('.') + 1);
  const at = where(lastFirstParty(frames));
  let m: RegExpExecArray | null;

  if (short === 'KeyboardInterrupt' || short === 'GeneratorExit' || (short === 'SystemExit' && (message === '' || message === '0'))) return undefined;

  if ((m = NO_MODULE.exec(message))) return classifyMissingModule(m[1], frames);
  if (message.includes('attempted relative import with no known parent package')) {
    return cause('wrong_app_module_path', 0.8, { ...at, reason: 'relative import in a script run by path' }, 'relative-import');
  }
  if (message.includes('attempted relative import beyond top-level package')) {
    return cause('module_not_found_pythonpath', 0.75, { ...at, reason: 'relative import beyond the top-level package' }, 'relative-import');
  }
  if ((m = SHARED_OBJECT.exec(message))) {
    let b = m.index;
    while (b > 0 && message[b - 1] !== ' ' && message[b - 1] !== ':') b--;
    const library = message.slice(b, m.index);
    return cause('missing_system_package_build', 0.75, { library, ...at }, library);
  }

  if (short === 'KeyError' && (m = QUOTED.exec(message)) && isEnvName(m[1])) {
    const fromEnviron = frames.some((f) => (f.file.endsWith('/os.py') && f.func === '__getitem__') || (f.source !== undefined && (f.source.includes('environ') || f.source.includes('getenv'))));
    return cause('missing_env_var', fromEnviron ? 0.85 : 0.65, { variable: m[1], ...at }, m[1]);
  }

  if (short === 'ValidationError') {
    const fields: string[] = [];
    const lines = ex.continuation;
    for (let i = 1; i < lines.length; i++) {
      const t = lines[i].trim();
      if (t.startsWith('Field required') || t.startsWith('field required')) {
        const name = lines[i - 1].trim();
        if (name && name.length <= 100 && !name.includes(' ')) fields.push(name);
      }
    }
    if (fields.length) {
      const settings = VALIDATION_FOR.exec(message)?.[1] ?? '';
      const settingsLike = /* pydantic-settings classes */ settings.includes('Settings') || settings.includes('Config') || settings.includes('Env');
      const variable = fields[0].toUpperCase();
      return cause('missing_env_var', settingsLike ? 0.85 : 0.6, { variable, field: fields[0], fields: fields.join(','), ...(settings ? { settings } : {}), ...at }, variable);
    }
  }

  if (short === 'SyntaxError' || short === 'IndentationError' || short === 'TabError') {
    const frame = frames[frames.length - 1];
    if (frame && !isFirstPartyFile(frame.file)) {
      // A dependency that does not parse: it needs a newer Python than the image has.
      return cause('python_version_mismatch', 0.6, { file: frame.file, line: String(frame.lineNumber), exception: short, message }, 'syntax');
    }
    return cause('syntax_error_in_app', 0.9, { ...(frame ? { file: frame.file, line: String(frame.lineNumber) } : {}), exception: short, message }, frame?.file ?? 'syntax');
  }

  const errno = ERRNO.exec(message)?.[1];
  if (errno === '98' || errno === '48' || message.includes('Address already in use') || message.includes('address already in use')) {
    return cause('address_in_use', 0.85, { ...at, errno: errno ?? '98' }, 'bind');
  }
  if (errno === '97' || message.includes('Address family not supported')) return cause('ipv6_bind_unavailable', 0.75, { ...at, errno: errno ?? '97' });
  if (short === 'MemoryError') return cause('out_of_memory', 0.7, at, 'oom');
  if (message.includes("invalid literal for int() with base 10: '$")) return cause('exec_form_no_env_expansion', 0.75, { value: message.slice(message.indexOf("'$") + 1, -1), ...at });
  if (short === 'TypeError' && message.startsWith('unsupported operand type(s) for |')) {
    return cause('python_version_mismatch', 0.7, { reason: 'X | Y type unions need Python 3.10+', ...at }, 'union');
  }
  if ((m = ENV_MESSAGE.exec(message))) {
    const variable = m[1] ?? m[2];
    if (isEnvName(variable)) return cause('missing_env_var', 0.7, { variable, ...at }, variable);
  }
  return { role: 'symptom', symptom: 'unhandled_exception', confidence: 0.5, values: { exception: type, message: message.slice(0, 300), ...at }, key: type };
}

/** An exception line without its traceback (`ModuleNotFoundError: No module named 'x'` in a one-line logger). */
function standalone(context: LineContext): Finding | undefined {
  const parsed = parseExceptionLine(context.text);
  if (parsed) return classifyException({ ...parsed, continuation: [], frames: [] });
  const m = NO_MODULE.exec(context.text);
  return m ? classifyMissingModule(m[1], []) : undefined;
}

const EXCEPTION_LITERALS = [
  'ModuleNotFoundError',
  'No module named',
  'ImportError: ',
  'KeyError: ',
  'SyntaxError: ',
  'IndentationError: ',
  'TabError: ',
  'OSError: [Errno',
  'MemoryError',
  'invalid literal for int()',
  'unsupported operand type(s) for |',
  'attempted relative import',
  'cannot open shared object file',
  'ValidationError: ',
];

const FLASK_RUNNING = /\* Running on (?:https?):\/\/(\[[0-9a-fA-F:.]{1,45}\]|[^\s:/]{1,253}):(\d{1,5})/;

export const python = [
  {
    id: 'python.exception',
    family: 'python' as const,
    role: 'cause' as const,
    literals: EXCEPTION_LITERALS,
    patterns: [EXCEPTION_LINE, FRAME_LINE, NO_MODULE, IMPORT_STATEMENT, QUOTED, SHARED_OBJECT, VALIDATION_FOR, ENV_MESSAGE, ERRNO],
    match: standalone,
  },
  ...family('python', [
    {
      id: 'python.flask-dev-server',
      role: 'marker',
      marker: 'listening',
      literals: ['* Running on '],
      pattern: FLASK_RUNNING,
      values: (m) => ({ host: m[1], port: m[2], server: 'flask' }),
      decide: (v) => (isLoopback(v.host) ? { role: 'cause', category: 'port_not_bound_or_wrong_host', confidence: 0.7, key: 'loopback' } : {}),
    },
    {
      id: 'python.flask-all-addresses',
      role: 'marker',
      marker: 'all-addresses',
      literals: ['Running on all addresses'],
      values: () => ({ server: 'flask' }),
    },
  ]),
];
