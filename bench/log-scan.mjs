#!/usr/bin/env node
// Log-scan figures (DESIGN §7): a generated ~100 MB deploy log (Railway, gunicorn, uvicorn, Heroku, BuildKit lines,
// JSON exports, tracebacks, noise) streamed in ~1 MB chunks through createLogScanner, as an esbuild bundle
// of the engine (minified, as shipped). Each scan runs in its own child process, which reports its throughput
// and its own peak RSS (VmHWM): the memory figure is the scanner's, not the bench's. `rg -c` runs with the
// same prefilter literals over the same file in the same run for the ratio.
//
//   node bench/log-scan.mjs            → JSON lines: log_scan_mb_per_s, log_scan_peak_rss_mb, log_scan_mb_per_s_vs_rg,
//                                        plus log_scan_peak_rss_mb_50mb (memory does not grow with size)
//   node bench/log-scan.mjs --child <bundle> <file>   (internal)

import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const MB = 1024 * 1024;

function peakRssMb() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}

// ---------------------------------------------------------------------------------------------------------------
// Child: scan one file with the bundle, print {ms, bytes, rss, causes}.

async function child(bundle, file) {
  const { createLogScanner } = await import(pathToFileURL(bundle).href);
  const started = performance.now();
  const scanner = createLogScanner();
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: MB })) scanner.push(chunk);
  const d = scanner.finish();
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, bytes: statSync(file).size, rss: peakRssMb(), top: d.causes[0]?.category ?? null, lines: d.lines }));
}

// ---------------------------------------------------------------------------------------------------------------
// Generator: realistic lines, deterministic.

function generate(file, mb) {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const paths = ['/api/items', '/health', '/api/users/42', '/static/app.js', '/login', '/api/orders?page=2'];
  const crashes = [
    'Traceback (most recent call last):\n  File "/app/wsgi.py", line 3, in <module>\n    from backend.app import create_app\nModuleNotFoundError: No module named \'backend\'',
    'Traceback (most recent call last):\n  File "/app/main.py", line 10, in connect\n    url = os.environ["REDIS_URL"]\nKeyError: \'REDIS_URL\'',
    'psycopg2.OperationalError: connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused',
    '2024-01-01T00:00:10.000000+00:00 heroku[router]: at=error code=H10 desc="App crashed" method=GET path="/" host=myapp.herokuapp.com fwd="17.17.17.17" dyno= connect= service= status=503 bytes=',
    'Attempt #1 failed with service unavailable. Continuing to retry for 4m49s',
  ];
  const out = createWriteStream(file);
  const target = mb * MB;
  let size = 0;
  let i = 0;
  let buffer = [];
  return new Promise((resolve) => {
    const flush = () => {
      while (size < target) {
        i++;
        const p = paths[Math.floor(rand() * paths.length)];
        const k = rand();
        let l;
        if (k < 0.2) l = `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}.123456+00:00 app[web.1]: 10.1.2.${i % 255} - - [01/Jan/2024:00:00:00 +0000] "GET ${p} HTTP/1.1" 200 ${i % 5000} "-" "Mozilla/5.0 (X11; Linux x86_64)"`;
        else if (k < 0.38) l = `INFO:     100.64.0.${i % 9}:${30000 + (i % 3000)} - "GET ${p} HTTP/1.1" 200 OK`;
        else if (k < 0.5) l = `2024-01-01T00:00:00.000000+00:00 heroku[router]: at=info method=GET path="${p}" host=myapp.herokuapp.com request_id=8601b555-6a83-4c12-8a9b-${i} fwd="17.17.17.17" dyno=web.1 connect=1ms service=${i % 300}ms status=200 bytes=${i % 9000} protocol=https`;
        else if (k < 0.64) l = `{"message":"Processing request ${i} for user ${i % 977}","severity":"info","attributes":{"level":"info"},"timestamp":"2026-07-03T15:02:32.991117109Z"}`;
        else if (k < 0.74) l = `[2024-01-01 00:00:00 +0000] [${i % 99}] [INFO] Handling task ${i} in queue default with payload size ${i % 777}`;
        else if (k < 0.82) l = `2026-07-03T15:02:32.991Z [INFO] cache hit key=user:${i} ttl=300 region=us-west2`;
        else if (k < 0.88) l = `[deployment] [12/5/2025, 12:56:17 AM] GET ${p} - 200 in ${i % 90}ms`;
        else if (k < 0.94) l = `#12 0.${i % 999} Collecting package-${i % 50}==1.${i % 9}.0 (from -r requirements.txt (line ${i % 30}))`;
        else if (k < 0.9985) l = `   at process (worker.js:${i % 400}:${i % 80}) queue=${i % 7} retries=0 elapsed=${i % 1000}ms`;
        else l = crashes[i % crashes.length];
        buffer.push(l);
        size += l.length + 1;
        if (buffer.length >= 10000) {
          const ok = out.write(`${buffer.join('\n')}\n`);
          buffer = [];
          if (!ok) {
            out.once('drain', flush);
            return;
          }
        }
      }
      out.end(buffer.length ? `${buffer.join('\n')}\n` : '', resolve);
    };
    flush();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Parent

function note(message) {
  process.stderr.write(`bench: ${message}\n`);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function bundleEngine(dir) {
  const esbuild = await import('esbuild');
  const out = join(dir, 'deploy-log.mjs');
  await esbuild.build({
    entryPoints: [join(root, 'server', 'src', 'engine', 'deploy-log', 'index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile: out,
    logLevel: 'silent',
  });
  return out;
}

function runChild(bundle, file) {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', bundle, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.on('error', reject);
    c.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`scan child exited with ${code}`))));
  });
}

