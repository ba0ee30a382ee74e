/** What a subcommand is, and the process surface it runs against (injected so tests can run it in-process). */

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
