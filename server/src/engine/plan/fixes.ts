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

/**
 * The command as one shell line that keeps `$VAR` references expandable: arguments with spaces or quotes are
 * double-quoted, variables stay outside single quotes.
 */
export function shellLine(words: readonly Word[]): string | undefined {
  const out: string[] = [];
  for (const word of words) {
    const text = word.parts.every((p) => p.kind !== 'dynamic') ? word.parts.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'variable' ? variableText(p) : '')).join('') : undefined;
    if (text === undefined) return undefined;
    out.push(/^[A-Za-z0-9_./:=@%+,${}-]+$/.test(text) && !/\$\{?[^A-Za-z_{]/.test(text) ? text : `"${text.replace(/(["\\`])/g, '\\$1')}"`);
  }
  return out.join(' ');
}

function variableText(p: { name: string; operator?: string; fallback?: string }): string {
  return p.operator !== undefined ? `\${${p.name}${p.operator}${p.fallback ?? ''}}` : `\${${p.name}}`;
}

/** Wraps an exec-form command in `sh -c "exec …"` so the shell expands its variables. */
export function wrapInShellEdits(planned: PlannedLaunch | { source: CommandSource; launch?: Launch; words: readonly Word[] }): TextEdit[] | undefined {
  const source = planned.source;
  const words = 'words' in planned ? planned.words : planned.launch.command.words;
  const line = shellLine(words);
  if (line === undefined || !source.rewrite) return undefined;
  const inner = `exec ${line}`;
  if (source.docker) return [{ file: source.docker.dockerfile.path, range: source.docker.command.argsRange, text: dockerExecForm(['sh', '-c', inner]) }];
  return source.rewrite(`sh -c ${inner.includes("'") ? `"${inner.replace(/(["\\`])/g, '\\$1')}"` : `'${inner}'`}`);
}
