/**
 * The `deploy-doctor` command (bundled to dist/cli.js with a shebang). Everything but the process wiring lives
 * in ./cli/: argument parsing, the commands, the output formats and exit codes.
 */

import { setFlagsFromString } from 'node:v8';
import { errorText } from './cli/check';
import { ExitCode } from './cli/exit-codes';
import { runCli } from './cli/main';

// A CLI run is short: V8's optimising compiler for WebAssembly (TurboFan) spends far more time compiling the
// tree-sitter parsers than it saves (a 2 000-file check: ~0.9 s with it, ~0.2 s without), so stay on the baseline
// compiler. Set before any WebAssembly module is compiled.
setFlagsFromString('--liftoff-only');

// `deploy-doctor check | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.Ok);
  throw error;
});

// Whatever escapes runCli (an error thrown from a callback) is still an internal error: exit 2, no raw stack.
const crash = (error: unknown): void => {
  process.stderr.write(`deploy-doctor: internal error: ${errorText(error, process.env)}\n`);
  process.exit(ExitCode.Usage);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

void runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
}).then((code) => {
  // Set, not exit(): piped output must be flushed before the process ends.
  process.exitCode = code;
});
