import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_LINE, normalizeLine, repairMojibake, stripAnsi } from './reader';

const text = (raw: string): string => normalizeLine(raw).text;

describe('reader', () => {
  test('ANSI escapes, also the bare SGR left when ESC was lost (seed 002)', () => {
    assert.equal(stripAnsi('\x1b[31mERROR\x1b[0m: boom'), 'ERROR: boom');
    assert.equal(stripAnsi('\x1b]0;title\x07after'), 'after');
    assert.equal(text('[91m1/1 replicas never became healthy![0m'), '1/1 replicas never became healthy!');
    assert.equal(text('[1;33mWARNING[0m: x'), 'WARNING: x');
  });

  test('CR, CRLF and a BOM', () => {
    assert.equal(text('\ufeffhello\r'), 'hello');
  });

  test('double-encoded UTF-8 is repaired and leading status glyphs dropped', () => {
    assert.equal(repairMojibake('Ã©tÃ©'), 'été');
    assert.equal(repairMojibake('â”‚ Railpack â”‚'), '│ Railpack │');
    assert.equal(repairMojibake('café'), 'café', 'real Latin-1 text stays');
    // ❌ (E2 9D 8C) read as Windows-1252 loses 0x9D: `âŒ`; 📝 read as Windows-1254: `ğŸ“`.
    assert.equal(text('âŒ Traceback (most recent call last):'), 'Traceback (most recent call last):');
    assert.equal(text('ğŸ“   â†³ Detected Python'), '  ↳ Detected Python');
    assert.equal(text('✅ Deployed'), 'Deployed');
    assert.equal(text('⚠️ warning'), 'warning');
  });

  test('Railway copy prefixes: [build]/[deployment] and the locale date', () => {
    const n = normalizeLine('[deployment] [12/5/2025, 12:56:17 AM] âŒ ModuleNotFoundError: No module named \'src\'');
    assert.equal(n.text, "ModuleNotFoundError: No module named 'src'");
    assert.equal(n.source, 'deploy');
    assert.equal(n.platform, 'railway');
    assert.equal(normalizeLine('[build] [12/5/2025, 1:01:09 AM] ğŸ“ [91mHealthcheck failed![0m').text, 'Healthcheck failed!');
    assert.equal(normalizeLine('[build] [12/5/2025, 1:01:09 AM] x').source, 'build');
  });

  test('Railway dashboard noise is empty', () => {
    for (const line of ['You reached the start of the range', 'Jul 3, 2026, 11:57 AM', '583ms', '2 MB', '(00:14)', 'View less', 'Initialization', 'Build', 'Deploy', 'Network › Healthcheck']) {
      const n = normalizeLine(line);
      assert.equal(n.noise, true, line);
      assert.equal(n.text, '', line);
    }
    const header = normalizeLine('# Railway Build Logs');
    assert.equal(header.section, 'build');
    assert.equal(normalizeLine('Deploy failed because of X').noise, false);
  });

  test('JSON-lines exports keep the message', () => {
    const n = normalizeLine('{"message":"Starting Container","severity":"info","attributes":{"level":"info"},"timestamp":"2026-07-03T15:02:32.991117109Z"}');
    assert.equal(n.text, 'Starting Container');
    assert.equal(n.platform, 'railway');
    const docker = normalizeLine('{"log":"KeyError: \'X\'\\n","stream":"stderr","time":"2024-01-01T00:00:00Z"}');
    assert.equal(docker.text, "KeyError: 'X'");
    assert.equal(docker.platform, 'docker');
    assert.equal(text('{"message": broken'), '{"message": broken', 'invalid JSON stays text');
  });

  test('railway logs CLI lines', () => {
    assert.equal(text('2026-07-03T15:02:33.512Z [ERRO] INFO:     Uvicorn running on http://127.0.0.1:8000 replica=9f2c'), 'INFO:     Uvicorn running on http://127.0.0.1:8000 replica=9f2c');
  });

  test('Heroku prefixes tell the source', () => {
    const router = normalizeLine('2024-01-01T00:00:00.000000+00:00 heroku[router]: at=error code=H10 desc="App crashed"');
    assert.equal(router.text, 'at=error code=H10 desc="App crashed"');
    assert.equal(router.source, 'router');
    assert.equal(router.platform, 'heroku');
    const app = normalizeLine('2024-01-01T00:00:00+00:00 app[web.1]: Traceback (most recent call last):');
    assert.equal(app.source, 'app');
    assert.equal(normalizeLine('2024-01-01T00:00:00+00:00 heroku[web.1]: State changed from starting to crashed').source, 'dyno');
  });

  test('Docker BuildKit, compose and kubectl prefixes', () => {
    const b = normalizeLine('#12 0.345 ERROR: No matching distribution found for flask==99');
    assert.equal(b.text, 'ERROR: No matching distribution found for flask==99');
    assert.equal(b.source, 'build');
    assert.equal(normalizeLine('[stage-0  7/10] COPY . /app/.').source, 'build');
    assert.equal(text('api-1  | /bin/sh: 1: [gunicorn,: not found'), '/bin/sh: 1: [gunicorn,: not found');
    const k = normalizeLine('[pod/api-7d9f/web] KeyError: \'X\'');
    assert.equal(k.text, "KeyError: 'X'");
    assert.equal(k.platform, 'kubernetes');
  });

  test('timestamps of many shapes; uvicorn level and gunicorn pid stay', () => {
    assert.equal(text('[2020-09-12 05:37:52 +0000] [18] [ERROR] Exception in worker process'), '[18] [ERROR] Exception in worker process');
    assert.equal(text('2024-01-01 00:00:00,123 boom'), 'boom');
    assert.equal(text('INFO:     Started server process [1]'), 'INFO:     Started server process [1]');
    assert.equal(text('  File "/app/main.py", line 3, in <module>'), '  File "/app/main.py", line 3, in <module>', 'traceback indentation stays');
  });

  test('long lines are capped', () => {
    assert.equal(normalizeLine('x'.repeat(MAX_LINE * 3)).text.length, MAX_LINE);
  });
});
