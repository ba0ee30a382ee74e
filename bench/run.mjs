#!/usr/bin/env node
// `npm run bench` (after a production build): the DESIGN §7 performance figures, one JSON line per figure on
// stdout — {"name": "<figure>", "value": <number>, "unit": "ms"|"MB/s"|"MB"|"KB"|"ratio"} — and exit 0.
//
// Each language server runs in its own process over stdio with a real temporary workspace folder. Ours is
// measured next to dockerfile-language-server-nodejs on the same Dockerfiles in the same run; its figures carry
// the suffix `_dockerfile_ls`, and `<figure>_vs_dockerfile_ls` is ours ÷ the peer's. Times are medians over
// several runs (p95 for edits); the machine is noisy, so the ratios matter more than the absolute numbers.
// Progress and problems go to stderr; a server that is missing or fails is reported there and its figures are
// left out, never failing the run.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { editedLines, largeDockerfile, largeRepo, lspWorkspace, smallDockerfile } from './fixtures.mjs';
import { LspClient } from './lsp-client.mjs';
import { logScanFigures } from './log-scan.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const PEER = 'dockerfile_ls';

/** How many runs each figure takes: enough for a stable median, and the whole bench well under two minutes. */
const RUNS = {
  spawns: 7,
  opens: 7,
  edits: 40,
  checkRepo: 5,
};

/** The servers under test. `ours` may be missing while it is being written; the bench then reports the peer only. */
const servers = {
  ours: { name: 'deploy-doctor', suffix: '', entry: join(root, 'dist', 'server.js') },
  peer: { name: 'dockerfile-language-server-nodejs', suffix: `_${PEER}`, entry: join(root, 'node_modules', 'dockerfile-language-server-nodejs', 'lib', 'server.js') },
};

// ---------------------------------------------------------------------------------------------------------------
// Output

const figures = [];

/** Records one figure; printed together at the end, in the order recorded. */
function emit(name, value, unit) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return;
  figures.push({ name, value: round(value, unit), unit });
}

function round(value, unit) {
  const digits = unit === 'ratio' ? 3 : value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return Number(value.toFixed(digits));
}

function note(message) {
  process.stderr.write(`bench: ${message}\n`);
}

