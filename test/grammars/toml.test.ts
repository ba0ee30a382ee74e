/** Highlighting of railway.toml (and any TOML) by syntaxes/toml.tmLanguage.json; samples follow the TOML 1.0 spec. */

import { describe, test } from 'node:test';
import { highlight } from './textmate';

const toml = (text: string) => highlight('source.toml', text);

const KEY = 'support.type.property-name.toml';

describe('TOML grammar', () => {
  test('comments, keys, tables and a Railway config', async () => {
    const h = await toml(
      [
        '# Railway config',
        '[build]',
        'builder = "DOCKERFILE" # the builder',
        'dockerfilePath = "Dockerfile.web"',
        '',
        '[deploy]',
        'startCommand = "gunicorn app:app --bind 0.0.0.0:$PORT"',
        'healthcheckTimeout = 300',
      ].join('\n'),
    );
    h.scoped('# Railway config', 'comment.line.number-sign.toml');
    h.scoped('#', 'punctuation.definition.comment.toml');
    h.scoped('[', 'punctuation.definition.table.begin.toml');
    h.scoped('build', 'entity.name.table.toml');
    h.scoped(']', 'punctuation.definition.table.end.toml');
    h.scoped('builder', KEY);
    h.scoped('=', 'punctuation.separator.key-value.toml');
    h.scoped('"DOCKERFILE"', 'string.quoted.double.basic.line.toml');
    h.scoped('# the builder', 'comment.line.number-sign.toml');
    h.scoped('deploy', 'entity.name.table.toml');
    h.scoped('"gunicorn app:app --bind 0.0.0.0:$PORT"', 'string.quoted.double.basic.line.toml');
    h.scoped('300', 'constant.numeric.integer.toml');
  });

  test('bare, quoted and dotted keys', async () => {
    const h = await toml(
      [
        'bare_key-1 = 1',
        '1234 = "value"',
        '"127.0.0.1" = "value"',
        "'quoted \"value\"' = 1",
        'physical.color = "orange"',
        'site."google.com" = true',
        '3.14159 = "pi"',
        'fruit . flavor = "banana"',
      ].join('\n'),
    );
    h.scoped('bare_key-1', KEY);
    h.scoped('1234', KEY);
    h.scoped('"127.0.0.1"', KEY);
    h.scoped('"', 'punctuation.definition.string.begin.toml', 2);
    h.scoped(`'quoted "value"'`, KEY);
    h.scoped('physical.color', KEY);
    h.scoped('.', 'punctuation.separator.dot.toml', 3);
    h.scoped('site."google.com"', KEY);
    h.scoped('3.14159', KEY);
    h.notScoped('3.14159', 'constant.numeric');
    h.scoped('fruit . flavor', KEY);
  });

  test('table headers and arrays of tables', async () => {
    const h = await toml(
      ['[dog."tater.man"]', "[ j . \"ʞ\" . 'l' ]", '[[products]]', 'name = "Hammer"', '[[fruits.varieties]]  # comment'].join('\n'),
    );
    h.scoped('dog."tater.man"', 'entity.name.table.toml');
    h.scoped(`j . "ʞ" . 'l'`, 'entity.name.table.toml');
    h.scoped('[[', 'punctuation.definition.table.array.begin.toml');
    h.scoped('products', 'entity.name.table.array.toml');
    h.scoped(']]', 'punctuation.definition.table.array.end.toml');
    h.scoped('name', KEY);
    h.scoped('fruits.varieties', 'entity.name.table.array.toml');
    h.scoped('# comment', 'comment.line.number-sign.toml');
  });

  test('basic strings and escapes', async () => {
    const h = await toml(String.raw`str = "I'm a string. \"You can quote me\". Name\tJos\u00E9 \nLocation\tSF. \q"`);
    h.scoped(String.raw`"I'm a string. \"You can quote me\". Name\tJos\u00E9 \nLocation\tSF. \q"`, 'string.quoted.double.basic.line.toml');
    h.scoped(String.raw`\"`, 'constant.character.escape.toml');
    h.scoped(String.raw`\t`, 'constant.character.escape.toml');
    h.scoped(String.raw`\u00E9`, 'constant.character.escape.toml');
    h.scoped(String.raw`\q`, 'invalid.illegal.escape.toml');
  });

  test('multi-line basic strings, line-ending backslashes and quotes before the delimiter', async () => {
    const h = await toml(
      [
        'str1 = """',
        'Roses are red',
        'Violets are blue"""',
        'str3 = """\\',
        '       The quick brown \\',
        '       fox."""',
        'str7 = """"This," she said, "is just a pointless statement.""""',
        'after = 1',
      ].join('\n'),
    );
    h.scoped('"""\nRoses are red\nViolets are blue"""', 'string.quoted.triple.basic.block.toml');
    h.scoped('"""', 'punctuation.definition.string.end.toml', 1);
    h.scoped('\\', 'constant.character.escape.line-continuation.toml');
    h.scoped('""""This," she said, "is just a pointless statement.""""', 'string.quoted.triple.basic.block.toml');
    h.scoped('after', KEY);
  });

  test('literal strings, single-line and multi-line', async () => {
    const h = await toml(
      [
        String.raw`winpath = 'C:\Users\nodejs\templates'`,
        String.raw`regex2 = '''I [dw]on't need \d{2} apples'''`,
        "quot15 = ''''That,' she said, 'is still pointless.''''",
        "lines = '''",
        'The first newline is',
        "trimmed.'''",
        'after = 2',
      ].join('\n'),
    );
    h.scoped(String.raw`'C:\Users\nodejs\templates'`, 'string.quoted.single.literal.line.toml');
    h.notScoped(String.raw`\Users`, 'constant.character.escape');
    h.scoped(String.raw`'''I [dw]on't need \d{2} apples'''`, 'string.quoted.triple.literal.block.toml');
    h.scoped("''''That,' she said, 'is still pointless.''''", 'string.quoted.triple.literal.block.toml');
    h.scoped("'''\nThe first newline is\ntrimmed.'''", 'string.quoted.triple.literal.block.toml');
    h.scoped('after', KEY);
  });

  test('integers in every base, with underscores and signs', async () => {
    const h = await toml(
      ['a = +99', 'b = -17', 'c = 0', 'd = 1_000', 'e = 0xDEADBEEF', 'f = 0xdead_beef', 'g = 0o755', 'h = 0b11010110', 'i = 0123'].join('\n'),
    );
    for (const n of ['+99', '-17', '0', '1_000']) h.scoped(n, 'constant.numeric.integer.toml');
    h.scoped('0xDEADBEEF', 'constant.numeric.integer.hex.toml');
    h.scoped('0xdead_beef', 'constant.numeric.integer.hex.toml');
    h.scoped('0o755', 'constant.numeric.integer.oct.toml');
    h.scoped('0b11010110', 'constant.numeric.integer.bin.toml');
    // Leading zeros are not allowed in TOML.
    h.notScoped('0123', 'constant.numeric');
  });

  test('floats, infinity and not-a-number', async () => {
    const h = await toml(
      [
        'a = +1.0',
        'b = 3.1415',
        'c = -0.01',
        'd = 5e+22',
        'e = 1e06',
        'f = -2E-2',
        'g = 6.626e-34',
        'h = 224_617.445_991_228',
        'i = inf',
        'j = +inf',
        'k = -inf',
        'l = nan',
        'm = -nan',
      ].join('\n'),
    );
    for (const n of ['+1.0', '3.1415', '-0.01', '5e+22', '1e06', '-2E-2', '6.626e-34', '224_617.445_991_228']) {
      h.scoped(n, 'constant.numeric.float.toml');
    }
    for (const n of ['inf', '+inf', '-inf']) h.scoped(n, 'constant.numeric.inf.toml');
    h.scoped('nan', 'constant.numeric.nan.toml');
    h.scoped('-nan', 'constant.numeric.nan.toml');
  });

  test('booleans and date-times', async () => {
    const h = await toml(
      [
        'a = true',
        'b = false',
        'odt1 = 1979-05-27T07:32:00Z',
        'odt2 = 1979-05-27T00:32:00-07:00',
        'odt3 = 1979-05-27T00:32:00.999999-07:00',
        'odt4 = 1979-05-27 07:32:00Z',
        'ldt1 = 1979-05-27T07:32:00',
        'ld1 = 1979-05-28',
        'lt1 = 07:33:00',
        'lt2 = 00:32:00.999999',
      ].join('\n'),
    );
    h.scoped('true', 'constant.language.boolean.toml');
    h.scoped('false', 'constant.language.boolean.toml');
    for (const d of ['1979-05-27T07:32:00Z', '1979-05-27T00:32:00-07:00', '1979-05-27T00:32:00.999999-07:00', '1979-05-27 07:32:00Z']) {
      h.scoped(d, 'constant.other.time.datetime.offset.toml');
    }
    h.scoped('1979-05-27T07:32:00', 'constant.other.time.datetime.local.toml', 1);
    h.scoped('1979-05-28', 'constant.other.time.date.toml');
    h.scoped('07:33:00', 'constant.other.time.time.toml');
    h.scoped('00:32:00.999999', 'constant.other.time.time.toml', 1);
  });

  test('arrays, nested and across lines, with comments', async () => {
    const h = await toml(
      [
        'ports = [ 8000, 8001 ]',
        'data = [ ["delta", "phi"], [3.14] ]',
        'integers3 = [',
        '  1,',
        '  2, # this is ok',
        ']',
        'after = 3',
      ].join('\n'),
    );
    h.scoped('[ 8000, 8001 ]', 'meta.array.toml');
    h.scoped('[', 'punctuation.definition.array.begin.toml');
    h.scoped(',', 'punctuation.separator.array.toml');
    h.scoped('8001', 'constant.numeric.integer.toml');
    h.scoped('"delta"', 'string.quoted.double.basic.line.toml');
    h.scoped('3.14', 'constant.numeric.float.toml');
    h.scoped('# this is ok', 'comment.line.number-sign.toml');
    h.scoped('[\n  1,\n  2, # this is ok\n]', 'meta.array.toml');
    h.scoped('after', KEY);
  });

  test('inline tables', async () => {
    const h = await toml(['name = { first = "Tom", last = "Preston-Werner" }', 'animal = { type.name = "pug" }', 'after = 4'].join('\n'));
    h.scoped('{ first = "Tom", last = "Preston-Werner" }', 'meta.table.inline.toml');
    h.scoped('{', 'punctuation.definition.table.inline.begin.toml');
    h.scoped('first', KEY);
    h.scoped('last', KEY);
    h.scoped(',', 'punctuation.separator.table.inline.toml');
    h.scoped('type.name', KEY);
    h.scoped('after', KEY);
  });

  test('half-typed lines do not spill into the next line', async () => {
    const h = await toml(['[tool', 'k1 = 1', 'k2 = "open', 'k3 = 2', "k4 = 'open", 'k5 =', 'k6 = 3'].join('\n'));
    h.notScoped('[tool', 'meta.array.toml');
    h.scoped('k1', KEY);
    h.scoped('"open', 'string.quoted.double.basic.line.toml');
    h.scoped('k3', KEY);
    h.scoped("'open", 'string.quoted.single.literal.line.toml');
    h.scoped('k5', KEY);
    h.scoped('k6', KEY);
    h.scoped('3', 'constant.numeric.integer.toml', 1);
  });
});
