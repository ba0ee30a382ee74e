/**
 * `deploy-doctor check [dir]`: analyse a project folder on disk with every rule and print the findings in the
 * chosen format. Exit 0 when nothing is at or above --fail-on, 1 when something is.
 */

import { createEngine, REPOSITORY_URL, type Finding, type SeveritySetting } from '../engine/index';
import { diskFiles } from '../node/disk-files';
import { nodeGrammars } from '../node/grammars';
import { hasFlag, listOf, optionsHelp, optionValue, parseArgs, type OptionSpec, type ParsedArgs } from './args';
import { createStyle, shouldColor, type Style } from './color';
import { checkedFolder, wantsFlag, type CliIO, type Command } from './command';
import { ExitCode, UsageError } from './exit-codes';
import { formatGithub } from './format-github';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { buildReport, SEVERITY_RANK, type CheckReport } from './report';
import { VERSION } from './version';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];
export const RULE_LEVELS = ['off', 'info', 'warning', 'error'] as const;

const formatters: Readonly<Record<Format, (report: CheckReport, style: Style) => string>> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};

const options: readonly OptionSpec[] = [
  { name: 'format', short: 'f', value: '<format>', choices: FORMATS, description: 'Output format: text (default), json, sarif or github' },
  {
    name: 'fail-on',
    value: '<severity>',
    choices: FAIL_ON,
    description: 'Exit 1 when a finding is at or above this severity:\nerror (default), warning, info or none',
  },
  {
    name: 'rule',
    value: '<id>=<level>',
    repeatable: true,
    description: "Set a rule's severity: off, info, warning or error\n(repeatable)",
  },
  {
    name: 'no-color',
    description: 'No colours in the text report (they are also off when\nNO_COLOR is set or stdout is not a terminal)',
  },
  { name: 'help', short: 'h', description: 'Show this help' },
  { name: 'version', description: 'Print the version' },
];

const COMMAND = 'check';

export const checkCommand: Command = {
  name: COMMAND,
  synopsis: 'check [dir]',
  summary: "Check a project's deploy configuration (Procfile, railway.toml/json, Dockerfiles)",
  help: () =>
    `Usage: deploy-doctor check [dir] [options]

Checks the deploy configuration of the project in <dir> (default: the current
directory): Procfile, railway.toml, railway.json and Dockerfiles, and the Python
code their start commands launch.

Options:
${optionsHelp(options)}

Exit status: 0 when no finding is at or above --fail-on, 1 when one is,
2 on a usage error (bad option or value, missing folder, unknown rule id)
or an internal error.

Paths are shown relative to the current directory when <dir> is inside it,
otherwise relative to <dir>. The rules and their ids:
  ${REPOSITORY_URL}/tree/main/docs/rules
`,
  run: runCheck,
};

export interface CheckOptions {
  readonly dir: string;
  readonly format: Format;
  readonly failOn: FailOn;
  /** `--rule` values as given, validated against the registry once the engine is up. */
  readonly rules: readonly string[];
  readonly noColor: boolean;
}

export function checkOptions(args: ParsedArgs): CheckOptions {
  return {
    dir: args.positionals[0] ?? '.',
    format: (optionValue(args, 'format') as Format | undefined) ?? 'text',
    failOn: (optionValue(args, 'fail-on') as FailOn | undefined) ?? 'error',
    rules: args.options.get('rule') ?? [],
    noColor: hasFlag(args, 'no-color'),
  };
}

async function runCheck(argv: readonly string[], io: CliIO): Promise<number> {
  if (wantsFlag(argv, '-h', '--help')) {
    io.out(checkCommand.help());
    return ExitCode.Ok;
  }
  if (wantsFlag(argv, '--version')) {
    io.out(`${VERSION}\n`);
    return ExitCode.Ok;
  }
  const opts = checkOptions(parseArgs(argv, { command: COMMAND, options, positionals: ['dir'] }));
  // Shape of --rule values first: a typo there is a usage error even before the engine loads.
  const ruleSettings = opts.rules.map(parseRuleSetting);
  const root = checkedFolder(io.cwd, opts.dir, COMMAND);

  const engine = createEngine(await nodeGrammars());
  const known = new Set(engine.rules.map((r) => r.id));
  const severities: Record<string, SeveritySetting> = {};
  for (const { id, level } of ruleSettings) {
    if (!known.has(id)) throw new UsageError(`unknown rule '${id}' in --rule (known rules: ${[...known].join(', ')})`, COMMAND);
    severities[id] = level;
  }

  const files = diskFiles(root);
  const ruleErrors: { ruleId: string; error: unknown }[] = [];
  const findings = engine.analyze(files, { severities, onRuleError: (ruleId, error) => ruleErrors.push({ ruleId, error }) });
  if (files.truncated) io.err(`deploy-doctor: warning: ${opts.dir} holds too many files; only part of it was checked\n`);

  const report = buildReport({ version: VERSION, dirArg: opts.dir, root, cwd: io.cwd, files, rules: engine.rules, findings });
  const style = createStyle(opts.format === 'text' && shouldColor(io.stdoutIsTTY, io.env, opts.noColor));
  io.out(formatters[opts.format](report, style));

  if (ruleErrors.length) {
    // The report is incomplete: say so and do not let CI pass on it.
    for (const { ruleId, error } of ruleErrors) {
      io.err(`deploy-doctor: internal error in rule '${ruleId}': ${errorText(error, io.env)}\n`);
    }
    return ExitCode.Usage;
  }
  return exitCodeFor(findings, opts.failOn);
}

/** `id=level` → its parts; a usage error when malformed. */
export function parseRuleSetting(value: string): { id: string; level: SeveritySetting } {
  const eq = value.lastIndexOf('=');
  const id = eq < 0 ? '' : value.slice(0, eq).trim();
  const level = eq < 0 ? '' : value.slice(eq + 1).trim();
  if (!id || !level) throw new UsageError(`--rule expects <id>=<level>, got '${value}'`, COMMAND);
  if (!(RULE_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`invalid level '${level}' for rule '${id}' in --rule (expected ${listOf(RULE_LEVELS)})`, COMMAND);
  }
  return { id, level: level as SeveritySetting };
}

export function exitCodeFor(findings: readonly Pick<Finding, 'severity'>[], failOn: FailOn): number {
  if (failOn === 'none') return ExitCode.Ok;
  const threshold = SEVERITY_RANK[failOn];
  return findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? ExitCode.Findings : ExitCode.Ok;
}

/** An error's message, with its stack when DEPLOY_DOCTOR_DEBUG=1. */
export function errorText(error: unknown, env: Readonly<Record<string, string | undefined>>): string {
  if (env.DEPLOY_DOCTOR_DEBUG === '1' && error instanceof Error && error.stack) return error.stack;
  return error instanceof Error ? error.message : String(error);
}
