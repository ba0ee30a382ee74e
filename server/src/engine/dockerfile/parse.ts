/**
 * Dockerfile → stages with what the deploy checks need: working directory, environment, files copied in, and
 * the CMD / ENTRYPOINT as text the shell parser can read (shell form with continuations joined, or exec-form
 * JSON strings decoded) with offsets back into the file. Each instruction is read by dockerfile-ast (chunk.ts),
 * one chunk at a time so unchanged instructions are not parsed again (split.ts).
 */

import { LineIndex, shiftedText, type MappedText } from '../text';
import type { OffsetRange } from '../types';
import { readChunk, type ChunkRecord } from './chunk';
import { splitInstructions, type Chunk } from './split';

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
  const split = splitInstructions(text, lines);
  const escape = split.escape;
  const stages: MutableStage[] = [];
  const instructionStarts: number[] = [];
  let stage: MutableStage | undefined;
  const needed = neededStages(text, split.chunks, escape);
  let stageIndex = -1;

  for (const chunk of split.chunks) {
    if (chunk.keyword === 'FROM') stageIndex++;
    // Instructions of stages the final image does not build on are only located, never read.
    if (chunk.keyword !== 'FROM' && stageIndex >= 0 && !needed.has(stageIndex)) {
      instructionStarts.push(chunk.start);
      continue;
    }
    const record = readChunk(text.slice(chunk.start, chunk.end), chunk.keyword, escape);
    const at = (r: OffsetRange): OffsetRange => ({ start: r.start + chunk.start, end: r.end + chunk.start });
    const range = { start: chunk.start, end: chunk.end };
    instructionStarts.push(chunk.start);
    const keyword = record.keyword;
    if (keyword === 'FROM') {
      const args = record.args;
      const image = args[0]?.value ?? '';
      const asIndex = args.findIndex((a) => a.value.toUpperCase() === 'AS');
      const name = asIndex >= 0 ? args[asIndex + 1]?.value.toLowerCase() : undefined;
      const parent = stages.find((s) => s.name !== undefined && s.name === image.toLowerCase());
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
        const value = substitute(record.joined.trim(), stage.env);
        if (value) stage.workdir = resolveContainerPath(stage.workdir, value);
        break;
      }
      case 'ENV':
        for (const prop of record.env) stage.env.set(prop.name, { value: substitute(unquoteEnv(prop.value), stage.env), range: at(prop.range) });
        break;
      case 'COPY':
      case 'ADD': {
        const copy = copyOf(keyword, record, at, stage.workdir, range);
        if (copy) stage.copies.push(copy);
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT': {
        const command = commandOf(path, keyword, record, chunk.start, at, range);
        if (keyword === 'CMD') stage.cmd = command;
        else {
          stage.entrypoint = command;
          // Docker resets a CMD inherited from the base stage when ENTRYPOINT is set.
          if (stage.cmd && stage.cmd.range.start < stage.fromRange.start) stage.cmd = undefined;
        }
        break;
      }
      case 'EXPOSE':
        for (const arg of record.args) stage.exposes.push({ port: arg.value, range: at(arg.range) });
        break;
      case 'RUN':
        stage.runs.push({ text: record.joined, range });
        break;
      default:
        break;
    }
  }
  return { path, text, lines, stages, instructionStarts, escape };
}

/**
 * The stages the final image is built from: the last stage, the stages it is `FROM`, and those it copies from
 * (`COPY --from=<name or index>`), transitively. Earlier stages can only be referenced by later ones, so one
 * backward pass finds them all.
 */
function neededStages(text: string, chunks: readonly Chunk[], escape: string): Set<number> {
  const stageChunks: Chunk[][] = [];
  for (const chunk of chunks) {
    if (chunk.keyword === 'FROM') stageChunks.push([chunk]);
    else stageChunks[stageChunks.length - 1]?.push(chunk);
  }
  const names = stageChunks.map((c) => {
    const args = readChunk(text.slice(c[0].start, c[0].end), 'FROM', escape).args;
    const as = args.findIndex((a) => a.value.toUpperCase() === 'AS');
    return { image: (args[0]?.value ?? '').toLowerCase(), name: as >= 0 ? args[as + 1]?.value.toLowerCase() : undefined };
  });
  const byName = (ref: string, before: number): number | undefined => {
    const lower = ref.toLowerCase();
    for (let j = before - 1; j >= 0; j--) if (names[j].name === lower) return j;
    const n = /^\d+$/.test(ref) ? Number(ref) : -1;
    return n >= 0 && n < before ? n : undefined;
  };
  const needed = new Set<number>(stageChunks.length ? [stageChunks.length - 1] : []);
  for (let i = stageChunks.length - 1; i >= 0; i--) {
    if (!needed.has(i)) continue;
    const parent = byName(names[i].image, i);
    if (parent !== undefined) needed.add(parent);
    for (const chunk of stageChunks[i]) {
      if (chunk.keyword !== 'COPY' && chunk.keyword !== 'ADD') continue;
      const from = readChunk(text.slice(chunk.start, chunk.end), chunk.keyword, escape).flags.find((f) => f.name === 'from')?.value;
      const source = from !== undefined ? byName(from, i) : undefined;
      if (source !== undefined) needed.add(source);
    }
  }
  return needed;
}

function copyOf(keyword: 'COPY' | 'ADD', record: ChunkRecord, at: (r: OffsetRange) => OffsetRange, workdir: string, range: OffsetRange): DockerCopy | undefined {
  const items = record.args.filter((a) => !a.value.startsWith('--')).map((a) => ({ value: a.value, range: at(a.range) }));
  if (items.length < 2) return undefined;
  // Heredoc copies (`COPY <<EOF …`) create files from inline text, not from the context.
  if (items.some((i) => i.value.startsWith('<<'))) return undefined;
  const from = record.flags.find((f) => f.name === 'from')?.value;
  return { keyword, sources: items.slice(0, -1), dest: items[items.length - 1], ...(from ? { from: from.toLowerCase() } : {}), workdir, range };
}

function commandOf(path: string, keyword: 'CMD' | 'ENTRYPOINT', record: ChunkRecord, delta: number, at: (r: OffsetRange) => OffsetRange, range: OffsetRange): DockerCommand {
  const base = { keyword, range, keywordRange: at(record.keywordRange), argsRange: at(record.argsRange) };
  if (record.form === 'exec') return { ...base, form: 'exec', args: record.json.map((j) => shiftedText(j, path, delta)), text: undefined };
  return { ...base, form: record.form === 'malformed' ? 'malformed' : 'shell', args: [], text: record.text ? shiftedText(record.text, path, delta) : undefined };
}

/** `ENV X "a b"` and `ENV X='a'` store the unquoted value. */
function unquoteEnv(value: string): string {
  if (value.length >= 2 && ((value[0] === '"' && value.endsWith('"')) || (value[0] === "'" && value.endsWith("'")))) return value.slice(1, -1);
  return value;
}

/** Expands `$X` and `${X}` with values known from earlier ENV lines; unknown references stay as written. */
function substitute(value: string, env: ReadonlyMap<string, DockerEnvValue>): string {
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
