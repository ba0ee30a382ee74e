/**
 * Command-line parsing shared by every subcommand: `--name value`, `--name=value`, `-x value`, flags, repeatable
 * options, `--` to end options, and a fixed number of positional arguments. Every mistake is a `UsageError`.
 */

import { UsageError } from './exit-codes';

export interface OptionSpec {
  /** Long name without the dashes: `format` for `--format`. */
  readonly name: string;
  /** One-letter alias without the dash: `f` for `-f`. */
  readonly short?: string;
  /** Placeholder shown in help when the option takes a value (`<format>`); flags have none. */
  readonly value?: string;
  /** The accepted values, checked here. */
  readonly choices?: readonly string[];
  /** May be given several times; all values are kept in order. Otherwise the last one wins. */
  readonly repeatable?: boolean;
  /** One line for the help text. */
  readonly description: string;
}

export interface ParsedArgs {
  /** Values by long option name; flags map to `[]` when present. */
  readonly options: ReadonlyMap<string, readonly string[]>;
  readonly positionals: readonly string[];
}

export interface ParseSpec {
  /** The subcommand, for messages and the `--help` hint. */
  readonly command: string;
  readonly options: readonly OptionSpec[];
  /** Names of the positional arguments, in order, for messages (`dir`); more than these is an error. */
  readonly positionals: readonly string[];
}

export function parseArgs(argv: readonly string[], spec: ParseSpec): ParsedArgs {
  const byLong = new Map(spec.options.map((o) => [o.name, o]));
  const byShort = new Map(spec.options.filter((o) => o.short).map((o) => [o.short as string, o]));
  const options = new Map<string, string[]>();
  const positionals: string[] = [];
  const fail = (message: string): never => {
    throw new UsageError(message, spec.command);
  };

  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      if (positionals.length >= spec.positionals.length) {
        fail(`unexpected argument '${arg}'` + (spec.positionals.length ? ` ('${spec.command}' takes at most ${countOf(spec.positionals.length, 'argument')})` : ''));
      }
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }

    let option: OptionSpec | undefined;
    let inline: string | undefined;
    let shown: string;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      shown = `--${name}`;
      option = byLong.get(name);
    } else {
      const short = byShort.get(arg[1]);
      if (short && arg.length === 2) option = short;
      else if (short && short.value !== undefined) {
        // `-fjson`: a short option glued to its value.
        option = short;
        inline = arg.slice(2);
      }
      shown = option ? `-${arg[1]}` : arg;
    }
    if (!option) fail(`unknown option '${shown}'`);
    const opt = option as OptionSpec;
    const label = `--${opt.name}`;

    let value: string | undefined;
    if (opt.value === undefined) {
      if (inline !== undefined) fail(`option '${label}' takes no value`);
    } else if (inline !== undefined) {
      value = inline;
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) fail(`option '${label}' needs a value ${opt.value}`);
      value = next;
      i++;
    }

    if (value !== undefined && opt.choices && !opt.choices.includes(value)) {
      fail(`invalid value '${value}' for ${label} (expected ${listOf(opt.choices)})`);
    }
    if (value === '') fail(`option '${label}' needs a non-empty value ${opt.value}`);

    const values = value === undefined ? [] : [value];
    if (opt.repeatable) options.set(opt.name, [...(options.get(opt.name) ?? []), ...values]);
    else options.set(opt.name, values);
  }
  return { options, positionals };
}

/** The last value of an option, or undefined when it was not given. */
export function optionValue(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name);
  return values?.[values.length - 1];
}

export function hasFlag(args: ParsedArgs, name: string): boolean {
  return args.options.has(name);
}

/** `a, b or c`. */
export function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The options block of a help text, aligned in two columns; `\n` in a description continues in the right column. */
export function optionsHelp(options: readonly OptionSpec[]): string {
  const left = options.map((o) => `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return options
    .map((o, i) => {
      const [first, ...rest] = o.description.split('\n');
      return [`  ${left[i].padEnd(width)}${first}`, ...rest.map((r) => `  ${' '.repeat(width)}${r}`)].join('\n');
    })
    .join('\n');
}
