/**
 * Edits to start commands, written in the syntax of wherever the command lives: a Procfile line, a TOML or
 * JSON string, a Dockerfile shell-form or exec-form instruction, an `sh -c '…'` payload inside any of those.
 */

import { CONTROL_OPERATORS, templateValue, type SimpleCommand, type Word } from '../shell/model';
import { escapeDoubleQuoted } from '../shell/payload';
import { wordFromText } from '../shell/words';
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

/** Replaces a word (or part of one) of the command with new shell text. */
export function replaceEdits(source: CommandSource, command: SimpleCommand, range: { start: number; end: number }, shellText: string): TextEdit[] | undefined {
  if (!source.file) return undefined;
  if (source.docker?.command.form === 'exec' && !command.wrappers.length && source.mode === 'exec') {
    return [{ file: source.file, range, text: JSON.stringify(shellText).slice(1, -1) }];
  }
  return [{ file: source.file, range, text: command.encode(shellText) }];
}

const NOT_EXECUTABLE = /^(cd|export|source|\.|set|ulimit|umask|[A-Za-z_][A-Za-z0-9_]*=.*)$/;

/**
 * The command as one shell line that keeps `$VAR` references expandable: arguments with spaces or quotes are
 * double-quoted, variables stay outside single quotes, operators (`&&`) stay operators.
 */
function shellLine(words: readonly Word[]): string | undefined {
  const out: string[] = [];
  for (const word of words) {
    if (word.parts.some((p) => p.kind === 'dynamic')) return undefined;
    const text = templateValue(word);
    if (CONTROL_OPERATORS.has(text)) out.push(text);
    else out.push(/^[A-Za-z0-9_./:=@%+,${}-]+$/.test(text) && !/\$\{?[^A-Za-z_{]/.test(text) ? text : `"${escapeDoubleQuoted(text)}"`);
  }
  return out.join(' ');
}

/**
 * Runs a command through `sh -c` so the shell expands its variables and chains: `exec` replaces the shell when
 * the command is a single program (so signals reach it), and a Railway start command keeps the text as written.
 */
export function wrapInShellEdits(planned: PlannedLaunch | { source: CommandSource; launch?: Launch; words: readonly Word[] }): TextEdit[] | undefined {
  const source = planned.source;
  const words = 'words' in planned ? planned.words : planned.launch.command.words;
  const single = !words.some((w) => w.value !== undefined && CONTROL_OPERATORS.has(w.value)) && !NOT_EXECUTABLE.test(words[0]?.value ?? '');
  const written = source.kind === 'railway' && !single && source.text ? source.text.text.trim() : undefined;
  const line = written ?? shellLine(words);
  if (line === undefined || !source.rewrite) return undefined;
  const inner = single ? `exec ${line}` : line;
  if (source.docker) return [{ file: source.docker.dockerfile.path, range: source.docker.command.argsRange, text: dockerExecForm(['sh', '-c', inner]) }];
  return source.rewrite(`sh -c ${inner.includes("'") ? `"${escapeDoubleQuoted(inner)}"` : `'${inner}'`}`);
}
