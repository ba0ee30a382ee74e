/**
 * Dispatch: `deploy-doctor <command> …`, top-level `--help`/`--version`, and the one place errors become exit
 * codes and stderr lines. A new subcommand is one more entry in `commands`.
 */

import { analyzeCommand } from './analyze';
import { checkCommand, errorText } from './check';
import { wantsFlag, type CliIO, type Command } from './command';
import { ExitCode, UsageError } from './exit-codes';
import { VERSION } from './version';

export const commands: readonly Command[] = [checkCommand, analyzeCommand];

export function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.synopsis.length)) + 2;
  return `Usage: deploy-doctor <command> [options]

Finds why a Python web backend will not start on Railway, Heroku or Docker.

Commands:
${commands.map((c) => `  ${c.synopsis.padEnd(width)}${c.summary}`).join('\n')}

Options:
  -h, --help     Show this help
      --version  Print the version

Run 'deploy-doctor <command> --help' for the options of a command.
`;
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) throw new UsageError(`missing command (known commands: ${commandNames()})`);
    if (name === 'help') {
      const command = rest[0] === undefined ? undefined : findCommand(rest[0]);
      io.out(command ? command.help() : mainHelp());
      return ExitCode.Ok;
    }
    if (name.startsWith('-')) {
      if (wantsFlag([name], '-h', '--help')) {
        io.out(mainHelp());
        return ExitCode.Ok;
      }
      if (name === '--version') {
        io.out(`${VERSION}\n`);
        return ExitCode.Ok;
      }
      throw new UsageError(`unknown option '${name}' before the command (known commands: ${commandNames()})`);
    }
    return await findCommand(name).run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.helpFor ? `deploy-doctor ${error.helpFor} --help` : 'deploy-doctor --help';
      io.err(`deploy-doctor: ${error.message}\nRun '${help}' for usage.\n`);
    } else {
      io.err(`deploy-doctor: internal error: ${errorText(error, io.env)}\n`);
      if (io.env.DEPLOY_DOCTOR_DEBUG !== '1') io.err('Set DEPLOY_DOCTOR_DEBUG=1 to see the stack trace.\n');
    }
    return ExitCode.Usage;
  }
}

function findCommand(name: string): Command {
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command '${name}' (known commands: ${commandNames()})`);
  return command;
}

function commandNames(): string {
  return commands.map((c) => c.name).join(', ');
}
