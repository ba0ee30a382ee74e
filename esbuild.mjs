// Builds the bundles: the extension client, the language server and the CLI (Node, CommonJS), and the log
// panel's browser script. `--production` minifies and drops source maps; `--watch` rebuilds on change and logs
// in the format of the problem matcher in .vscode/tasks.json.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outdir = join(root, 'dist');

/** The tree-sitter runtime and grammars the engine loads; the host looks for them in `<bundle dir>/wasm`. */
const wasmSource = join(root, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
const wasmFiles = ['tree-sitter.wasm', 'tree-sitter-bash.wasm', 'tree-sitter-python.wasm', 'tree-sitter-typescript.wasm'];

/** Options every bundle shares. */
const common = {
  absWorkingDir: root,
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: watch ? 'silent' : 'warning',
};

/** Options of the bundles that run in Node: the extension host, the server process and the CLI. */
const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const cliEntry = 'server/src/cli.ts';

const bundles = [
  { name: 'client', options: { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] } },
  // The server answers `initialize` before it needs the engine: the engine-backed services are a bundle of their
  // own (dist/services.js), required on first use, so start-up only parses the protocol layer.
  { name: 'server', options: { ...node, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [lazyServices()] } },
  { name: 'services', options: { ...node, entryPoints: ['server/src/lsp/services.ts'], outfile: 'dist/services.js' } },
  {
    name: 'cli',
    options: {
      ...node,
      entryPoints: [cliEntry],
      outfile: 'dist/cli.js',
      // esbuild keeps a hashbang the entry already has; adding a second one would be a syntax error.
      ...(hasHashbang(cliEntry) ? {} : { banner: { js: '#!/usr/bin/env node' } }),
    },
    after: () => chmodSync(join(outdir, 'cli.js'), 0o755),
  },
  // The panel's script runs in the webview, a browser without Node or the vscode module.
  {
    name: 'webview',
    options: { ...common, entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  },
];

/** Leaves `import('./services')` in service-loader.ts as a runtime require of the separate bundle. */
function lazyServices() {
  return {
    name: 'lazy-services',
    setup(build) {
      build.onResolve({ filter: /^\.\/services$/ }, (args) =>
        args.importer.endsWith(join('lsp', 'service-loader.ts')) ? { path: './services.js', external: true } : undefined,
      );
    },
  };
}

function hasHashbang(entry) {
  return readFileSync(join(root, entry), 'utf8').startsWith('#!');
}

function copyWasm() {
  const target = join(outdir, 'wasm');
  mkdirSync(target, { recursive: true });
  for (const file of wasmFiles) copyFileSync(join(wasmSource, file), join(target, file));
}

/** A production build must not leave maps from an earlier development build next to the bundles it ships. */
function removeSourceMaps(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removeSourceMaps(path);
    else if (entry.name.endsWith('.map')) rmSync(path);
  }
}

/**
 * Watch-mode reporting shared by all contexts: one "build started" when the first context begins a rebuild and
 * one "build finished" when the last one ends, so a background task sees a single cycle per change.
 */
function watchReporter() {
  let running = 0;
  return {
    name: 'watch-reporter',
    setup(build) {
      build.onStart(() => {
        if (running++ === 0) console.log('[watch] build started');
      });
      build.onEnd((result) => {
        for (const message of result.errors) report('✘ [ERROR]', message);
        for (const message of result.warnings) report('▲ [WARNING]', message);
        if (--running === 0) console.log('[watch] build finished');
      });
    },
  };
}

function report(label, { text, location }) {
  console.error(`${label} ${text}`);
  if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
}

/** Runs a bundle's post-build step after every successful build, watch rebuilds included. */
function afterBuild(step) {
  return {
    name: 'after-build',
    setup(build) {
      build.onEnd((result) => {
        if (!result.errors.length) step();
      });
    },
  };
}

async function main() {
  copyWasm();
  if (watch) {
    const reporter = watchReporter();
    const contexts = await Promise.all(
      bundles.map(({ options, after }) =>
        // The bundle's own plugins (the server's lazy services) stay: a watch build must split like a plain one.
        esbuild.context({ ...options, plugins: [...(options.plugins ?? []), reporter, ...(after ? [afterBuild(after)] : [])] }),
      ),
    );
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  const started = performance.now();
  const results = await Promise.allSettled(bundles.map(({ options }) => esbuild.build(options)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) {
    // esbuild has already printed the errors (logLevel "warning").
    process.exitCode = 1;
    return;
  }
  for (const { after } of bundles) after?.();
  if (production) removeSourceMaps(outdir);
  const names = bundles.map(({ options }) => options.outfile).join(', ');
  console.log(`Built ${names}${production ? ' (production)' : ''} in ${Math.round(performance.now() - started)} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
