/**
 * What a start command launches, read from its words the way each program reads its own arguments: the app
 * module, the working directory and `sys.path` additions, host and port. Every field keeps the word it came
 * from, so rules can point at it and fix it. Programs the engine does not know produce no launch at all.
 */

import { basename } from '../files';
import type { SimpleCommand, Word } from '../shell/model';
import type { OffsetRange } from '../types';

export type ServerKind = 'gunicorn' | 'uvicorn' | 'hypercorn' | 'daphne' | 'waitress' | 'flask' | 'django' | 'granian';

/** `module:attribute` as the server will import it. */
export interface AppRef {
  readonly module: string;
  /** Undefined when the reference has no attribute part (`gunicorn mysite.wsgi`). */
  readonly attribute: string | undefined;
  /** The attribute is a call expression (`create_app()`) or `--factory` was given. */
  readonly factory: boolean;
  readonly word: Word;
  readonly moduleRange: OffsetRange;
  readonly attributeRange: OffsetRange | undefined;
  /** What the server uses when no attribute is written (`application` for gunicorn). */
  readonly defaultAttribute: string | undefined;
  /** The raw text as written (`wsgi:app`), for messages. */
  readonly text: string;
}

export interface OptionValue {
  readonly value: string | undefined;
  readonly word: Word;
  /** The option word itself (`--host`), or the same word for `--host=x`. */
  readonly option: Word;
  /** Offset in the file where the value starts (after `=` for `--bind=…`). */
  readonly valueStart: number;
}

export interface Launch {
  readonly command: SimpleCommand;
  /** The program as written after wrappers (`gunicorn`, `python3`, `uvicorn`). */
  readonly program: string;
  /** The program's word in the command. */
  readonly programWord: Word;
  readonly kind: 'server' | 'script' | 'module' | 'task';
  readonly server?: ServerKind;
  readonly app?: AppRef;
  /** `python path/to/file.py` (also `manage.py`). */
  readonly script?: { readonly path: string; readonly word: Word };
  /** `python -m pkg.mod`. */
  readonly module?: { readonly name: string; readonly word: Word };
  /** Directories the program itself puts first on sys.path, relative to the command's directory. */
  readonly pathInserts: readonly { readonly dir: string; readonly origin: string; readonly word?: Word }[];
  /** `gunicorn --chdir dir`: the process changes directory before importing. */
  readonly chdir?: OptionValue;
  /** `--app-dir` (uvicorn). */
  readonly appDir?: OptionValue;
  /** Host and port the server binds, when written; `binds` holds every `--bind`. */
  readonly host?: OptionValue;
  readonly port?: OptionValue;
  readonly binds: readonly OptionValue[];
  /** The server's own defaults when nothing is written. */
  readonly defaultHost: string | undefined;
  readonly defaultPort: string | undefined;
  /** True when the server takes its bind address from somewhere the engine does not read (a config file). */
  readonly bindUnknown: boolean;
  /** Where new options go: after the last word of the command. */
  readonly appendAt: number;
  /** Python ignores PYTHONPATH (`python -E`, `-I`). */
  readonly ignoresPythonPath: boolean;
  /** Number of worker processes when given (uvicorn's IPv6 behaviour depends on it). */
  readonly workers?: string;
}

/** Launchers that run the rest of the command line unchanged. */
const WRAPPERS: readonly { readonly words: readonly string[]; readonly until?: string }[] = [
  { words: ['poetry', 'run'] },
  { words: ['pipenv', 'run'] },
  { words: ['pdm', 'run'] },
  { words: ['rye', 'run'] },
  { words: ['hatch', 'run'] },
  { words: ['uv', 'run'] },
  { words: ['newrelic-admin', 'run-program'] },
  { words: ['ddtrace-run'] },
  { words: ['opentelemetry-instrument'] },
  { words: ['doppler', 'run'], until: '--' },
  { words: ['infisical', 'run'], until: '--' },
  { words: ['dotenv', 'run'], until: '--' },
  { words: ['tini'], until: '--' },
  { words: ['dumb-init'] },
];

/** Options of `uv run` and friends that take a value. */
const WRAPPER_VALUE_OPTIONS = new Set(['--with', '--python', '-p', '--group', '--extra', '--env-file', '--project', '--directory', '--package', '--index']);

export interface ProgramWords {
  readonly words: readonly Word[];
  readonly program: string;
}

/** Drops `poetry run`, `uv run --with x`, `ddtrace-run`, … and returns the real program's words. */
export function unwrapProgram(words: readonly Word[]): ProgramWords | undefined {
  let rest = words;
  for (let guard = 0; guard < 4; guard++) {
    const name = rest[0]?.value !== undefined ? basename(rest[0].value) : undefined;
    if (name === undefined) return undefined;
    const wrapper = WRAPPERS.find((w) => w.words[0] === name && w.words.every((word, i) => rest[i]?.value === word || (i === 0 && basename(rest[i]?.value ?? '') === word)));
    if (!wrapper) return { words: rest, program: name };
    rest = rest.slice(wrapper.words.length);
    if (wrapper.until) {
      const end = rest.findIndex((w) => w.value === wrapper.until);
      if (end < 0) return undefined;
      rest = rest.slice(end + 1);
      continue;
    }
    while (rest[0]?.value?.startsWith('-')) {
      const opt = rest[0].value;
      if (opt === '--') {
        rest = rest.slice(1);
        break;
      }
      rest = rest.slice(WRAPPER_VALUE_OPTIONS.has(opt) && !opt.includes('=') ? 2 : 1);
    }
  }
  return undefined;
}

/** Splits `module:attr` or `module:factory(args)` into parts with file ranges. */
export function parseAppRef(word: Word, defaultAttribute: string | undefined, factoryFlag: boolean): AppRef | undefined {
  const text = word.value;
  if (text === undefined) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(?::(.*))?$/.exec(text);
  if (!m) return undefined;
  const [, module, attr] = m;
  const literal = word.parts.length === 1 && word.parts[0].kind === 'literal' ? word.parts[0] : undefined;
  const at = (i: number): number => literal?.at(i) ?? word.range.start;
  const moduleRange = { start: at(0), end: literal ? at(module.length - 1) + 1 : word.range.end };
  let attribute: string | undefined;
  let attributeRange: OffsetRange | undefined;
  let factory = factoryFlag;
  if (attr !== undefined) {
    const call = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(attr);
    const name = call ? call[1] : /^[A-Za-z_][A-Za-z0-9_]*$/.test(attr) ? attr : undefined;
    if (name === undefined) return undefined;
    if (call) factory = true;
    attribute = name;
    const start = module.length + 1;
    attributeRange = { start: at(start), end: literal ? at(start + name.length - 1) + 1 : word.range.end };
  }
  return { module, attribute, factory, word, moduleRange, attributeRange, defaultAttribute, text };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '127.1';
}
