/**
 * `deploy-doctor analyze <log|->`: diagnose a deploy log (a file, or standard input for `-`) and print the root
 * causes, their evidence and, with `--root`, the project's config lines to change. The log is streamed through
 * the engine's scanner in chunks, so a 100 MB log is never one string in memory. Exit 0 when no cause is found,
 * 1 when one is, 2 on a usage or input error.
 */

import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine, createLogScanner, type LogDiagnosis } from '../engine/index';
import { diskFiles } from '../node/disk-files';
import { nodeGrammars } from '../node/grammars';
import { hasFlag, optionsHelp, optionValue, parseArgs, type OptionSpec } from './args';
import { ANALYZE_FORMATS, formatAnalysis, type AnalyzeFormat } from './analyze-format';
import { createStyle, shouldColor } from './color';
import { checkedFolder, wantsFlag, type CliIO, type Command } from './command';
import { ExitCode, UsageError } from './exit-codes';
import { shownPrefix } from './report';
import { VERSION } from './version';

const COMMAND = 'analyze';

/** Bytes read from the log per step; the scanner sees the text a chunk at a time. */
const READ_CHUNK_BYTES = 256 * 1024;

const options: readonly OptionSpec[] = [
  { name: 'format', short: 'f', value: '<format>', choices: ANALYZE_FORMATS, description: 'Output format: text (default), json or markdown' },
  { name: 'root', value: '<dir>', description: "Link causes to this project's deploy config\n(Procfile, railway.toml/json, Dockerfile, requirements)" },
  {
    name: 'no-color',
    description: 'No colours in the text report (they are also off when\nNO_COLOR is set or stdout is not a terminal)',
  },
  { name: 'help', short: 'h', description: 'Show this help' },
  { name: 'version', description: 'Print the version' },
];

export const analyzeCommand: Command = {
  name: COMMAND,
  synopsis: 'analyze <log|->',
  summary: 'Find the root cause in a deploy log (a file, or - for stdin)',
  help: () =>
    `Usage: deploy-doctor analyze <log|-> [options]

Reads a deploy log from Railway, Heroku, Docker or Kubernetes (a file, or
standard input for -) and prints the root cause of the failure first, with
the log lines that show it, then the symptoms it explains (502, failed
healthcheck, crash loop). Secrets in the log are masked in every output.

Options:
${optionsHelp(options)}

Exit status: 0 when no cause of failure is found, 1 when one is,
2 on a usage error (bad option, missing or unreadable log or folder)
or an internal error.

Examples:
  railway logs --build > build.log && deploy-doctor analyze build.log --root .
  heroku logs --tail | deploy-doctor analyze - --format json
`,
  run: runAnalyze,
};

async function runAnalyze(argv: readonly string[], io: CliIO & { readonly stdin?: NodeJS.ReadableStream }): Promise<number> {
  if (wantsFlag(argv, '-h', '--help')) {
    io.out(analyzeCommand.help());
    return ExitCode.Ok;
  }
  if (wantsFlag(argv, '--version')) {
    io.out(`${VERSION}\n`);
    return ExitCode.Ok;
  }
  const args = parseArgs(argv, { command: COMMAND, options, positionals: ['log'] });
  const logArg = args.positionals[0];
  if (logArg === undefined) throw new UsageError('missing the log to analyse (a file, or - for standard input)', COMMAND);
  const format = (optionValue(args, 'format') as AnalyzeFormat | undefined) ?? 'text';
  const rootArg = optionValue(args, 'root');
  const root = rootArg === undefined ? undefined : checkedFolder(io.cwd, rootArg, COMMAND);

  const input = logArg === '-' ? (io.stdin ?? process.stdin) : openLog(io.cwd, logArg);
  let diagnosis = await scanStream(input, logArg === '-' ? 'standard input' : logArg);

  if (root !== undefined) {
    // Links causes to the project on disk (config locations, rule fixes); the grammars load only for --root.
    const engine = createEngine(await nodeGrammars());
    diagnosis = withShownPaths(engine.linkLog(diskFiles(root), diagnosis), io.cwd, root);
  }

  const style = createStyle(format === 'text' && shouldColor(io.stdoutIsTTY, io.env, hasFlag(args, 'no-color')));
  io.out(formatAnalysis(format, diagnosis, style));
  return diagnosis.causes.length ? ExitCode.Findings : ExitCode.Ok;
}

/** A stream over the log file; usage errors for a missing path or a folder. */
function openLog(cwd: string, arg: string): NodeJS.ReadableStream {
  const path = resolve(cwd, arg);
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new UsageError(`log file not found: ${arg}`, COMMAND);
  }
  if (!isFile) throw new UsageError(`not a file: ${arg}`, COMMAND);
  return createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
}

/** Feeds the stream to the scanner chunk by chunk, decoding UTF-8 across chunk boundaries. */
async function scanStream(stream: NodeJS.ReadableStream, name: string): Promise<LogDiagnosis> {
  const scanner = createLogScanner();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  let scanError: unknown;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      try {
        if (text) scanner.push(text);
      } catch (error) {
        scanError = error;
        break;
      }
    }
  } catch (error) {
    throw new UsageError(`cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, COMMAND);
  }
  // Not an input problem: main.ts reports it as an internal error.
  if (scanError !== undefined) throw scanError;
  const rest = decoder.decode();
  if (rest) scanner.push(rest);
  return scanner.finish();
}

/**
 * Location paths as `check` shows them: relative to the current directory when the project is inside it (they
 * click through in terminals), otherwise relative to the project. Always forward slashes.
 */
function withShownPaths(d: LogDiagnosis, cwd: string, root: string): LogDiagnosis {
  const prefix = shownPrefix(cwd, root);
  if (!prefix) return d;
  return {
    ...d,
    causes: d.causes.map((c) => ({ ...c, locations: c.locations.map((l) => ({ ...l, file: `${prefix}/${l.file}` })) })),
  };
}
