/** Splitting a bind address word (`0.0.0.0:$PORT`, `[::]:8000`, `:${PORT:-8000}`) into host and port words. */

import type { Word, WordPart } from '../shell/model';
import type { OptionValue } from './launch';

export interface BindParts {
  readonly host: OptionValue | undefined;
  readonly port: OptionValue | undefined;
  /** `unix:/path` or `fd://3`: no TCP address. */
  readonly unix: boolean;
  /** Nothing could be told (the whole address is one variable). */
  readonly unknown: boolean;
}

export function splitBindWord(bind: OptionValue): BindParts {
  const parts = bind.word.parts;
  const first = parts[0];
  if (first?.kind === 'literal' && (first.text.startsWith('unix:') || first.text.startsWith('fd://'))) {
    return { host: undefined, port: undefined, unix: true, unknown: false };
  }
  if (!parts.length || parts.every((p) => p.kind !== 'literal')) return { host: undefined, port: undefined, unix: false, unknown: true };
  // The separating colon: the last `:` in a literal part, after a closing `]` for IPv6 addresses.
  let splitPart = -1;
  let splitChar = -1;
  const bracketed = first?.kind === 'literal' && first.text.startsWith('[');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.kind !== 'literal') continue;
    let from = 0;
    if (bracketed && i === 0) {
      const close = p.text.indexOf(']');
      if (close < 0) continue;
      from = close + 1;
    }
    const c = p.text.lastIndexOf(':');
    if (c >= from) {
      splitPart = i;
      splitChar = c;
    }
  }
  if (splitPart < 0) return { host: subWord(bind, parts, 0, 0, parts.length, 0, bracketed), port: undefined, unix: false, unknown: false };
  const host = subWord(bind, parts, 0, 0, splitPart, splitChar, bracketed);
  const port = subWord(bind, parts, splitPart, splitChar + 1, parts.length, 0, false);
  return { host, port, unix: false, unknown: false };
}

/** The word made of parts[fromPart][fromChar…] up to parts[toPart][…toChar) (toChar 0 = up to the part). */
function subWord(bind: OptionValue, parts: readonly WordPart[], fromPart: number, fromChar: number, toPart: number, toChar: number, stripBrackets: boolean): OptionValue | undefined {
  const out: WordPart[] = [];
  for (let i = fromPart; i <= Math.min(toPart, parts.length - 1); i++) {
    const p = parts[i];
    const start = i === fromPart ? fromChar : 0;
    const end = i === toPart ? toChar : p.kind === 'literal' ? p.text.length : 0;
    if (i === toPart && toChar === 0 && i !== fromPart) break;
    if (p.kind !== 'literal') {
      if (i < toPart || toChar > 0) out.push(p);
      continue;
    }
    const s = stripBrackets && i === 0 && start === 0 && p.text.startsWith('[') ? 1 : start;
    const e = stripBrackets && i === toPart && p.text[end - 1] === ']' ? end - 1 : i === toPart ? end : p.text.length;
    if (e <= s) continue;
    const at0 = p.at(s);
    const atEnd = p.at(e - 1);
    const range = { start: at0 ?? p.range.start, end: atEnd !== undefined ? atEnd + 1 : p.range.end };
    out.push({ kind: 'literal', text: p.text.slice(s, e), range, at: (k) => p.at(s + k) });
  }
  if (!out.length) return undefined;
  const range = { start: out[0].range.start, end: out[out.length - 1].range.end };
  const value = out.every((p) => p.kind === 'literal') ? out.map((p) => (p.kind === 'literal' ? p.text : '')).join('') : undefined;
  const word: Word = { range, raw: value ?? bind.word.raw, value, parts: out };
  return { value, word, option: bind.option, valueStart: range.start };
}
