/** One spelling of "what went wrong" for log lines: the stack where there is one. */

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
