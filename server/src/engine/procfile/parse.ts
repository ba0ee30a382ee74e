/**
 * Procfile → process entries with exact ranges. Procfiles have no formal grammar and the runners disagree
 * (research/linters.md §5): this parser reads every line leniently, keeps positions, and records what each
 * reader would make of it so that rules can say where Heroku, foreman and Railway part ways.
 */

import { LineIndex, verbatimText, type MappedText } from '../text';
import type { OffsetRange } from '../types';

export interface ProcfileEntry {
  readonly line: number;
  /** The whole line without its line break. */
  readonly lineRange: OffsetRange;
  readonly name: string;
  readonly nameRange: OffsetRange;
  /** Offset of the `:` after the name. */
  readonly colon: number;
  /** Whitespace between the colon and the command, as written. */
  readonly gap: string;
  /** The command as Heroku and foreman run it: the rest of the line, trimmed. */
  readonly command: MappedText;
  readonly commandRange: OffsetRange;
  /** Leading whitespace before the name. */
  readonly indent: string;
}

export interface ProcfileProblemLine {
  readonly line: number;
  readonly range: OffsetRange;
  readonly text: string;
}

export interface Procfile {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly entries: readonly ProcfileEntry[];
  /** Lines that are neither blank, comments nor `name: command`. */
  readonly unparsable: readonly ProcfileProblemLine[];
  /** Offsets of `\r` characters that end lines. */
  readonly carriageReturns: readonly number[];
  /** The entry each process name resolves to, last one winning as in Railway's YAML reading and Heroku CNB. */
  readonly byName: ReadonlyMap<string, ProcfileEntry>;
}

/** `name:` with an optional command; the name as lenient as any runner accepts, so rules can judge it. */
const ENTRY = /^([ \t]*)([^\s:#][^\s:]*):([ \t]*)([\s\S]*)$/;

export function parseProcfile(path: string, text: string): Procfile {
  const lines = new LineIndex(text);
  const entries: ProcfileEntry[] = [];
  const unparsable: ProcfileProblemLine[] = [];
  const carriageReturns: number[] = [];
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) carriageReturns.push(i);

  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const lineText = lines.lineText(line);
    const trimmed = lineText.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const m = ENTRY.exec(lineText);
    if (!m) {
      unparsable.push({ line, range: { start, end: start + lineText.length }, text: lineText });
      continue;
    }
    const [, indent, name, gap, rest] = m;
    const nameStart = start + indent.length;
    const colon = nameStart + name.length;
    const commandText = rest.replace(/[ \t]+$/, '');
    const commandStart = colon + 1 + gap.length;
    entries.push({
      line,
      lineRange: { start, end: start + lineText.length },
      name,
      nameRange: { start: nameStart, end: colon },
      colon,
      gap,
      command: verbatimText(path, commandText, commandStart),
      commandRange: { start: commandStart, end: commandStart + commandText.length },
      indent,
    });
  }
  const byName = new Map<string, ProcfileEntry>();
  for (const entry of entries) byName.set(entry.name, entry);
  return { path, text, lines, entries, unparsable, carriageReturns, byName };
}

/** Railway (Railpack/Nixpacks) start command selection: `web`, else `worker`, else any other. */
export function railwayEntry(procfile: Procfile): ProcfileEntry | undefined {
  return (
    procfile.byName.get('web') ??
    procfile.byName.get('worker') ??
    [...procfile.byName.values()].find((e) => e.name !== 'release' && e.command.text.length > 0)
  );
}
