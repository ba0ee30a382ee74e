/**
 * One tree for railway.toml and railway.json: objects, arrays and scalars with the source range of every key
 * and value. Strings keep a map from their decoded characters back to the file, so a start command found in a
 * TOML basic string or a JSON string can be analysed and fixed character by character.
 */

import { scatteredText, type MappedText } from '../text';
import type { OffsetRange, TextEdit } from '../types';

export interface ConfigEntry {
  readonly key: string;
  readonly keyRange: OffsetRange;
  readonly value: ConfigNode;
  /** The whole `key = value` / `"key": value` span. */
  readonly range: OffsetRange;
}

export type ConfigNode =
  | { readonly kind: 'object'; readonly range: OffsetRange; readonly entries: ReadonlyMap<string, ConfigEntry> }
  | { readonly kind: 'array'; readonly range: OffsetRange; readonly items: readonly ConfigNode[] }
  | {
      readonly kind: 'string';
      readonly range: OffsetRange;
      readonly value: string;
      /** The decoded string with offsets back into the file. */
      readonly text: MappedText;
      /** An edit replacing the whole literal with `value`, quoted for this file. */
      readonly rewrite: (value: string) => TextEdit;
    }
  | { readonly kind: 'number'; readonly range: OffsetRange; readonly value: number }
  | { readonly kind: 'boolean'; readonly range: OffsetRange; readonly value: boolean }
  | { readonly kind: 'null'; readonly range: OffsetRange }
  | { readonly kind: 'other'; readonly range: OffsetRange };

export type ConfigObject = Extract<ConfigNode, { kind: 'object' }>;
export type ConfigString = Extract<ConfigNode, { kind: 'string' }>;

export interface ConfigSyntaxError {
  readonly message: string;
  readonly range: OffsetRange;
}

export interface ConfigDocument {
  readonly path: string;
  readonly format: 'toml' | 'json';
  /** Undefined when the text does not parse at all. */
  readonly root: ConfigObject | undefined;
  readonly errors: readonly ConfigSyntaxError[];
  /** Offsets where top-level statements start (TOML key-values and tables, JSON members), sorted. */
  readonly statementStarts: readonly number[];
}

/** Follows a key path through objects (and arrays, by index): `getPath(root, 'deploy', 'startCommand')`. */
export function getPath(node: ConfigNode | undefined, ...keys: readonly string[]): ConfigNode | undefined {
  let current = node;
  for (const key of keys) {
    if (current?.kind === 'object') current = current.entries.get(key)?.value;
    else if (current?.kind === 'array') current = current.items[Number(key)];
    else return undefined;
  }
  return current;
}

export function getEntry(node: ConfigNode | undefined, ...keys: string[]): ConfigEntry | undefined {
  const parent = getPath(node, ...keys.slice(0, -1));
  return parent?.kind === 'object' ? parent.entries.get(keys[keys.length - 1]) : undefined;
}

/** The plain value of a config tree (what a TOML or JSON reader returns), for the schema validator and the migration. */
export function toValue(node: ConfigNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries([...node.entries].map(([k, e]) => [k, toValue(e.value)]));
    case 'array':
      return node.items.map(toValue);
    case 'string':
    case 'number':
    case 'boolean':
      return node.value;
    case 'null':
      return null;
    default:
      // Dates and other TOML values that JSON has no type for.
      return { toml: node.kind };
  }
}

/** Single-character escapes of TOML basic strings and JSON (`\e` is TOML only, `\/` JSON only). */
const ESCAPES: Readonly<Record<string, string>> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', '/': '/', e: '\x1b' };

/**
 * Decodes a quoted string literal found at `start` in `source` (quotes included), with escape handling chosen by
 * `escapes`, into a mapped text. Returns undefined when the decoding does not reproduce `expected`, so callers
 * never point at wrong columns.
 */
export function decodeString(
  file: string,
  source: string,
  start: number,
  end: number,
  quoteLength: number,
  escapes: 'toml-basic' | 'toml-literal' | 'json',
  expected: string,
  encode: (s: string) => string,
): MappedText | undefined {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = start + quoteLength;
  const stop = end - quoteLength;
  // A newline right after an opening `"""` or `'''` is not part of the string.
  if (quoteLength === 3) {
    if (source[i] === '\r' && source[i + 1] === '\n') i += 2;
    else if (source[i] === '\n') i++;
  }
  while (i < stop) {
    const c = source[i];
    if (c === '\\' && escapes !== 'toml-literal') {
      const n = source[i + 1];
      if (n === 'u' || n === 'U') {
        const len = n === 'u' ? 4 : 8;
        const hex = source.slice(i + 2, i + 2 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return undefined;
        const ch = String.fromCodePoint(parseInt(hex, 16));
        for (let k = 0; k < ch.length; k++) {
          chars.push(ch[k]);
          starts.push(i);
          ends.push(i + 2 + len);
        }
        i += 2 + len;
        continue;
      }
      if (escapes === 'toml-basic' && quoteLength === 3 && (n === '\n' || n === '\r' || n === ' ' || n === '\t')) {
        // Line-ending backslash: trims the newline and all whitespace up to the next non-blank character.
        let j = i + 1;
        while (j < stop && /[ \t]/.test(source[j])) j++;
        if (source[j] === '\n' || source[j] === '\r') {
          while (j < stop && /[ \t\r\n]/.test(source[j])) j++;
          i = j;
          continue;
        }
      }
      if (n !== undefined && ESCAPES[n] !== undefined && (escapes === 'json' ? n !== 'e' : n !== '/')) {
        chars.push(ESCAPES[n]);
        starts.push(i);
        ends.push(i + 2);
        i += 2;
        continue;
      }
      return undefined;
    }
    chars.push(c);
    starts.push(i);
    ends.push(i + 1);
    i++;
  }
  const text = chars.join('');
  const normalised = text.replace(/\r\n/g, '\n');
  if (text !== expected && normalised !== expected.replace(/\r\n/g, '\n')) return undefined;
  return scatteredText(file, text, starts, ends, stop, encode);
}

/** `"…"` for TOML basic strings and JSON: backslash, quote and control characters escaped. */
export function quoteBasic(value: string): string {
  return `"${escapeBasic(value)}"`;
}

const ESCAPED: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f' };

export function escapeBasic(value: string): string {
  return value.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => ESCAPED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
