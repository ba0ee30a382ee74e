/**
 * Dockerfile → stages with what the deploy checks need: working directory, environment, files copied in, and
 * the CMD / ENTRYPOINT as text the shell parser can read (shell form with continuations joined, or exec-form
 * JSON strings decoded) with offsets back into the file. Structure and ranges come from dockerfile-ast; argument
 * splitting and string decoding are done here because dockerfile-ast's do not follow shell or JSON rules.
 */

import { DockerfileParser, type Instruction, type JSONInstruction } from 'dockerfile-ast';
import { decodeString, escapeBasic } from '../config/tree';
import { LineIndex, scatteredText, verbatimText, type MappedText } from '../text';
import type { OffsetRange } from '../types';

export interface DockerCopy {
  readonly keyword: 'COPY' | 'ADD';
  readonly sources: readonly { readonly value: string; readonly range: OffsetRange }[];
  readonly dest: { readonly value: string; readonly range: OffsetRange };
  /** `--from=<stage or image>`. */
  readonly from?: string;
  /** The WORKDIR in effect, for a relative destination. */
  readonly workdir: string;
  readonly range: OffsetRange;
}

export interface DockerCommand {
  readonly keyword: 'CMD' | 'ENTRYPOINT';
  readonly range: OffsetRange;
  readonly keywordRange: OffsetRange;
  readonly argsRange: OffsetRange;
  /** `exec`: a JSON array of strings; `shell`: run by `/bin/sh -c`; `malformed`: looks like JSON but is not. */
  readonly form: 'exec' | 'shell' | 'malformed';
  /** Exec form: the decoded strings. */
  readonly args: readonly MappedText[];
  /** Shell (and malformed) form: the command text with continuations and inner comments removed. */
  readonly text: MappedText | undefined;
}

export interface DockerEnvValue {
  readonly value: string;
  readonly range: OffsetRange;
}

export interface DockerStage {
  readonly index: number;
  readonly name: string | undefined;
  readonly image: string;
  readonly fromRange: OffsetRange;
  /** A previous stage this one is built FROM, when there is one. */
  readonly parent: number | undefined;
  readonly workdir: string;
  readonly env: ReadonlyMap<string, DockerEnvValue>;
  readonly copies: readonly DockerCopy[];
  readonly cmd: DockerCommand | undefined;
  readonly entrypoint: DockerCommand | undefined;
  readonly exposes: readonly { readonly port: string; readonly range: OffsetRange }[];
  readonly runs: readonly { readonly text: string; readonly range: OffsetRange }[];
}

export interface Dockerfile {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly stages: readonly DockerStage[];
  /** Start offsets of all instructions, for placing line comments. */
  readonly instructionStarts: readonly number[];
  readonly escape: string;
}

export function finalStage(dockerfile: Dockerfile): DockerStage | undefined {
  return dockerfile.stages[dockerfile.stages.length - 1];
}

interface MutableStage {
  index: number;
  name: string | undefined;
  image: string;
  fromRange: OffsetRange;
  parent: number | undefined;
  workdir: string;
  env: Map<string, DockerEnvValue>;
  copies: DockerCopy[];
  cmd: DockerCommand | undefined;
  entrypoint: DockerCommand | undefined;
  exposes: { port: string; range: OffsetRange }[];
  runs: { text: string; range: OffsetRange }[];
}

export function parseDockerfile(path: string, text: string): Dockerfile {
  const lines = new LineIndex(text);
  const ast = DockerfileParser.parse(text);
  const escape = ast.getEscapeCharacter() || '\\';
  const offset = (p: { line: number; character: number }): number => lines.offsetAt(p);
  const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }): OffsetRange => ({
    start: offset(r.start),
    end: offset(r.end),
  });
  const stages: MutableStage[] = [];
  const instructionStarts: number[] = [];
  let stage: MutableStage | undefined;

  for (const instruction of ast.getInstructions()) {
    const range = toRange(instruction.getRange());
    instructionStarts.push(range.start);
    const keyword = instruction.getKeyword().toUpperCase();
    if (keyword === 'FROM') {
      const args = instruction.getArguments();
      const image = args[0]?.getValue() ?? '';
      const asIndex = args.findIndex((a) => a.getValue().toUpperCase() === 'AS');
      const name = asIndex >= 0 ? args[asIndex + 1]?.getValue().toLowerCase() : undefined;
      const parentIndex = stages.findIndex((s) => s.name !== undefined && s.name === image.toLowerCase());
      const parent = parentIndex >= 0 ? stages[parentIndex] : undefined;
      stage = {
        index: stages.length,
        name,
        image,
        fromRange: range,
        parent: parent?.index,
        workdir: parent?.workdir ?? '/',
        env: new Map(parent?.env ?? []),
        copies: [...(parent?.copies ?? [])],
        cmd: parent?.cmd,
        entrypoint: parent?.entrypoint,
        exposes: [...(parent?.exposes ?? [])],
        runs: [],
      };
      stages.push(stage);
      continue;
    }
    if (!stage) continue;
    switch (keyword) {
      case 'WORKDIR': {
        const value = substitute(joinedArgs(text, instruction, toRange, escape).text.trim(), stage.env);
        if (value) stage.workdir = resolveContainerPath(stage.workdir, value);
        break;
      }
      case 'ENV':
        for (const prop of (instruction as unknown as { getProperties(): { getName(): string; getValue(): string | null; getValueRange(): unknown }[] }).getProperties()) {
          const value = prop.getValue();
          const valueRange = prop.getValueRange() as Parameters<typeof toRange>[0] | null;
          if (value === null) continue;
          stage.env.set(prop.getName(), { value: substitute(unquoteEnv(value), stage.env), range: valueRange ? toRange(valueRange) : range });
        }
        break;
      case 'COPY':
      case 'ADD': {
        const copy = parseCopy(keyword, instruction, toRange, stage.workdir, range);
        if (copy) stage.copies.push(copy);
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT': {
        const command = parseCommand(path, text, keyword, instruction as JSONInstruction, toRange, escape, range);
        if (keyword === 'CMD') stage.cmd = command;
        else {
          stage.entrypoint = command;
          // Docker resets CMD inherited from the base when ENTRYPOINT is set.
          if (stage.cmd && stage.cmd.range.start < command.range.start && !ownsCommand(stage, stage.cmd)) stage.cmd = undefined;
        }
        break;
      }
      case 'EXPOSE':
        for (const arg of instruction.getArguments()) stage.exposes.push({ port: arg.getValue(), range: toRange(arg.getRange()) });
        break;
      case 'RUN':
        stage.runs.push({ text: joinedArgs(text, instruction, toRange, escape).text, range });
        break;
      default:
        break;
    }
  }
  return { path, text, lines, stages, instructionStarts, escape };
}

