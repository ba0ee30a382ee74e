import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { optionsHelp, optionValue, parseArgs, type OptionSpec, type ParseSpec } from './args';
import { UsageError } from './exit-codes';

const options: OptionSpec[] = [
  { name: 'format', short: 'f', value: '<format>', choices: ['text', 'json'], description: 'Output format' },
  { name: 'rule', value: '<id>=<level>', repeatable: true, description: 'A rule' },
  { name: 'no-color', description: 'No colours\nat all' },
  { name: 'help', short: 'h', description: 'Help' },
];
const spec: ParseSpec = { command: 'check', options, positionals: ['dir'] };

function usageError(argv: string[]): UsageError {
  try {
    parseArgs(argv, spec);
  } catch (error) {
    assert.ok(error instanceof UsageError);
    assert.equal(error.helpFor, 'check');
    return error;
  }
  assert.fail(`no error for ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  test('long, long=value, short, short glued, flags and one positional in any order', () => {
    for (const argv of [
      ['dir', '--format', 'json', '--no-color'],
      ['--format=json', 'dir', '--no-color'],
      ['-f', 'json', '--no-color', 'dir'],
      ['--no-color', '-fjson', 'dir'],
    ]) {
      const args = parseArgs(argv, spec);
      assert.equal(optionValue(args, 'format'), 'json', argv.join(' '));
      assert.deepEqual(args.options.get('no-color'), []);
      assert.deepEqual(args.positionals, ['dir']);
    }
  });

  test('repeatable options keep every value in order; others keep the last', () => {
    const args = parseArgs(['--rule', 'a=off', '--format', 'text', '--rule=b=error', '--format', 'json'], spec);
    assert.deepEqual(args.options.get('rule'), ['a=off', 'b=error']);
    assert.equal(optionValue(args, 'format'), 'json');
    assert.equal(optionValue(args, 'rule'), 'b=error');
    assert.equal(optionValue(parseArgs([], spec), 'format'), undefined);
  });

  test('-- ends the options; a lone - is a positional', () => {
    assert.deepEqual(parseArgs(['--', '--format'], spec).positionals, ['--format']);
    assert.deepEqual(parseArgs(['-'], spec).positionals, ['-']);
  });

  test('mistakes are usage errors with one-line messages', () => {
    assert.equal(usageError(['--bogus']).message, "unknown option '--bogus'");
    assert.equal(usageError(['--bogus=1']).message, "unknown option '--bogus'");
    assert.equal(usageError(['-z']).message, "unknown option '-z'");
    assert.equal(usageError(['-hx']).message, "unknown option '-hx'");
    assert.equal(usageError(['--format']).message, "option '--format' needs a value <format>");
    assert.equal(usageError(['--format', '--no-color']).message, "option '--format' needs a value <format>");
    assert.equal(usageError(['--format', 'xml']).message, "invalid value 'xml' for --format (expected text or json)");
    assert.equal(usageError(['-f', 'xml']).message, "invalid value 'xml' for --format (expected text or json)");
    assert.equal(usageError(['--no-color=1']).message, "option '--no-color' takes no value");
    assert.equal(usageError(['--rule=']).message, "option '--rule' needs a non-empty value <id>=<level>");
    assert.equal(usageError(['a', 'b']).message, "unexpected argument 'b' ('check' takes at most 1 argument)");
    for (const e of [usageError(['--bogus']), usageError(['a', 'b'])]) assert.doesNotMatch(e.message, /\n/);
  });

  test('a command without positionals rejects them', () => {
    assert.throws(() => parseArgs(['x'], { command: 'c', options, positionals: [] }), /^UsageError: unexpected argument 'x'$/);
  });
});

test('optionsHelp aligns descriptions and continues multi-line ones in the right column', () => {
  const help = optionsHelp(options).split('\n');
  assert.equal(help[0], '  -f, --format <format>    Output format');
  assert.equal(help[1], '      --rule <id>=<level>  A rule');
  assert.equal(help[2], '      --no-color           No colours');
  assert.equal(help[3], '                           at all');
  assert.equal(help[4], '  -h, --help               Help');
});
