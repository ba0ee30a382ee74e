/**
 * Edits to start commands, written in the syntax of wherever the command lives: a Procfile line, a TOML or
 * JSON string, a Dockerfile shell-form or exec-form instruction, an `sh -c '…'` payload inside any of those.
 */

import type { SimpleCommand, Word } from '../shell/model';
import { shellQuote } from '../text';
import type { TextEdit } from '../types';
import type { Launch } from '../start-command/launch';
import { dockerExecForm } from './build';
import type { CommandSource, PlannedLaunch } from './types';

/** Sets an environment variable for the launched command only (`PYTHONPATH=. gunicorn …`). */
export function setEnvEdits(planned: PlannedLaunch, name: string, value: string): TextEdit[] | undefined {
  const { source, launch } = planned;
  const command = launch.command;
  const file = source.file;
  if (!file) return undefined;
  const existing = command.assignments.find((a) => a.name === name);
  if (existing?.value && source.mode === 'shell') {
    const current = existing.value.value;
    if (current === undefined) return undefined;
    const merged = current.split(':').includes(value) ? current : current ? `${value}:${current}` : value;
    return [{ file, range: existing.value.range, text: command.encode(shellQuote(merged)) }];
  }
  if (source.mode === 'shell') {
    return [{ file, range: { start: command.prefixAt, end: command.prefixAt }, text: command.encode(`${name}=${shellQuote(value)} `) }];
  }
  const first = command.words[0];
  if (!first) return undefined;
  if (source.docker && source.docker.command.form === 'exec' && !command.wrappers.length) {
    // Exec form has no shell for `NAME=value cmd`; `env` sets the variable and runs the command.
    return [{ file, range: { start: first.range.start - 1, end: first.range.start - 1 }, text: `"env", ${JSON.stringify(`${name}=${value}`)}, ` }];
  }
  return [{ file, range: { start: first.range.start, end: first.range.start }, text: command.encode(`env ${name}=${shellQuote(value)} `) }];
}

/** Appends options (`--host 0.0.0.0`) to the launched command. */
export function appendOptionEdits(planned: PlannedLaunch, args: readonly string[]): TextEdit[] | undefined {
  const { source, launch } = planned;
  const file = source.file;
  if (!file) return undefined;
  if (source.docker?.command.form === 'exec' && !launch.command.wrappers.length && source.mode === 'exec') {
    // A `$VAR` in an exec-form argument would stay literal: move the whole command into `sh -c`.
    if (args.some((a) => a.includes('$'))) return wrapInShellEdits({ source, words: [...launch.command.words, ...args.map(wordFromText)] });
    const last = launch.command.words[launch.command.words.length - 1];
    if (!last) return undefined;
    return [{ file, range: { start: last.range.end + 1, end: last.range.end + 1 }, text: args.map((a) => `, ${JSON.stringify(a)}`).join('') }];
  }
  const text = args.map((a) => (a.includes('$') ? a : shellQuote(a))).join(' ');
  return [{ file, range: { start: launch.appendAt, end: launch.appendAt }, text: launch.command.encode(` ${text}`) }];
}

/** A word for text the engine writes itself: `$NAME` and `${NAME:-x}` become variable parts. */
export function wordFromText(text: string): Word {
  const parts: Word['parts'][number][] = [];
  const none = { start: 0, end: 0 };
  let last = 0;
  for (const m of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ kind: 'literal', text: text.slice(last, at), range: none, at: () => undefined });
    parts.push({ kind: 'variable', name: m[1] ?? m[4], ...(m[2] ? { operator: m[2], fallback: m[3] } : {}), range: none });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push({ kind: 'literal', text: text.slice(last), range: none, at: () => undefined });
  return { range: none, raw: text, value: parts.every((p) => p.kind === 'literal') ? text : undefined, parts };
}

/** Replaces a word (or part of one) of the command with new shell text. */
export function replaceEdits(source: CommandSource, command: SimpleCommand, range: { start: number; end: number }, shellText: string): TextEdit[] | undefined {
  if (!source.file) return undefined;
  if (source.docker?.command.form === 'exec' && !command.wrappers.length && source.mode === 'exec') {
    return [{ file: source.file, range, text: JSON.stringify(shellText).slice(1, -1) }];
  }
  return [{ file: source.file, range, text: command.encode(shellText) }];
}

const OPERATOR = /^(&&|\|\||;|\||&)$/;
const NOT_EXECUTABLE = /^(cd|export|source|\.|set|ulimit|umask|[A-Za-z_][A-Za-z0-9_]*=.*)$/;

/**
 * The command as one shell line that keeps `$VAR` references expandable: arguments with spaces or quotes are
 * double-quoted, variables stay outside single quotes, operators (`&&`) stay operators.
 */
export function shellLine(words: readonly Word[]): string | undefined {
  const out: string[] = [];
  for (const word of words) {
    const text = word.parts.every((p) => p.kind !== 'dynamic') ? word.parts.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'variable' ? variableText(p) : '')).join('') : undefined;
    if (text === undefined) return undefined;
    if (OPERATOR.test(text)) out.push(text);
    else out.push(/^[A-Za-z0-9_./:=@%+,${}-]+$/.test(text) && !/\$\{?[^A-Za-z_{]/.test(text) ? text : `"${text.replace(/(["\\`])/g, '\\$1')}"`);
  }
  return out.join(' ');
}

function variableText(p: { name: string; operator?: string; fallback?: string }): string {
  return p.operator !== undefined ? `\${${p.name}${p.operator}${p.fallback ?? ''}}` : `\${${p.name}}`;
}

/**
 * Runs a command through `sh -c` so the shell expands its variables and chains: `exec` replaces the shell when
 * the command is a single program (so signals reach it), and a Railway start command keeps the text as written.
 */
export function wrapInShellEdits(planned: PlannedLaunch | { source: CommandSource; launch?: Launch; words: readonly Word[] }): TextEdit[] | undefined {
  const source = planned.source;
  const words = 'words' in planned ? planned.words : planned.launch.command.words;
  const single = !words.some((w) => w.value !== undefined && OPERATOR.test(w.value)) && !NOT_EXECUTABLE.test(words[0]?.value ?? '');
  const written = source.kind === 'railway' && !single && source.text ? source.text.text.trim() : undefined;
  const line = written ?? shellLine(words);
  if (line === undefined || !source.rewrite) return undefined;
  const inner = single ? `exec ${line}` : line;
  if (source.docker) return [{ file: source.docker.dockerfile.path, range: source.docker.command.argsRange, text: dockerExecForm(['sh', '-c', inner]) }];
  return source.rewrite(`sh -c ${inner.includes("'") ? `"${inner.replace(/(["\\`])/g, '\\$1')}"` : `'${inner}'`}`);
}