function ownsCommand(stage: MutableStage, command: DockerCommand): boolean {
  return command.range.start >= stage.fromRange.start;
}

function parseCopy(
  keyword: 'COPY' | 'ADD',
  instruction: Instruction,
  toRange: (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => OffsetRange,
  workdir: string,
  range: OffsetRange,
): DockerCopy | undefined {
  const args = instruction.getArguments().filter((a) => !a.getValue().startsWith('--'));
  if (args.length < 2) return undefined;
  const flags = (instruction as unknown as { getFlags?(): { getName(): string; getValue(): string | null }[] }).getFlags?.() ?? [];
  const from = flags.find((f) => f.getName() === 'from')?.getValue() ?? undefined;
  const items = args.map((a) => ({ value: a.getValue(), range: toRange(a.getRange()) }));
  // Heredoc copies (`COPY <<EOF …`) create files from inline text, not from the context.
  if (items.some((i) => i.value.startsWith('<<'))) return undefined;
  const dest = items[items.length - 1];
  return { keyword, sources: items.slice(0, -1), dest, from: from?.toLowerCase(), workdir, range };
}

/** `ENV X "a b"` and `ENV X='a'` store the unquoted value. */
function unquoteEnv(value: string): string {
  if (value.length >= 2 && ((value[0] === '"' && value.endsWith('"')) || (value[0] === "'" && value.endsWith("'")))) return value.slice(1, -1);
  return value;
}

/** Expands `$X` and `${X}` with values known from earlier ENV lines; unknown references stay as written. */
export function substitute(value: string, env: ReadonlyMap<string, DockerEnvValue>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, a: string | undefined, b: string | undefined) => {
    const known = env.get((a ?? b) as string);
    return known ? known.value : whole;
  });
}

export function resolveContainerPath(base: string, path: string): string {
  const full = path.startsWith('/') ? path : `${base.endsWith('/') ? base : `${base}/`}${path}`;
  const parts: string[] = [];
  for (const part of full.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** The argument text of an instruction with line continuations and comment lines inside it removed. */
function joinedArgs(
  text: string,
  instruction: Instruction,
  toRange: (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => OffsetRange,
  escape: string,
): { text: string; starts: number[]; ends: number[]; tail: number; range: OffsetRange } {
  const argsRange = instruction.getArgumentsRange();
  if (!argsRange) {
    const at = toRange(instruction.getRange()).end;
    return { text: '', starts: [], ends: [], tail: at, range: { start: at, end: at } };
  }
  const range = toRange(argsRange);
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = range.start;
  let lineStart = false;
  while (i < range.end) {
    if (lineStart) {
      // Inside a continued instruction, blank lines and comment lines are dropped by the builder.
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
      if (text[j] === '\n') {
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
  return { text: chars.join(''), starts, ends, tail: range.end, range };
}

function parseCommand(
  path: string,
  text: string,
  keyword: 'CMD' | 'ENTRYPOINT',
  instruction: JSONInstruction,
  toRange: (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => OffsetRange,
  escape: string,
  range: OffsetRange,
): DockerCommand {
  const keywordRange = toRange(instruction.getInstructionRange());
  const joined = joinedArgs(text, instruction, toRange, escape);
  const base = { keyword, range, keywordRange, argsRange: joined.range };
  const trimmed = joined.text.trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) {
      const strings = instruction.getJSONStrings();
      if (strings.length === parsed.length) {
        const args = strings.map((s, i) => {
          const r = toRange(s.getJSONRange());
          const value = parsed[i] as string;
          return decodeString(path, text, r.start - 1, r.end + 1, 1, 'json', value, escapeBasic) ?? verbatimText(path, value, r.start, escapeBasic);
        });
        return { ...base, form: 'exec', args, text: undefined };
      }
    }
    // Not valid JSON (single quotes, a missing comma): Docker runs the whole text with /bin/sh -c.
    return { ...base, form: 'malformed', args: [], text: scatteredText(path, joined.text, joined.starts, joined.ends, joined.tail, (s) => s) };
  }
  return { ...base, form: 'shell', args: [], text: scatteredText(path, joined.text, joined.starts, joined.ends, joined.tail, (s) => s) };
}
