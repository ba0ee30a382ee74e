import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { finalStage, parseDockerfile } from './parse';
import { splitInstructions } from './split';

const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

describe('Dockerfile splitting', () => {
  test('continuations, inner comments and blank lines stay in one instruction', () => {
    const text = 'FROM python:3.12\nRUN apt-get update \\\n  # a comment\n\n  && apt-get install -y gcc\nCMD ["python"]\n';
    const { chunks } = splitInstructions(text);
    assert.deepEqual(chunks.map((c) => c.keyword), ['FROM', 'RUN', 'CMD']);
    assert.equal(slice(text, chunks[1]), 'RUN apt-get update \\\n  # a comment\n\n  && apt-get install -y gcc');
  });

  test('heredoc bodies belong to their instruction', () => {
    const text = 'FROM python:3.12\nRUN <<EOF\nset -e\nCMD not an instruction\nEOF\nCOPY <<-EOT /app/x.txt\n\thello\n\tEOT\nCMD ["python"]\n';
    const { chunks } = splitInstructions(text);
    assert.deepEqual(chunks.map((c) => c.keyword), ['FROM', 'RUN', 'COPY', 'CMD']);
  });

  test('the escape directive switches the continuation character', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  c:\\\nCMD ["x"]\n';
    const split = splitInstructions(text);
    assert.equal(split.escape, '`');
    assert.deepEqual(split.chunks.map((c) => c.keyword), ['FROM', 'RUN', 'CMD']);
  });

  test('CRLF line breaks', () => {
    const text = 'FROM python:3.12\r\nRUN a \\\r\n  b\r\nCMD x\r\n';
    const { chunks } = splitInstructions(text);
    assert.deepEqual(chunks.map((c) => slice(text, c)), ['FROM python:3.12', 'RUN a \\\r\n  b', 'CMD x']);
  });
});

describe('Dockerfile model', () => {
  test('stages, workdir, env, copies and the final command', () => {
    const text = [
      'FROM python:3.12 AS build',
      'WORKDIR /src',
      'COPY requirements.txt .',
      'FROM python:3.12-slim',
      'ENV PYTHONPATH=/app:/app/src PORT=8000',
      'WORKDIR /app',
      'WORKDIR api',
      'COPY --from=build /src /deps',
      'COPY . .',
      'EXPOSE 8000',
      'CMD gunicorn app:app \\',
      '  --bind 0.0.0.0:$PORT',
      '',
    ].join('\n');
    const df = parseDockerfile('Dockerfile', text);
    assert.equal(df.stages.length, 2);
    const stage = finalStage(df)!;
    assert.equal(stage.workdir, '/app/api');
    assert.equal(stage.env.get('PYTHONPATH')?.value, '/app:/app/src');
    assert.equal(slice(text, stage.env.get('PORT')!.range), '8000');
    assert.deepEqual(stage.copies.map((c) => [c.sources.map((s) => s.value), c.dest.value, c.from ?? null]), [
      [['/src'], '/deps', 'build'],
      [['.'], '.', null],
    ]);
    assert.equal(stage.exposes[0].port, '8000');
    const cmd = stage.cmd!;
    assert.equal(cmd.form, 'shell');
    assert.equal(cmd.text?.text, 'gunicorn app:app   --bind 0.0.0.0:$PORT');
    const port = cmd.text!.text.indexOf('$PORT');
    assert.equal(slice(text, cmd.text!.rangeToSource({ start: port, end: port + 5 })), '$PORT');
  });

  test('exec form strings are decoded as JSON, with offsets into the file', () => {
    const text = 'FROM python:3.12\nCMD ["gunicorn", "--bind", "0.0.0.0:\\u0024PORT", "app:app"]\n';
    const cmd = finalStage(parseDockerfile('Dockerfile', text))!.cmd!;
    assert.equal(cmd.form, 'exec');
    assert.deepEqual(cmd.args.map((a) => a.text), ['gunicorn', '--bind', '0.0.0.0:$PORT', 'app:app']);
    const bind = cmd.args[2];
    assert.equal(slice(text, bind.rangeToSource({ start: 8, end: 9 })), '\\u0024');
  });

  test('JSON in single quotes is not exec form', () => {
    const cmd = finalStage(parseDockerfile('Dockerfile', "FROM python\nCMD ['python', 'app.py']\n"))!.cmd!;
    assert.equal(cmd.form, 'malformed');
  });

  test('ENTRYPOINT resets an inherited CMD', () => {
    const df = parseDockerfile('Dockerfile', 'FROM python AS base\nCMD ["python"]\nFROM base\nENTRYPOINT ["./run.sh"]\n');
    const stage = finalStage(df)!;
    assert.equal(stage.cmd, undefined);
    assert.equal(stage.entrypoint?.args[0].text, './run.sh');
  });

  test('survives garbage, a 10 000-line file and an empty file', () => {
    assert.equal(parseDockerfile('Dockerfile', '').stages.length, 0);
    const junk = Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    assert.ok(parseDockerfile('Dockerfile', junk));
    const big = ['FROM python:3.12', ...Array.from({ length: 10_000 }, (_, i) => `RUN echo ${i} \\\n  && true`), 'CMD ["python"]'].join('\n');
    const started = performance.now();
    const df = parseDockerfile('Dockerfile', big);
    assert.equal(finalStage(df)!.runs.length, 10_000);
    assert.ok(performance.now() - started < 5000);
  });
});
