import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Grammars } from '../grammars';
import { nodeGrammars } from '../../node/grammars';
import { scatteredText, verbatimText } from '../text';
import { templateValue } from './model';
import { commandFromArgv, parseCommandLine } from './parse';

let g: Grammars;
before(async () => {
  g = await nodeGrammars();
});

const words = (line: ReturnType<typeof parseCommandLine>) => line.commands.map((c) => c.words.map((w) => w.value ?? templateValue(w)));

describe('shell parsing of start commands', () => {
  test('assignments, exec, env and cd chains', () => {
    const text = 'cd backend && PYTHONPATH=. exec env X=1 gunicorn app:app --bind "0.0.0.0:${PORT:-8000}"';
    const line = parseCommandLine(g.bash, verbatimText('f', text, 0));
    assert.deepEqual(words(line), [['gunicorn', 'app:app', '--bind', '0.0.0.0:${PORT:-8000}']]);
    const c = line.commands[0];
    assert.equal(c.cwd, 'backend');
    assert.deepEqual([...c.env.keys()], ['PYTHONPATH', 'X']);
    assert.equal(c.prefixAt, text.indexOf('PYTHONPATH'));
    const port = c.words[3].parts.find((p) => p.kind === 'variable');
    assert.equal(port?.kind === 'variable' && port.fallback, '8000');
  });

  test('sh -c payloads are parsed with offsets into the file', () => {
    const text = `sh -c 'cd src && python -m uvicorn app:app --port $PORT'`;
    const line = parseCommandLine(g.bash, verbatimText('f', text, 10));
    const c = line.commands[0];
    assert.deepEqual(c.words.map((w) => w.raw), ['python', '-m', 'uvicorn', 'app:app', '--port', '$PORT']);
    assert.equal(c.cwd, 'src');
    assert.equal(c.wrappers.length, 1);
    assert.equal(c.words[0].range.start, 10 + text.indexOf('python'));
    assert.equal(c.encode("it's"), "it'\\''s");
  });

  test('double-quoted payloads and escaped quotes', () => {
    const text = 'bash -lc "exec gunicorn \\"app:create_app()\\" -b :$PORT"';
    const c = parseCommandLine(g.bash, verbatimText('f', text, 0)).commands[0];
    assert.deepEqual(c.words.map((w) => w.value ?? templateValue(w)), ['gunicorn', 'app:create_app()', '-b', ':${PORT}']);
    const app = c.words[1];
    assert.equal(text.slice(app.range.start, app.range.end), '\\"app:create_app()\\"');
  });

  test('a command decoded from a TOML string maps back through its escapes', () => {
    // The file holds `a\tb`, decoded into three characters.
    const mapped = scatteredText('f', 'a\tb', [0, 1, 3], [1, 3, 4], 4, (s) => s);
    const line = parseCommandLine(g.bash, mapped);
    assert.deepEqual(line.commands[0].words.map((w) => w.range), [
      { start: 0, end: 1 },
      { start: 3, end: 4 },
    ]);
  });

  test('background and || commands, constructs it does not follow', () => {
    const line = parseCommandLine(g.bash, verbatimText('f', 'celery -A app worker & uvicorn app:app || true', 0));
    assert.deepEqual(words(line), [['celery', '-A', 'app', 'worker'], ['uvicorn', 'app:app'], ['true']]);
    assert.equal(line.commands[0].background, true);
    assert.equal(parseCommandLine(g.bash, verbatimText('f', 'if [ -f x ]; then gunicorn a:b; fi', 0)).opaque, true);
  });

  test('half-typed commands report an error but keep what parsed', () => {
    const line = parseCommandLine(g.bash, verbatimText('f', 'gunicorn app:app --bind "0.0.0.0', 0));
    assert.equal(line.hasError, true);
  });

  test('exec mode: one argv, variables marked, operators kept as words', () => {
    const line = parseCommandLine(g.bash, verbatimText('f', 'cd x && gunicorn app:app --bind 0.0.0.0:$PORT', 0), 'exec');
    assert.deepEqual(words(line), [['cd', 'x', '&&', 'gunicorn', 'app:app', '--bind', '0.0.0.0:${PORT}']]);
    assert.equal(line.commands[0].mode, 'exec');
  });

  test('exec-form argv with sh -c is parsed as shell inside', () => {
    const arg = (s: string, at: number) => verbatimText('f', s, at);
    const line = commandFromArgv(g.bash, [arg('sh', 1), arg('-c', 7), arg('exec uvicorn a:b --port ${PORT:-8000}', 13)], 0, (s) => s);
    assert.deepEqual(words(line), [['uvicorn', 'a:b', '--port', '${PORT:-8000}']]);
    assert.equal(line.commands[0].mode, 'shell');
  });

  test('long or hostile input does not hang', () => {
    const started = performance.now();
    parseCommandLine(g.bash, verbatimText('f', '"'.repeat(5000) + '$('.repeat(3000), 0));
    parseCommandLine(g.bash, verbatimText('f', 'x '.repeat(30_000), 0));
    assert.ok(performance.now() - started < 2000);
  });
});