/** `rg -c` with the prefilter's literals (fixed strings) over the same file; MB/s, or undefined without rg. */
function ripgrep(literals, file) {
  const probe = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  const patterns = join(dirname(file), 'patterns.txt');
  writeFileSync(patterns, `${literals.join('\n')}\n`);
  const times = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const r = spawnSync('rg', ['-c', '-F', '-f', patterns, file], { encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 1) return undefined;
    times.push(performance.now() - started);
  }
  return statSync(file).size / MB / (median(times) / 1000);
}

export async function logScanFigures({ mb = 100, runs = 3, emit = (name, value, unit) => process.stdout.write(`${JSON.stringify({ name, value, unit })}\n`) } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-doctor-bench-log-'));
  try {
    const bundle = await bundleEngine(dir);
    const { PREFILTER } = await import(pathToFileURL(await bundlePrefilter(dir)).href);
    const big = join(dir, 'deploy-100mb.log');
    const half = join(dir, 'deploy-50mb.log');
    note(`log scan: generating ${mb} MB and ${mb / 2} MB logs`);
    await generate(big, mb);
    await generate(half, mb / 2);
    const speeds = [];
    const rss = [];
    const rssHalf = [];
    for (let i = 0; i < runs; i++) {
      const r = await runChild(bundle, big);
      speeds.push(r.bytes / MB / (r.ms / 1000));
      rss.push(r.rss);
      if (i === 0) note(`log scan: ${r.lines} lines, top cause ${r.top}`);
      rssHalf.push((await runChild(bundle, half)).rss);
    }
    const ours = median(speeds);
    emit('log_scan_mb_per_s', round(ours), 'MB/s');
    emit('log_scan_peak_rss_mb', round(Math.max(...rss)), 'MB');
    emit('log_scan_peak_rss_mb_50mb', round(Math.max(...rssHalf)), 'MB');
    const rg = ripgrep(PREFILTER.literals, big);
    if (rg === undefined) note('rg (ripgrep) is missing: log_scan_mb_per_s_vs_rg is left out; apt-get install -y ripgrep');
    else {
      emit('log_scan_mb_per_s_rg', round(rg), 'MB/s');
      emit('log_scan_mb_per_s_vs_rg', Number((ours / rg).toFixed(3)), 'ratio');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bundlePrefilter(dir) {
  const esbuild = await import('esbuild');
  const out = join(dir, 'prefilter.mjs');
  await esbuild.build({
    entryPoints: [join(root, 'server', 'src', 'engine', 'deploy-log', 'signatures', 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: out,
    logLevel: 'silent',
  });
  return out;
}

function round(value) {
  return value >= 100 ? Math.round(value) : Number(value.toFixed(1));
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  logScanFigures().catch((error) => {
    note(String(error?.stack ?? error));
  });
}
