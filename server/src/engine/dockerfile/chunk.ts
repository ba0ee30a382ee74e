/**
 * One Dockerfile instruction read with dockerfile-ast, offsets relative to the chunk. Records are memoised by
 * text, so while a 5 000-line Dockerfile is edited only the changed instruction is parsed again.
 */

import { DockerfileParser, type JSONInstruction } from 'dockerfile-ast';
import { decodeString, escapeBasic } from '../config/tree';
import { LineIndex, scatteredText, verbatimText, type MappedText } from '../text';
import type { OffsetRange } from '../types';

export interface ChunkRecord {
  readonly keyword: string;
  readonly keywordRange: OffsetRange;
  readonly argsRange: OffsetRange;
  /** The arguments with continuations and inner comment lines removed. */
  readonly joined: string;
  /** The same as mapped text (for shell-form CMD/ENTRYPOINT). */
  readonly text: MappedText | undefined;
  readonly args: readonly { readonly value: string; readonly range: OffsetRange }[];
  readonly flags: readonly { readonly name: string; readonly value: string | undefined }[];
  readonly env: readonly { readonly name: string; readonly value: string; readonly range: OffsetRange }[];
  readonly form: 'exec' | 'shell' | 'malformed' | undefined;
  readonly json: readonly MappedText[];
}

/** Instructions whose arguments the deploy checks read; others only need their text. */
const STRUCTURED = new Set(['FROM', 'WORKDIR', 'ENV', 'COPY', 'ADD', 'CMD', 'ENTRYPOINT', 'EXPOSE']);
const MAX_ENTRIES = 20_000;
const cache = new Map<string, ChunkRecord>();

export function readChunk(text: string, keyword: string, escape: string): ChunkRecord {
  const key = `${escape}${text}`;
  const hit = cache.get(key);
  if (hit) {
    // Keep recently used records: re-insert to move it to the end of the map's order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const record = STRUCTURED.has(keyword) ? structured(text, keyword, escape) : plain(text, keyword, escape);
  cache.set(key, record);
  if (cache.size > MAX_ENTRIES) {
    let drop = cache.size - MAX_ENTRIES + MAX_ENTRIES / 4;
    for (const k of cache.keys()) {
      if (drop-- <= 0) break;
      cache.delete(k);
    }
  }
  return record;
}

function plain(text: string, keyword: string, escape: string): ChunkRecord {
  const head = /^[A-Za-z]+[ \t]*/.exec(text)?.[0] ?? '';
  const keywordRange = { start: 0, end: /^[A-Za-z]+/.exec(text)?.[0].length ?? 0 };
  const argsRange = { start: head.length, end: text.length };
  const joined = joinArgs(text, argsRange, escape);
  return { keyword, keywordRange, argsRange, joined: joined.text, text: undefined, args: [], flags: [], env: [], form: undefined, json: [] };
}

function structured(text: string, keyword: string, escape: string): ChunkRecord {
  // dockerfile-ast needs the escape directive to read a backtick-escaped chunk.
  const prefix = escape === '\\' ? '' : `# escape=${escape}\n`;
  const source = prefix + text;
  const doc = DockerfileParser.parse(source);
  const instruction = doc.getInstructions()[0];
  if (!instruction) return plain(text, keyword, escape);
  const lines = new LineIndex(source);
  const shift = prefix.length;
  const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): OffsetRange => ({
    start: lines.offsetAt(r.start) - shift,
    end: lines.offsetAt(r.end) - shift,
  });
  const keywordRange = toRange(instruction.getInstructionRange());
  const argsRaw = instruction.getArgumentsRange();
  const argsRange = argsRaw ? toRange(argsRaw) : { start: text.length, end: text.length };
  const joined = joinArgs(text, argsRange, escape);
  const base = { keyword, keywordRange, argsRange, joined: joined.text, args: [] as { value: string; range: OffsetRange }[], flags: [] as { name: string; value: string | undefined }[], env: [] as { name: string; value: string; range: OffsetRange }[], form: undefined as ChunkRecord['form'], json: [] as MappedText[], text: undefined as MappedText | undefined };

  if (keyword === 'ENV') {
    const props = (instruction as unknown as { getProperties(): { getName(): string; getValue(): string | null; getValueRange(): Parameters<typeof toRange>[0] | null }[] }).getProperties();
    base.env = props.flatMap((p) => {
      const value = p.getValue();
      const range = p.getValueRange();
      return value === null ? [] : [{ name: p.getName(), value, range: range ? toRange(range) : argsRange }];
    });
    return base;
  }
  if (keyword === 'CMD' || keyword === 'ENTRYPOINT') {
    const mapped = scatteredText('', joined.text, joined.starts, joined.ends, joined.tail, (s) => s);
    const trimmed = joined.text.trim();
    if (!trimmed.startsWith('[')) return { ...base, form: 'shell', text: mapped };
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    const strings = (instruction as JSONInstruction).getJSONStrings();
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') && strings.length === parsed.length) {
      const json = strings.map((s, i) => {
        const r = toRange(s.getJSONRange());
        const value = parsed[i] as string;
        return decodeString('', text, r.start - 1, r.end + 1, 1, 'json', value, escapeBasic) ?? verbatimText('', value, r.start, escapeBasic);
      });
      return { ...base, form: 'exec', json };
    }
    // Not valid JSON (single quotes, a missing comma): Docker runs the whole text with /bin/sh -c.
    return { ...base, form: 'malformed', text: mapped };
  }
  base.args = instruction.getArguments().map((a) => ({ value: a.getValue(), range: toRange(a.getRange()) }));
  if (keyword === 'COPY' || keyword === 'ADD') {
    const flags = (instruction as unknown as { getFlags?(): { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? [];
    base.flags = flags.map((f) => ({ name: f.getName(), value: f.getValue() ?? undefined }));
  }
  return base;
}

/** The argument text with line continuations and the comment lines inside them removed. */
function joinArgs(text: string, range: OffsetRange, escape: string): { text: string; starts: number[]; ends: number[]; tail: number } {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = range.start;
  let lineStart = false;
  while (i < range.end) {
    if (lineStart) {
      let j = i;
      while (j < range.end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '#' || text[j] === '\n' || text[j] === '\r') {
        while (j < range.end && text[j] !== '\n') j++;
        i = j + 1;
        continue;
      }
      lineStart = false;
    }
    const c = text[i];
    if (c === escape) {
      let j = i + 1;
      while (j < range.end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r' && text[j + 1] === '\n') j++;
      if (text[j] === '\n' || (text[j] === '\r' && j + 1 >= range.end)) {
        i = j + 1;
        lineStart = true;
        continue;
      }
    }
    chars.push(c);
    starts.push(i);
    ends.push(i + 1);
    i++;
  }
  return { text: chars.join(''), starts, ends, tail: range.end };
}
