/**
 * Our TextMate grammars run through the same engine VS Code uses (vscode-textmate over the Oniguruma regex
 * library compiled to WebAssembly), so a test sees exactly the scopes the editor will show.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { readJson, repoRoot } from '../tidy/repo';

interface GrammarContribution {
  readonly language?: string;
  readonly scopeName: string;
  readonly path: string;
}

let onigReady: Promise<void> | undefined;

/** Loads the Oniguruma WebAssembly module once per process. */
export function loadOniguruma(): Promise<void> {
  onigReady ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  return onigReady;
}

/** Compiles one regex with Oniguruma; returns the error message, or undefined when it compiles. */
export async function onigError(pattern: string): Promise<string | undefined> {
  await loadOniguruma();
  try {
    createOnigScanner([pattern]).dispose();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The grammars package.json contributes, keyed by scope name. */
export function grammarContributions(): Map<string, GrammarContribution> {
  const manifest = readJson<{ contributes?: { grammars?: GrammarContribution[] } }>('package.json');
  return new Map((manifest.contributes?.grammars ?? []).map((g) => [g.scopeName, g]));
}

let registry: Registry | undefined;

export async function loadGrammar(scopeName: string): Promise<IGrammar> {
  registry ??= new Registry({
    onigLib: loadOniguruma().then(() => ({ createOnigScanner, createOnigString })),
    loadGrammar: async (name) => {
      const contribution = grammarContributions().get(name);
      if (!contribution) return null;
      const path = join(repoRoot, contribution.path);
      return parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
  });
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `package.json contributes no grammar for ${scopeName}`);
  return grammar;
}

export interface Token {
  /** Offset in the whole text (lines joined with \n). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

export async function tokenize(scopeName: string, text: string): Promise<Token[]> {
  const grammar = await loadGrammar(scopeName);
  const tokens: Token[] = [];
  let state = INITIAL;
  let offset = 0;
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) {
      const end = Math.min(t.endIndex, line.length);
      if (end > t.startIndex) {
        tokens.push({ start: offset + t.startIndex, end: offset + end, text: line.slice(t.startIndex, end), scopes: t.scopes });
      }
    }
    state = result.ruleStack;
    offset += line.length + 1;
  }
  return tokens;
}

/**
 * Returns a checker over one tokenized text. `scoped(needle, scope)` asserts that the run of consecutive tokens
 * carrying `scope` which starts at the needle's first character covers exactly the needle: nothing less (the
 * scope is cut short) and nothing more (it bleeds into what follows). `occurrence` picks a later match.
 */
export async function highlight(scopeName: string, text: string) {
  const tokens = await tokenize(scopeName, text);

  const find = (needle: string, occurrence: number): number => {
    let at = -1;
    for (let i = 0; i <= occurrence; i++) {
      at = text.indexOf(needle, at + 1);
      assert.ok(at >= 0, `"${needle}" (occurrence ${occurrence}) is not in the sample`);
    }
    return at;
  };

  const describe = (from: number, to: number): string =>
    tokens
      .filter((t) => t.end > from && t.start < to)
      .map((t) => `  ${JSON.stringify(t.text)}: ${t.scopes.join(' ')}`)
      .join('\n');

  return {
    tokens,
    scoped(needle: string, scope: string, occurrence = 0): void {
      const start = find(needle, occurrence);
      const end = start + needle.length;
      const first = tokens.findIndex((t) => t.start <= start && t.end > start);
      assert.ok(first >= 0, `no token at "${needle}"`);
      assert.ok(tokens[first].scopes.includes(scope), `"${needle}" is not ${scope}:\n${describe(start, end)}`);
      let i = first;
      // Consecutive means nothing but line breaks between the tokens (a scope may span lines).
      const adjacent = (a: Token, b: Token): boolean => /^\n*$/.test(text.slice(a.end, b.start));
      while (i + 1 < tokens.length && tokens[i + 1].scopes.includes(scope) && adjacent(tokens[i], tokens[i + 1])) i++;
      const covered = text.slice(tokens[first].start, tokens[i].end);
      assert.equal(covered, needle, `${scope} covers ${JSON.stringify(covered)}, expected ${JSON.stringify(needle)}:\n${describe(start, end)}`);
    },
    /** Asserts that no character of the needle carries the scope (or any scope starting with it). */
    notScoped(needle: string, scope: string, occurrence = 0): void {
      const start = find(needle, occurrence);
      const end = start + needle.length;
      const hit = tokens.find((t) => t.end > start && t.start < end && t.scopes.some((s) => s === scope || s.startsWith(`${scope}.`)));
      assert.ok(!hit, `"${needle}" should not be ${scope}:\n${describe(start, end)}`);
    },
  };
}
