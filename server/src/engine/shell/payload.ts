/**
 * `sh -c '…'` payloads: which word is the payload, the text the inner shell reads after the outer quotes are
 * removed (mapped back to file offsets, so the inner commands keep exact ranges), and quoting text for it.
 */

import { scatteredText, type MappedText } from '../text';
import type { Word } from './model';

/** Programs that run their `-c` argument as a command line. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh']);

/** Index of the payload in `sh [-opts] -c PAYLOAD [$0 …]`, when there is one. */
export function shellPayloadIndex(words: readonly Word[]): number | undefined {
  for (let i = 1; i < words.length; i++) {
    const v = words[i].value;
    if (v === undefined || !v.startsWith('-') || v === '-' || v === '--') return undefined;
    if (v === '-o' || v === '+o') {
      i++;
      continue;
    }
    if (!v.startsWith('--') && v.includes('c')) return i + 1 < words.length ? i + 1 : undefined;
  }
  return undefined;
}

/**
 * The characters of a quoted word as the inner shell will read them. `raw` is the word's source as written,
 * found at `start` in `outer`; offsets map through `outer` back to the file.
 */
export function payloadText(outer: MappedText, start: number, raw: string): MappedText {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (c: string, from: number, to: number): void => {
    chars.push(c);
    starts.push(outer.toSource(start + from));
    ends.push(outer.rangeToSource({ start: start + from, end: start + to }).end);
  };
  let quote: '"' | "'" | undefined;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else push(c, i, i + 1);
      i++;
      continue;
    }
    if (c === "'" && !quote) {
      quote = "'";
      i++;
      continue;
    }
    if (c === '"') {
      quote = quote ? undefined : '"';
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[i + 1];
      if (n === '\n') {
        i += 2;
        continue;
      }
      if (!quote || n === '"' || n === '\\' || n === '$' || n === '`') {
        push(n, i, i + 2);
        i += 2;
        continue;
      }
    }
    push(c, i, i + 1);
    i++;
  }
  const tail = outer.toSource(start + raw.length - (raw.endsWith("'") || raw.endsWith('"') ? 1 : 0));
  const quoteKind = raw.startsWith("'") ? "'" : raw.startsWith('"') ? '"' : undefined;
  const encode = (s: string): string => outer.encode(quoteKind === "'" ? s.replace(/'/g, `'\\''`) : quoteKind === '"' ? escapeDoubleQuoted(s) : s);
  return scatteredText(outer.file, chars.join(''), starts, ends, tail, encode);
}

/** Text for inside `"…"`: `"`, `\` and backquotes escaped, `$VAR` left to expand. */
export function escapeDoubleQuoted(text: string): string {
  return text.replace(/(["\\`])/g, '\\$1');
}
