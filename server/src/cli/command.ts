/** What a subcommand is, and the process surface it runs against (injected so tests can run it in-process). */

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './exit-codes';

export interface CliIO {
  /** Absolute current directory. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  readonly name: string;
  /** `check [dir]`: the name and its positional arguments, for the command list. */
  readonly synopsis: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text. */
  help(): string;
  /** Runs with the arguments after the command name; resolves to the exit code. Throws `UsageError` for usage mistakes. */
  run(argv: readonly string[], io: CliIO): Promise<number>;
}

/** `-h`/`--help` (or `--version`) anywhere before `--` wins over every other argument. */
export function wantsFlag(argv: readonly string[], ...flags: string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (flags.includes(arg)) return true;
  }
  return false;
}

/** The absolute folder `dir` names; a usage error of `command` when it does not exist or is not a folder. */
export function checkedFolder(cwd: string, dir: string, command: string): string {
  const root = resolve(cwd, dir);
  let isDir: boolean;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new UsageError(`folder not found: ${dir}`, command);
  }
  if (!isDir) throw new UsageError(`not a folder: ${dir}`, command);
  return root;
}