/** BENCH_VERBOSE=1 prints every sample to stderr. */
const verbose = process.env.BENCH_VERBOSE === '1';
function samples(label, values) {
  if (verbose) note(`${label}: ${values.map((v) => v.toFixed(1)).join(' ')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// ---------------------------------------------------------------------------------------------------------------
// Language server figures

function startServer(server, workspace) {
  return new LspClient({ name: server.name, command: process.execPath, args: [server.entry, '--stdio'], cwd: workspace });
}

/**
 * A server under measurement. Every measurement alternates between the servers (ours, the peer, ours, …) so
 * that both see the same machine load over time: the ratios stay meaningful on a busy machine.
 */
class Subject {
  constructor(key, server) {
    this.key = key;
    this.server = server;
    this.name = server.name;
    this.samples = {};
    this.counts = {};
    this.failed = false;
    this.client = undefined;
    this.version = 1;
  }

  add(key, value) {
    (this.samples[key] ??= []).push(value);
  }

  /** Runs one measurement step; a failure drops this server from the rest of the run. */
  async step(what) {
    if (this.failed) return;
    try {
      await what(this);
    } catch (error) {
      this.failed = true;
      note(`${this.name} failed, its figures are left out: ${error instanceof Error ? error.message : error}`);
      await this.client?.stop().catch(() => {});
      this.client = undefined;
    }
  }

  open(doc) {
    const v = ++this.version;
    return this.client.timeDiagnostics(doc.uri, () =>
      this.client.notify('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: doc.languageId, version: v, text: doc.text } }),
    );
  }

  change(doc, text) {
    const v = ++this.version;
    return this.client.timeDiagnostics(doc.uri, () =>
      this.client.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version: v }, contentChanges: [{ text }] }),
    );
  }

  async close(doc) {
    this.client.notify('textDocument/didClose', { textDocument: { uri: doc.uri } });
    // A server that pushes an empty list on close must have done so before the next open is timed.
    await this.client.barrier();
  }
}

/** `fn` on each server still in the run, in turn. */
async function eachSubject(subjects, fn) {
  for (const subject of subjects) await subject.step(fn);
}

async function measureServers(subjects, workspace, rootUri, documents, probe) {
  // spawn → initialize result, over fresh processes.
  note(`ready time: ${RUNS.spawns} spawns per server`);
  for (let i = 0; i < RUNS.spawns; i++) {
    await eachSubject(subjects, async (s) => {
      const client = startServer(s.server, workspace);
      try {
        s.add('ready', (await client.initialize(rootUri)).ms);
      } finally {
        await client.stop();
      }
    });
  }

  // One session per server, all alive at once and measured in turn.
  note(`diagnostics: ${RUNS.opens} opens and ${RUNS.edits} edits per Dockerfile per server`);
  await eachSubject(subjects, async (s) => {
    s.client = startServer(s.server, workspace);
    await s.client.initialize(rootUri);
    if (s.key === 'ours') {
      // A file with a known problem: a server that reports nothing on it is not analysing, and its times mean little.
      const { count } = await s.open(probe);
      if (!count) note(`${s.name} reported no diagnostic on ${probe.what}: it may not be analysing what it is sent`);
      await s.close(probe);
    }
  });
  // Opens: each of a variant of the document the server has not seen in this session (the same service with
  // other names and values, at a URI of its own beside it), so that a per-instruction parse cache cannot answer
  // for it and the open costs what opening a Dockerfile costs.
  for (const doc of documents) {
    for (let i = 1; i <= RUNS.opens; i++) {
      const unseen = { ...doc, uri: doc.uri.replace(/Dockerfile$/, `Dockerfile.unseen${i}`), text: doc.variant(i) };
      await eachSubject(subjects, async (s) => {
        const timing = await s.open(unseen);
        s.add(`open_${doc.size}`, timing.ms);
        s.counts[doc.size] = timing.count;
        await s.close(unseen);
      });
    }
  }
  // Reopens of the large Dockerfile: the same text again, as when a file is closed and opened in one session.
  const large = documents.find((doc) => doc.size === 'large');
  await eachSubject(subjects, async (s) => {
    await s.open(large);
    await s.close(large);
  });
  for (let i = 0; i < RUNS.opens; i++) {
    await eachSubject(subjects, async (s) => {
      s.add('reopen_large', (await s.open(large)).ms);
      await s.close(large);
    });
  }
  for (const doc of documents) {
    // The open's own diagnostics arrive before the first edit is timed.
    await eachSubject(subjects, (s) => s.open(doc));
    const lines = doc.text.split('\n');
    for (let i = 0; i < RUNS.edits; i++) {
      const text = editedLines(lines, i).join('\n');
      await eachSubject(subjects, async (s) => s.add(`edit_${doc.size}`, (await s.change(doc, text)).ms));
    }
  }
  await eachSubject(subjects, async (s) => {
    s.add('rss', s.client.peakRssMb());
    await s.client.stop();
    s.client = undefined;
  });
}

async function lspFigures() {
  const workspace = mkdtempSync(join(tmpdir(), 'deploy-doctor-bench-lsp-'));
  const subjects = [];
  try {
    lspWorkspace(workspace);
    const rootUri = pathToFileURL(workspace).href;
    const document = (size, path, text, languageId = 'dockerfile') => ({ size, uri: pathToFileURL(join(workspace, ...path.split('/'))).href, text, languageId });
    const documents = [
      { ...document('small', 'small/Dockerfile', smallDockerfile()), variant: (i) => smallDockerfile(i) },
      { ...document('large', 'Dockerfile', largeDockerfile()), variant: (i) => largeDockerfile(undefined, i) },
    ];
    const probe = {
      ...document('probe', 'probe/Procfile', readFileSync(join(workspace, 'probe', 'Procfile'), 'utf8'), 'procfile'),
      what: 'a Procfile without a space after `web:`',
    };

    for (const [key, server] of Object.entries(servers)) {
      if (existsSync(server.entry)) subjects.push(new Subject(key, server));
      else note(`${server.name} is missing (${relativeToRoot(server.entry)}): its figures are left out${key === 'ours' ? '; run "npm run build"' : ''}`);
    }
    await measureServers(subjects, workspace, rootUri, documents, probe);

    const results = {};
    for (const s of subjects) {
      if (s.failed) continue;
      for (const [key, values] of Object.entries(s.samples)) samples(`${s.name} ${key}`, values);
      results[s.key] = {
        ready: median(s.samples.ready),
        open_small: median(s.samples.open_small),
        open_large: median(s.samples.open_large),
        // The same large Dockerfile opened again: what a parse cache saves.
        reopen_large: median(s.samples.reopen_large),
        edit_p95_small: percentile(s.samples.edit_small, 95),
        edit_p95_large: percentile(s.samples.edit_large, 95),
        rss: s.samples.rss?.[0],
      };
      note(`${s.name}: ${s.counts.small} diagnostics on the small Dockerfile, ${s.counts.large} on the large one`);
    }

    const lspFigureDefs = [
      ['server_ready_ms', 'ready', 'ms', true],
      ['open_to_diagnostics_ms_small', 'open_small', 'ms', true],
      ['open_to_diagnostics_ms_large', 'open_large', 'ms', true],
      ['open_to_diagnostics_ms_large_reopen', 'reopen_large', 'ms', true],
      ['edit_to_diagnostics_p95_ms', 'edit_p95_large', 'ms', true],
      ['edit_to_diagnostics_p95_ms_small', 'edit_p95_small', 'ms', false],
      ['server_peak_rss_mb', 'rss', 'MB', true],
    ];
    for (const [name, key, unit, withRatio] of lspFigureDefs) {
      const ours = results.ours?.[key];
      const peer = results.peer?.[key];
      emit(name, ours, unit);
      emit(`${name}${servers.peer.suffix}`, peer, unit);
      if (withRatio && ours !== undefined && peer) emit(`${name}_vs_${PEER}`, ours / peer, 'ratio');
    }
  } finally {
    for (const s of subjects) await s.client?.stop().catch(() => {});
    rmSync(workspace, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CLI figures

function runProcess(command, args, cwd) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) => resolve({ code: -1, stderr: error.message, ms: performance.now() - started }));
    child.on('exit', (code) => resolve({ code, stderr, ms: performance.now() - started }));
  });
}

/** `deploy-doctor check` over a generated 2 000-file repository, median over several runs. */
async function checkRepoFigures() {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) {
    note(`${relativeToRoot(cli)} is missing: check_repo_ms is left out; run "npm run build"`);
    return;
  }
  const repo = mkdtempSync(join(tmpdir(), 'deploy-doctor-bench-repo-'));
  try {
    const count = largeRepo(repo, 2000);
    note(`deploy-doctor check over ${count} files, ${RUNS.checkRepo} runs`);
    const times = [];
    for (let i = 0; i < RUNS.checkRepo; i++) {
      const run = await runProcess(process.execPath, [cli, 'check', repo, '--format', 'json', '--fail-on', 'none'], root);
      if (run.code !== 0) {
        note(`deploy-doctor check failed (exit ${run.code}): ${run.stderr.trim().split('\n')[0]}; check_repo_ms is left out`);
        return;
      }
      times.push(run.ms);
    }
    samples('check', times);
    emit('check_repo_ms', median(times), 'ms');
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Package size

/** `vsix_kb`: the size of the .vsix that `npm run package` builds (vsce, production bundles), packaged afresh. */
async function vsixFigures() {
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!existsSync(vsce)) {
    note('@vscode/vsce is not installed: vsix_kb is left out; run "npm ci"');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'deploy-doctor-bench-vsix-'));
  try {
    const out = join(dir, 'deploy-doctor.vsix');
    const run = await runProcess(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], root);
    if (run.code !== 0 || !existsSync(out)) {
      note(`vsce package failed (exit ${run.code}): ${run.stderr.trim().split('\n').slice(-3).join(' / ')}; vsix_kb is left out`);
      return;
    }
    emit('vsix_kb', statSync(out).size / 1024, 'KB');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The figure groups, in output order. Later figures plug in here as one more entry:

const groups = [
  { name: 'language servers', run: lspFigures },
  { name: 'check over a repository', run: checkRepoFigures },
  { name: 'package size', run: vsixFigures },
  // log_scan_mb_per_s, log_scan_peak_rss_mb (and _50mb), log_scan_mb_per_s_vs_rg: bench/log-scan.mjs.
  { name: 'log scan', run: () => logScanFigures({ emit }) },
];

async function main() {
  const started = performance.now();
  for (const group of groups) {
    try {
      await group.run();
    } catch (error) {
      note(`${group.name}: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    }
  }
  for (const figure of figures) process.stdout.write(`${JSON.stringify(figure)}\n`);
  note(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function relativeToRoot(path) {
  return path.startsWith(root) ? path.slice(root.length + 1) : path;
}

main().catch((error) => {
  // Never a failing exit: the figures that were measured are worth more than a red step.
  note(String(error?.stack ?? error));
});
