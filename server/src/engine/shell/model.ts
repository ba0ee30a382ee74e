/** What the engine knows about a start command after shell parsing: simple commands, words and expansions. */

import type { OffsetRange } from '../types';

/**
 * One piece of a word. Offsets are file offsets. A literal's `at(i)` gives the file offset of its i-th character
 * when it can be computed exactly (no escapes before it), so rules can point inside `0.0.0.0:8000`.
 */
export type WordPart =
  | { readonly kind: 'literal'; readonly text: string; readonly range: OffsetRange; readonly at: (i: number) => number | undefined }
  | {
      readonly kind: 'variable';
      readonly name: string;
      readonly range: OffsetRange;
      /** `${PORT:-8000}` → operator `:-`, fallback `8000`. */
      readonly operator?: string;
      readonly fallback?: string;
    }
  | { readonly kind: 'dynamic'; readonly range: OffsetRange };

export interface Word {
  readonly range: OffsetRange;
  /** The word's source text as the shell reads it (quotes included). */
  readonly raw: string;
  /** The value after quote removal, when no expansion or substitution is involved. */
  readonly value: string | undefined;
  readonly parts: readonly WordPart[];
}

export interface Assignment {
  readonly name: string;
  readonly range: OffsetRange;
  readonly value: Word | undefined;
}

/** How the words of a command reach the program. */
export type CommandMode =
  /** A shell reads it: `$VAR` expands, `&&` chains. */
  | 'shell'
  /** Split into words and executed directly: `$VAR` stays literal (Docker exec form, Railway on Dockerfile builds). */
  | 'exec';

export interface SimpleCommand {
  readonly range: OffsetRange;
  readonly mode: CommandMode;
  /** `NAME=value` words before the program (`PYTHONPATH=. gunicorn …`). */
  readonly assignments: readonly Assignment[];
  /** argv: words[0] is the program. Wrappers (`exec`, `env`, `sh -c`) are already taken apart. */
  readonly words: readonly Word[];
  /** The directory the command starts in, relative to the start directory of the whole command line. */
  readonly cwd: string | undefined;
  /** Variables set before this command (`export`, `env X=`, `cd`-chains, prefix assignments), last wins. */
  readonly env: ReadonlyMap<string, Word | undefined>;
  /** File offset where a prefix such as `PYTHONPATH=. ` can be inserted so that only this command sees it. */
  readonly prefixAt: number;
  /** Turns text into the syntax of the spot the command sits in (quoting for TOML strings, JSON, sh -c '…'). */
  readonly encode: (text: string) => string;
  /** `sh -c` / `bash -c` wrappers around this command, outermost first. */
  readonly wrappers: readonly Wrapper[];
  /** True when the command runs in the background (`cmd &`) or is followed by further commands. */
  readonly background: boolean;
}

export interface Wrapper {
  /** The `sh` word. */
  readonly shell: Word;
  /** The payload word that holds the inner command line. */
  readonly payload: Word;
}

export interface CommandLine {
  readonly commands: readonly SimpleCommand[];
  /** The shell reported a syntax error (unterminated quote, …): the text may still be half-typed. */
  readonly hasError: boolean;
  /** Constructs the engine does not follow (`if`, loops, functions, subshells, pipes into the server). */
  readonly opaque: boolean;
}

/** Control operators; in exec mode they reach the program as plain arguments. */
export const CONTROL_OPERATORS: ReadonlySet<string> = new Set(['&&', '||', ';', '|', '&']);

/** Word text with variables shown as `${NAME}` (fallback kept): `0.0.0.0:${PORT}`. Dynamic parts become `…`. */
export function templateValue(word: Word): string {
  return word.parts
    .map((p) => (p.kind === 'literal' ? p.text : p.kind === 'variable' ? `\${${p.name}${p.operator ?? ''}${p.fallback ?? ''}}` : '…'))
    .join('');
}

export function variablesIn(word: Word): Extract<WordPart, { kind: 'variable' }>[] {
  return word.parts.filter((p): p is Extract<WordPart, { kind: 'variable' }> => p.kind === 'variable');
}
