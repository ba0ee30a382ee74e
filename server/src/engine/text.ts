/** Text helpers shared by every parser: line/character positions and texts embedded in other texts. */

import type { OffsetRange } from './types';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface PositionRange {
  readonly start: Position;
  readonly end: Position;
}

/** Offsets ↔ 0-based line/character (UTF-16), with `\r\n`, `\r` and `\n` all ending a line. */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) starts.push(i + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** An offset range as line/character positions (an inverted range collapses to its start). */
  rangeAt(range: OffsetRange): PositionRange {
    return { start: this.positionAt(range.start), end: this.positionAt(Math.max(range.start, range.end)) };
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** A line with its line break (to the next line's start, or the end of the text): what removing it deletes. */
  lineWithBreak(line: number): OffsetRange {
    const next = line + 1;
    return { start: this.lineStart(line), end: next < this.starts.length ? this.starts[next] : this.text.length };
  }

  /** The line break this file uses most: `\r\n` when its first break is one. */
  get eol(): string {
    const nl = this.text.indexOf('\n');
    return nl > 0 && this.text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
  }
}

/**
 * A piece of text that was decoded from a file (a TOML string, a JSON string, a Dockerfile instruction with
 * line continuations): `text` is what programs see, `toSource` maps an offset in it back to the file.
 * `encode` turns replacement text into the file's syntax for that spot (escaping quotes in a TOML string).
 */
export interface MappedText {
  readonly file: string;
  readonly text: string;
  /** Source offset of text offset `i` (0 ≤ i ≤ text.length). */
  toSource(i: number): number;
  /** Source range for a text range; an empty range maps to an empty range. */
  rangeToSource(range: OffsetRange): OffsetRange;
  encode(text: string): string;
}

/** Text copied verbatim from `file` at `offset`. */
export function verbatimText(file: string, text: string, offset: number, encode: (s: string) => string = (s) => s): MappedText {
  return {
    file,
    text,
    toSource: (i) => offset + i,
    rangeToSource: (r) => ({ start: offset + r.start, end: offset + r.end }),
    encode,
  };
}

/**
 * Text whose characters come from scattered source spans: `text[i]` was decoded from source
 * `[starts[i], ends[i])` (one character, or an escape such as `\"` or `\u00e9`). `tail` is the source offset
 * just past the decoded text, where an insertion at `text.length` lands.
 */
export function scatteredText(
  file: string,
  text: string,
  starts: readonly number[],
  ends: readonly number[],
  tail: number,
  encode: (s: string) => string,
): MappedText {
  const toSource = (i: number): number => (i >= text.length ? tail : starts[Math.max(0, i)]);
  return {
    file,
    text,
    toSource,
    rangeToSource(r) {
      if (r.end <= r.start) {
        const at = toSource(r.start);
        return { start: at, end: at };
      }
      return { start: toSource(r.start), end: ends[Math.min(r.end, text.length) - 1] };
    },
    encode,
  };
}

/** Is `range` (in the same file) inside `outer`? */
export function contains(outer: OffsetRange, range: OffsetRange): boolean {
  return outer.start <= range.start && range.end <= outer.end;
}

/** Shell single-quoting for a word that is inserted into a command. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The same mapped text, placed `delta` characters later in `file` (for texts read from a slice of a file). */
export function shiftedText(mapped: MappedText, file: string, delta: number): MappedText {
  if (delta === 0 && mapped.file === file) return mapped;
  return {
    file,
    text: mapped.text,
    toSource: (i) => mapped.toSource(i) + delta,
    rangeToSource: (r) => {
      const s = mapped.rangeToSource(r);
      return { start: s.start + delta, end: s.end + delta };
    },
    encode: mapped.encode,
  };
}

const REGEXP_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/** `text` as a RegExp source that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(REGEXP_SPECIAL, '\\$&');
}
