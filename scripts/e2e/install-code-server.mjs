#!/usr/bin/env node
// Installs code-server (VS Code in the browser, from the npm registry) into an ignored cache folder, once, for
// the end-to-end tests. code-server's own postinstall downloads ripgrep from the internet and refuses to run as
// root, so the packages are installed with --ignore-scripts and its work is done here by hand:
//   1. `npm install --ignore-scripts code-server@<version>` in a folder with its own package.json;
//   2. argon2 built with its own `npm run install`;
//   3. in code-server's lib/vscode: `npm install --omit=dev --ignore-scripts`, the system `rg` copied where
//      @vscode/ripgrep expects it, node-gyp rebuilds of the native modules, `node_modules.asar` linked to
//      `node_modules`, and `npm install --omit=dev --ignore-scripts` in its built-in extensions.
// A marker file holding the version is written last; a run that finds it skips everything.
//
// Usage: node scripts/e2e/install-code-server.mjs [--force]     (also imported by scripts/e2e/run.mjs)
// Needs the Debian packages listed in REQUIRED_TOOLS (checked first, with a message naming the missing ones).

import { spawn } from 'node:child_process';
import { accessSync, constants, copyFileSync, chmodSync, createWriteStream, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The cache root; E2E_CACHE_DIR moves it (for example to share one install between clones). */
export const cacheRoot = resolve(process.env.E2E_CACHE_DIR ?? join(repoRoot, '.cache', 'e2e'));
export const installDir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const markerFile = join(installDir, 'install-complete');
const codeServerDir = join(installDir, 'node_modules', 'code-server');
export const codeServerEntry = join(codeServerDir, 'out', 'node', 'entry.js');
const vscodeDir = join(codeServerDir, 'lib', 'vscode');

/** Native modules of VS Code's server that must be compiled for this Node. */
const NATIVE_MODULES = ['node-pty', '@vscode/spdlog', 'native-watchdog', '@parcel/watcher', 'kerberos'];

/** Programs the install and the tests need, with the Debian package that provides each. */
export const REQUIRED_TOOLS = [
  { command: 'chromium', pkg: 'chromium', why: 'the browser the tests drive' },
  { command: 'rg', pkg: 'ripgrep', why: "VS Code's file search (code-server would download it)" },
  { command: 'krb5-config', pkg: 'libkrb5-dev', why: 'headers for the kerberos native module' },
  { command: 'python3', pkg: 'python3', why: 'node-gyp' },
  { command: 'make', pkg: 'make', why: 'node-gyp' },
  { command: 'g++', pkg: 'g++', why: 'node-gyp' },
];

/** The full path of a program on PATH, or undefined. */
export function which(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Throws one error naming every missing Debian package, with the command that installs them. */
export function checkPrerequisites(tools = REQUIRED_TOOLS) {
  const browser = process.env.E2E_CHROMIUM;
  const present = (tool) => (tool.command === 'chromium' && browser ? existsSync(browser) : which(tool.command));
  const missing = tools.filter((tool) => !present(tool));
  if (!missing.length) return;
  const packages = [...new Set(missing.map((tool) => tool.pkg))];
  const lines = missing.map((tool) => `  - ${tool.command} (Debian package ${tool.pkg}): ${tool.why}`);
  throw new Error(
    `The end-to-end tests need programs that are not installed:\n${lines.join('\n')}\n` +
      `Install them with: apt-get update && apt-get install -y ${packages.join(' ')}`,
  );
}

export function isInstalled() {
  return existsSync(markerFile) && readFileSync(markerFile, 'utf8').trim() === CODE_SERVER_VERSION && existsSync(codeServerEntry);
}

/**
 * Installs code-server unless the cache already holds a complete install. Progress goes to `log`; the output
 * of every step goes to <cache>/install.log, whose tail is part of the error when a step fails.
 */
export async function installCodeServer({ force = false, log = (line) => console.log(line) } = {}) {
  if (!force && isInstalled()) {
    log(`code-server ${CODE_SERVER_VERSION}: cached in ${relative(installDir)}`);
    return codeServerEntry;
  }
  checkPrerequisites();
  const started = performance.now();
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  const logFile = join(cacheRoot, 'install.log');
  const output = createWriteStream(logFile);
  const step = async (title, command, args, cwd, env = {}) => {
    const t = performance.now();
    log(`code-server ${CODE_SERVER_VERSION}: ${title}`);
    output.write(`\n$ (cd ${cwd} && ${[command, ...args].join(' ')})\n`);
    const code = await run(command, args, cwd, output, env);
    if (code !== 0) {
      await new Promise((done) => output.end(done));
      const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
      throw new Error(`Installing code-server failed at "${title}" (exit ${code}). Last lines of ${relative(logFile)}:\n${tail}`);
    }
    output.write(`(${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
  };

  try {
    const npm = npmCommand();
    writeFileSync(join(installDir, 'package.json'), `${JSON.stringify({ name: 'deploy-doctor-e2e-code-server', private: true }, null, 2)}\n`);
    await step('npm install', npm.command, [...npm.args, 'install', '--ignore-scripts', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], installDir);
    // Built from source: its prebuilt binary would come from outside the npm registry.
    await step('build argon2', npm.command, [...npm.args, 'run', 'install'], join(installDir, 'node_modules', 'argon2'), { npm_config_build_from_source: 'true' });
    await step("install VS Code's modules", npm.command, [...npm.args, 'install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], vscodeDir);

    const rgTarget = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
    mkdirSync(dirname(rgTarget), { recursive: true });
    copyFileSync(realpathSync(which('rg')), rgTarget);
    chmodSync(rgTarget, 0o755);

    const gyp = nodeGypCommand();
    const gypArgs = [...gyp.args, 'rebuild', '--jobs=max', ...nodeDirArgs()];
    for (const name of NATIVE_MODULES) {
      await step(`compile ${name}`, gyp.command, gypArgs, join(vscodeDir, 'node_modules', ...name.split('/')));
    }

    const asar = join(vscodeDir, 'node_modules.asar');
    rmSync(asar, { force: true });
    symlinkSync('node_modules', asar);
    await step("install the built-in extensions' modules", npm.command, [...npm.args, 'install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], join(vscodeDir, 'extensions'));

    writeFileSync(markerFile, `${CODE_SERVER_VERSION}\n`);
  } finally {
    await new Promise((done) => output.end(done));
  }
  log(`code-server ${CODE_SERVER_VERSION}: installed in ${((performance.now() - started) / 1000).toFixed(1)} s into ${relative(installDir)}`);
  return codeServerEntry;
}

/** No step takes more than a couple of minutes here; one that hangs (a stalled download) fails the install instead. */
const STEP_TIMEOUT_MS = 15 * 60 * 1000;

function run(command, args, cwd, output, env) {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...env },
    });
    const timer = setTimeout(() => {
      output.write(`timed out after ${STEP_TIMEOUT_MS / 60000} minutes\n`);
      child.kill('SIGKILL');
    }, STEP_TIMEOUT_MS);
    child.stdout.pipe(output, { end: false });
    child.stderr.pipe(output, { end: false });
    child.on('error', (error) => {
      clearTimeout(timer);
      output.write(`${error.message}\n`);
      done(-1);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done(code ?? -1);
    });
  });
}

/** npm as a command: the npm that runs this script (npm run test:e2e), else the one on PATH. */
export function npmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath && /npm-cli\.js$/.test(execPath) && existsSync(execPath)) return { command: process.execPath, args: [execPath] };
  return { command: 'npm', args: [] };
}

/** node-gyp: the copy npm bundles (no download), else `npx --yes node-gyp`. */
function nodeGypCommand() {
  const candidates = [];
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  const npmCli = process.env.npm_execpath ?? (which('npm') && realpathSync(which('npm')));
  if (npmCli) candidates.push(join(dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const found = candidates.find((path) => path.endsWith('.js') && existsSync(path));
  if (found) return { command: process.execPath, args: [found] };
  return { command: 'npx', args: ['--yes', 'node-gyp'] };
}

/** Builds against the headers installed next to this Node when they match its version, instead of downloading them. */
function nodeDirArgs() {
  const prefix = dirname(dirname(process.execPath));
  const versionHeader = join(prefix, 'include', 'node', 'node_version.h');
  if (!existsSync(versionHeader)) return [];
  const text = readFileSync(versionHeader, 'utf8');
  const part = (name) => text.match(new RegExp(`#define ${name} (\\d+)`))?.[1];
  const headerVersion = `${part('NODE_MAJOR_VERSION')}.${part('NODE_MINOR_VERSION')}.${part('NODE_PATCH_VERSION')}`;
  return headerVersion === process.versions.node ? [`--nodedir=${prefix}`] : [];
}

function relative(path) {
  return path.startsWith(repoRoot + '/') ? path.slice(repoRoot.length + 1) : path;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await installCodeServer({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}

