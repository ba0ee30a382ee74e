/**
 * What every part of the end-to-end harness shares: where things are, how long each wait may take, and the one
 * way to wait. Every wait polls for state with a deadline and a message saying what did not happen; nothing
 * sleeps for a fixed time.
 */

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const fixturesDir = join(here, 'fixtures');
export const artifactsDir = join(here, 'artifacts');

/** Deadlines, generous for a loaded 2-core machine; a passing run meets each in a fraction of it. */
export const TIMEOUT = {
  serverStart: 60_000,
  workbench: 90_000,
  /** Opening a file → its first diagnostics: extension activation + language server start + first analysis. */
  diagnostics: 60_000,
  ui: 20_000,
  stop: 10_000,
} as const;

export type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Calls `probe` until it returns something truthy and returns that; throws after `timeout` ms with `message`
 * and the last value or error seen. Probes may throw while the UI is still settling.
 */
export async function waitFor<T>(probe: () => T | Promise<T>, timeout: number, message: string, interval = 100): Promise<Truthy<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as Truthy<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message.split('\n')[0] : JSON.stringify(last);
      throw new Error(`Timed out after ${(timeout / 1000).toFixed(0)} s waiting for ${message} (last: ${detail})`);
    }
    await new Promise((done) => setTimeout(done, interval));
  }
}
