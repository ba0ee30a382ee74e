import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogScanner, diagnoseLog } from './index';
import { readFileSync } from 'node:fs';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('hostile input never throws, never hangs', () => {
  test('a 50 MB paste with tracebacks and noise, within a few seconds', () => {
    const block = [
      '2024-01-01T00:00:00.000000+00:00 app[web.1]: 10.1.2.3 - - "GET /api/items HTTP/1.1" 200 1234 "-" "Mozilla/5.0"',
      'INFO:     100.64.0.2:34232 - "GET /health HTTP/1.1" 200 OK',
      '{"message":"Processing request 42","severity":"info","attributes":{"level":"info"},"timestamp":"2026-07-03T15:02:32.991117109Z"}',
      '[2024-01-01 00:00:00 +0000] [9] [INFO] Handling task 42 in queue default',
    ].join('\n');
    const crash = '\nTraceback (most recent call last):\n  File "/app/main.py", line 3, in <module>\n    import stripe\nModuleNotFoundError: No module named \'stripe\'\n';
    const unit = `${block}\n`.repeat(200) + crash;
    const started = performance.now();
    const scanner = createLogScanner();
    let size = 0;
    while (size < 50 * 1024 * 1024) {
      scanner.push(unit);
      size += unit.length;
    }
    const d = scanner.finish();
    const ms = performance.now() - started;
    assert.equal(d.causes[0].category, 'module_not_found_missing_dependency');
    assert.ok(d.causes[0].evidence.length <= 12);
    assert.ok(ms < 8000, `${ms} ms`);
  });

  test('a single 10 MB line, also split over chunks', () => {
    const line = `${'x'.repeat(5_000_000)}ModuleNotFoundError: No module named 'x'${'y'.repeat(5_000_000)}`;
    const started = performance.now();
    assert.deepEqual(diagnoseLog(`${line}\nKeyError: 'DATABASE_URL'\n`).causes.map((c) => c.category), ['missing_env_var']);
    const scanner = createLogScanner();
    for (let i = 0; i < line.length; i += 1 << 20) scanner.push(line.slice(i, i + (1 << 20)));
    scanner.push("\nKeyError: 'DATABASE_URL'\n");
    const d = scanner.finish();
    assert.deepEqual(d.causes.map((c) => c.category), ['missing_env_var']);
    assert.equal(d.causes[0].evidence[0].line, 2);
    assert.ok(performance.now() - started < 5000);
  });

  test('binary junk and random text', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = random(seed);
      let s = '';
      for (let i = 0; i < 20_000; i++) s += String.fromCharCode(Math.floor(rand() * (seed % 2 ? 65536 : 256)));
      const d = diagnoseLog(`${s}\nTraceback (most recent call last):\n${s}\n`);
      assert.ok(Array.isArray(d.causes));
    }
  });

  test('pathological shapes: thousands of frames, unclosed tracebacks, endless healthcheck and plan boxes', () => {
    const frames = '  File "/app/a.py", line 1, in f\n    f()\n'.repeat(20_000);
    const d = diagnoseLog(`Traceback (most recent call last):\n${frames}RecursionError: maximum recursion depth exceeded\n`);
    assert.equal(d.symptoms[0]?.id, 'unhandled_exception');
    diagnoseLog('Traceback (most recent call last):\n'.repeat(10_000));
    diagnoseLog('Starting Healthcheck\n'.repeat(10_000) + '╔═ Nixpacks v1.0.0 ═╗\n'.repeat(10_000));
    diagnoseLog('Starting Container\nKeyError: \'A_B\'\n'.repeat(20_000));
    diagnoseLog('\r'.repeat(100_000) + '\n'.repeat(100_000));
  });

  test('HTML in a log stays plain text', () => {
    const d = diagnoseLog(readFileSync(new URL('../../../../test/fixtures/logs/platform/hostile-html.log', import.meta.url), 'utf8'));
    const texts = [...d.causes.flatMap((c) => c.evidence), ...d.symptoms.flatMap((s) => s.evidence)].map((e) => e.text);
    assert.ok(texts.some((t) => t.includes('<b>$PORT</b>') || t.includes('<img src=x onerror=alert(1)>')), JSON.stringify(texts));
    assert.ok(d.causes.length + d.symptoms.length > 0);
  });

  test('non-string chunks and pushes after finish are ignored', () => {
    const scanner = createLogScanner();
    scanner.push(undefined as unknown as string);
    scanner.push("KeyError: 'DATABASE_URL'");
    const d = scanner.finish();
    scanner.push("KeyError: 'OTHER_VAR'\n");
    assert.equal(scanner.finish(), d);
  });
});
