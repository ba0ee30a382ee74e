/** The CLI's exit codes (research/ecosystem.md §5.1) and the error that maps to the usage code. */

export const ExitCode = {
  /** No finding at or above the --fail-on threshold. */
  Ok: 0,
  /** At least one finding at or above the threshold. */
  Findings: 1,
  /** Bad flags or values, a missing or unreadable input, or an internal error. */
  Usage: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * A mistake in how the CLI was called. The message is one line, shown after `deploy-doctor: `; `helpFor` names
 * the command whose `--help` the hint points to.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly helpFor?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
