// @vscode/test-cli configuration for VS Code desktop (@vscode/test-electron): `npm run test:electron` runs the
// extension-host smoke test test/e2e/electron/smoke.test.ts against the development build in dist/.
// It downloads VS Code (version below) into .vscode-test/, so it runs on machines with internet access only;
// `npm test` and CI do not run it — CI drives the packaged extension in code-server (npm run test:e2e).
//
// The extension host's mocha loads test files with require(), so the TypeScript test is bundled to CommonJS
// here, each time the configuration is loaded (it takes a few milliseconds).
import { defineConfig } from '@vscode/test-cli';
import { buildSync } from 'esbuild';

const smokeTest = '.cache/vscode-test/smoke.test.cjs';

buildSync({
  entryPoints: ['test/e2e/electron/smoke.test.ts'],
  outfile: smokeTest,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

export default defineConfig({
  label: 'smoke',
  files: smokeTest,
  // The oldest VS Code that engines.vscode accepts, so the smoke test also guards the declared minimum.
  version: '1.100.3',
  workspaceFolder: 'test/e2e/fixtures/procfile-pythonpath',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  mocha: { ui: 'tdd', timeout: 120_000 },
});
