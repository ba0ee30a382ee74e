/** Command-line option splitting in the argparse/click style the Python servers use. */

import type { Word } from '../shell/model';
import type { OptionValue } from './launch';

export interface ParsedOptions {
  /** Options in order; a repeated option appears several times. */
  readonly options: readonly { readonly name: string; readonly value: OptionValue | undefined }[];
  readonly positionals: readonly Word[];
  /** An option the table does not know: a following word might be its value, so positionals are uncertain. */
  readonly unknownOption: boolean;
}

export interface OptionTable {
  /** Options that take a value, long and short spellings (`--bind`, `-b`). */
  readonly withValue: ReadonlySet<string>;
  /** Options known to take no value. */
  readonly flags: ReadonlySet<string>;
}

export function parseOptions(words: readonly Word[], table: OptionTable): ParsedOptions {
  const options: { name: string; value: OptionValue | undefined }[] = [];
  const positionals: Word[] = [];
  let unknownOption = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const text = word.value ?? word.raw;
    if (text === '--') {
      positionals.push(...words.slice(i + 1));
      break;
    }
    if (!text.startsWith('-') || text === '-') {
      positionals.push(word);
      continue;
    }
    const eq = text.indexOf('=');
    if (text.startsWith('--') && eq > 0) {
      const name = text.slice(0, eq);
      if (!table.withValue.has(name) && !table.flags.has(name)) unknownOption = true;
      options.push({ name, value: attachedValue(word, eq + 1) });
      continue;
    }
    if (table.withValue.has(text)) {
      const next = words[i + 1];
      options.push({ name: text, value: next ? { value: next.value, word: next, option: word, valueStart: next.range.start } : undefined });
      if (next) i++;
      continue;
    }
    if (table.flags.has(text)) {
      options.push({ name: text, value: undefined });
      continue;
    }
    // `-b0.0.0.0:8000`: a short option with its value attached.
    const short = text.slice(0, 2);
    if (!text.startsWith('--') && text.length > 2 && table.withValue.has(short)) {
      options.push({ name: short, value: attachedValue(word, 2) });
      continue;
    }
    unknownOption = true;
    options.push({ name: text, value: undefined });
  }
  return { options, positionals, unknownOption };
}

/** The part of an option word after `--name=` or `-b`, as its own value. */
function attachedValue(word: Word, from: number): OptionValue {
  const literal = word.parts[0]?.kind === 'literal' ? word.parts[0] : undefined;
  const start = literal && literal.text.length >= from ? literal.at(from) ?? word.range.start : word.range.start;
  const value = word.value?.slice(from);
  // A sub-word: its value is the tail; its parts are the tail of the literal plus any later parts.
  const parts = word.parts.flatMap((p, i) => {
    if (i === 0 && p.kind === 'literal') {
      return p.text.length > from ? [{ ...p, text: p.text.slice(from), range: { start, end: p.range.end }, at: (k: number) => p.at(from + k) }] : [];
    }
    return [p];
  });
  const sub: Word = { range: { start, end: word.range.end }, raw: word.raw.slice(Math.min(from, word.raw.length)), value, parts };
  return { value, word: sub, option: word, valueStart: start };
}

export function lastOption(parsed: ParsedOptions, ...names: string[]): OptionValue | undefined {
  let found: OptionValue | undefined;
  for (const o of parsed.options) if (names.includes(o.name) && o.value) found = o.value;
  return found;
}

export function allOptions(parsed: ParsedOptions, ...names: string[]): OptionValue[] {
  return parsed.options.filter((o) => names.includes(o.name) && o.value).map((o) => o.value as OptionValue);
}

export function hasFlag(parsed: ParsedOptions, ...names: string[]): boolean {
  return parsed.options.some((o) => names.includes(o.name));
}

export function table(withValue: string, flags = ''): OptionTable {
  return { withValue: new Set(withValue.split(/\s+/).filter(Boolean)), flags: new Set(flags.split(/\s+/).filter(Boolean)) };
}
