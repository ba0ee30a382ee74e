/**
 * Start command → simple commands, through tree-sitter-bash. Follows what a shell would do before the program
 * starts: prefix assignments, `export`, `cd dir &&`, `exec`, `env X=1`, and `sh -c '…'` payloads (re-parsed with
 * offsets mapped back into the file). Everything it does not follow (`if`, loops, functions) marks the
 * command line opaque, so rules can stay silent rather than guess.
 */

import type { Node, Parser } from '@vscode/tree-sitter-wasm';
import { basename, joinPath } from '../files';
import type { MappedText } from '../text';
import type { OffsetRange } from '../types';
import type { Assignment, CommandLine, CommandMode, SimpleCommand, Word, WordPart, Wrapper } from './model';

/** A text the parser reads, with a way back to file offsets. */
interface Layer {
  readonly text: string;
  toFile(i: number): number;
  rangeToFile(r: OffsetRange): OffsetRange;
  encode(s: string): string;
}

interface State {
  cwd: string | undefined;
  env: Map<string, Word | undefined>;
  wrappers: Wrapper[];
}

interface Output {
  commands: SimpleCommand[];
  hasError: boolean;
  opaque: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh']);
/** Longer texts are not start commands; parsing them only costs time. */
const MAX_COMMAND_LENGTH = 20_000;
const MAX_NESTING = 4;

export function parseCommandLine(parser: Parser, source: MappedText, mode: CommandMode = 'shell'): CommandLine {
  const out: Output = { commands: [], hasError: false, opaque: false };
  if (source.text.length > MAX_COMMAND_LENGTH) return { commands: [], hasError: false, opaque: true };
  const layer: Layer = { text: source.text, toFile: source.toSource, rangeToFile: source.rangeToSource, encode: source.encode };
  const state: State = { cwd: '', env: new Map(), wrappers: [] };
  if (mode === 'shell') parseShellLayer(parser, layer, state, out, 0);
  else parseExecLayer(parser, layer, state, out);
  return out;
}

/**
 * An argv given directly (Docker exec form). Each argument comes with the mapped text it was decoded from.
 * `sh -c` payloads are parsed as shell.
 */
export function commandFromArgv(parser: Parser, args: readonly MappedText[], insertAt: number, encode: (s: string) => string): CommandLine {
  const out: Output = { commands: [], hasError: false, opaque: false };
  const words = args.map(execWord);
  const state: State = { cwd: '', env: new Map(), wrappers: [] };
  pushCommand(parser, out, state, {
    range: words.length ? { start: words[0].range.start, end: words[words.length - 1].range.end } : { start: insertAt, end: insertAt },
    mode: 'exec',
    assignments: [],
    words,
    prefixAt: insertAt,
    encode,
    background: false,
    layerOf: (i) => argLayer(args[i]),
    verbatimArgs: true,
    depth: 0,
  });
  return out;
}

function argLayer(arg: MappedText): Layer {
  return { text: arg.text, toFile: arg.toSource, rangeToFile: arg.rangeToSource, encode: arg.encode };
}

/** A word of an exec-form argv: literal text, with `$NAME` / `${NAME}` marked because no shell will expand them. */
function execWord(arg: MappedText): Word {
  const parts: WordPart[] = [];
  const text = arg.text;
  let literalStart = 0;
  const flush = (end: number): void => {
    if (end > literalStart) {
      const from = literalStart;
      parts.push({
        kind: 'literal',
        text: text.slice(from, end),
        range: arg.rangeToSource({ start: from, end }),
        at: (i) => arg.toSource(from + i),
      });
    }
  };
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 36 /* $ */) continue;
    const end = variableEnd(text, i);
    if (end === i) continue;
    flush(i);
    const inner = text[i + 1] === '{' ? text.slice(i + 2, end - 1) : text.slice(i + 1, end);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=?+])(.*))?$/s.exec(inner);
    const range = arg.rangeToSource({ start: i, end });
    parts.push(m ? { kind: 'variable', name: m[1], range, ...(m[2] ? { operator: m[2], fallback: m[3] } : {}) } : { kind: 'variable', name: inner, range });
    literalStart = end;
    i = end - 1;
  }
  flush(text.length);
  const full = arg.rangeToSource({ start: 0, end: text.length });
  return { range: full, raw: text, value: parts.some((p) => p.kind !== 'literal') ? undefined : text, parts };
}

/** End of a `$NAME` or `${…}` reference starting at `i`, or `i` when there is none. */
function variableEnd(text: string, i: number): number {
  if (text[i + 1] === '{') {
    const close = text.indexOf('}', i + 2);
    return close < 0 ? i : close + 1;
  }
  let j = i + 1;
  while (j < text.length && /[A-Za-z0-9_]/.test(text[j]) && !(j === i + 1 && /[0-9]/.test(text[j]))) j++;
  return j;
}

function parseShellLayer(parser: Parser, layer: Layer, state: State, out: Output, depth: number): void {
  const tree = parser.parse(layer.text);
  if (!tree) {
    out.opaque = true;
    return;
  }
  try {
    if (tree.rootNode.hasError) out.hasError = true;
    walkStatements(parser, tree.rootNode, layer, state, out, depth);
  } finally {
    tree.delete();
  }
}

function walkStatements(parser: Parser, node: Node, layer: Layer, state: State, out: Output, depth: number): void {
  for (const child of node.children) {
    if (!child) continue;
    if (!child.isNamed) {
      if (child.type === '&') markLastBackground(out);
      continue;
    }
    walkStatement(parser, child, layer, state, out, depth);
  }
}

function walkStatement(parser: Parser, node: Node, layer: Layer, state: State, out: Output, depth: number): void {
  switch (node.type) {
    case 'command':
      handleCommand(parser, node, layer, state, out, depth);
      return;
    case 'list': {
      let afterOr = false;
      for (const child of node.children) {
        if (!child) continue;
        if (!child.isNamed) {
          afterOr = child.type === '||';
          continue;
        }
        // Commands after `||` run only when the earlier ones fail; follow them without letting them change state.
        if (afterOr) walkStatement(parser, child, layer, cloneState(state), out, depth);
        else walkStatement(parser, child, layer, state, out, depth);
      }
      return;
    }
    case 'redirected_statement': {
      const body = node.childForFieldName('body') ?? node.namedChildren.find((c) => c && c.type !== 'file_redirect' && c.type !== 'heredoc_redirect' && c.type !== 'herestring_redirect');
      if (body) walkStatement(parser, body, layer, state, out, depth);
      return;
    }
    case 'declaration_command': {
      const keyword = node.child(0)?.type;
      if (keyword === 'export') {
        for (const child of node.namedChildren) {
          if (child?.type !== 'variable_assignment') continue;
          const assignment = toAssignment(child, layer);
          if (assignment) state.env.set(assignment.name, assignment.value);
        }
      }
      return;
    }
    case 'variable_assignment':
    case 'variable_assignments':
    case 'comment':
      return;
    case 'pipeline':
      // `gunicorn … | tee log`: the commands still run, but the engine does not model pipes.
      for (const child of node.namedChildren) if (child) walkStatement(parser, child, layer, cloneState(state), out, depth);
      return;
    case 'subshell':
    case 'compound_statement':
      walkStatements(parser, node, layer, node.type === 'subshell' ? cloneState(state) : state, out, depth);
      return;
    case 'ERROR':
      out.hasError = true;
      return;
    default:
      out.opaque = true;
  }
}

function cloneState(state: State): State {
  return { cwd: state.cwd, env: new Map(state.env), wrappers: state.wrappers };
}

function markLastBackground(out: Output): void {
  const last = out.commands[out.commands.length - 1];
  if (last) out.commands[out.commands.length - 1] = { ...last, background: true };
}

function handleCommand(parser: Parser, node: Node, layer: Layer, state: State, out: Output, depth: number): void {
  const assignments: Assignment[] = [];
  const words: Word[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'variable_assignment') {
      const assignment = toAssignment(child, layer);
      if (assignment) assignments.push(assignment);
    } else if (child.type === 'command_name') {
      const inner = child.namedChild(0);
      if (inner) words.push(toWord(inner, layer));
    } else if (child.type.endsWith('redirect')) {
      continue;
    } else {
      words.push(toWord(child, layer));
    }
  }
  const range = layer.rangeToFile({ start: node.startIndex, end: node.endIndex });
  pushCommand(parser, out, state, {
    range,
    mode: 'shell',
    assignments,
    words,
    prefixAt: range.start,
    encode: layer.encode,
    background: false,
    layerOf: () => layer,
    depth,
  });
}

interface Pending {
  range: OffsetRange;
  mode: CommandMode;
  assignments: Assignment[];
  words: Word[];
  prefixAt: number;
  encode: (s: string) => string;
  background: boolean;
  /** The layer a word came from, for re-parsing `sh -c` payloads. */
  layerOf: (wordIndex: number) => Layer;
  /** Arguments reach the program as they are (exec-form JSON): an `sh -c` payload needs no quote removal. */
  verbatimArgs?: boolean;
  depth: number;
}

/** Takes wrappers apart (`exec`, `env`, `cd`, `sh -c`) and records what is left as a simple command. */
function pushCommand(parser: Parser, out: Output, state: State, cmd: Pending): void {
  let words = cmd.words;
  let offset = 0;
  const assignments = [...cmd.assignments];
  const program = (): string | undefined => (words[0]?.value !== undefined ? basename(words[0].value) : undefined);

  for (let guard = 0; guard < 8 && words.length; guard++) {
    const name = program();
    if (name === 'exec' || name === 'nohup' || name === 'command' || name === 'builtin') {
      words = words.slice(1);
      offset++;
      if (name === 'exec') while (words[0]?.value?.startsWith('-')) ({ words, offset } = skip(words, offset, words[0].value === '-a' ? 2 : 1));
      continue;
    }
    if (name === 'env') {
      words = words.slice(1);
      offset++;
      while (words.length) {
        const v = words[0].value;
        if (v === '--') {
          ({ words, offset } = skip(words, offset, 1));
          break;
        }
        if (v === '-u' || v === '--unset') ({ words, offset } = skip(words, offset, 2));
        else if (v?.startsWith('-')) ({ words, offset } = skip(words, offset, 1));
        else if (v !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
          const eq = v.indexOf('=');
          assignments.push({ name: v.slice(0, eq), range: words[0].range, value: sliceWord(words[0], eq + 1) });
          ({ words, offset } = skip(words, offset, 1));
        } else break;
      }
      continue;
    }
    break;
  }
  if (!words.length) {
    // `X=1` alone, or `exec` with nothing after it.
    return;
  }

  const name = program();
  if (name === 'cd' && cmd.mode === 'shell') {
    const target = words[1]?.value;
    if (target === undefined || target.startsWith('-') || target.startsWith('~')) state.cwd = words.length > 1 ? undefined : state.cwd;
    else state.cwd = state.cwd === undefined ? undefined : target.startsWith('/') ? undefined : joinPath(state.cwd, target);
    return;
  }
  if (name !== undefined && SHELLS.has(name)) {
    const payloadIndex = shellPayloadIndex(words);
    if (payloadIndex !== undefined && cmd.depth < MAX_NESTING) {
      const payloadWord = words[payloadIndex];
      const inner = cmd.verbatimArgs ? cmd.layerOf(offset + payloadIndex) : payloadLayer(cmd.layerOf(offset + payloadIndex), payloadWord);
      if (inner) {
        const innerState: State = {
          cwd: state.cwd,
          env: withAssignments(state.env, assignments),
          wrappers: [...state.wrappers, { shell: words[0], payload: payloadWord }],
        };
        parseShellLayer(parser, inner, innerState, out, cmd.depth + 1);
        return;
      }
      out.opaque = true;
      return;
    }
  }

  // In exec mode the only assignments are those of `env NAME=value`, which do reach the program.
  const env = withAssignments(state.env, assignments);
  out.commands.push({
    range: cmd.range,
    mode: cmd.mode,
    assignments,
    words,
    cwd: state.cwd,
    env,
    prefixAt: cmd.prefixAt,
    encode: cmd.encode,
    wrappers: state.wrappers,
    background: cmd.background,
  });
}

function skip(words: Word[], offset: number, n: number): { words: Word[]; offset: number } {
  return { words: words.slice(n), offset: offset + n };
}

function withAssignments(env: ReadonlyMap<string, Word | undefined>, assignments: readonly Assignment[]): Map<string, Word | undefined> {
  const next = new Map(env);
  for (const a of assignments) next.set(a.name, a.value);
  return next;
}

/** Index of the payload in `sh [-opts] -c PAYLOAD [$0 …]`, when there is one. */
function shellPayloadIndex(words: readonly Word[]): number | undefined {
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

/** The characters of a quoted word as the inner shell will read them, with a map back to the outer layer. */
function payloadLayer(outer: Layer, word: Word): Layer | undefined {
  // Work from the outer text: the word's raw source.
  const start = findRawStart(outer, word);
  if (start === undefined) return undefined;
  const raw = word.raw;
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let quote: '"' | "'" | undefined;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (quote === "'") {
      if (c === "'") {
        quote = undefined;
        i++;
        continue;
      }
      chars.push(c);
      starts.push(start + i);
      ends.push(start + i + 1);
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
        chars.push(n);
        starts.push(start + i);
        ends.push(start + i + 2);
        i += 2;
        continue;
      }
    }
    chars.push(c);
    starts.push(start + i);
    ends.push(start + i + 1);
    i++;
  }
  const text = chars.join('');
  const tail = start + raw.length - (raw.endsWith("'") || raw.endsWith('"') ? 1 : 0);
  const quoteKind = raw.startsWith("'") ? "'" : raw.startsWith('"') ? '"' : undefined;
  const toOuter = (k: number): number => (k >= text.length ? tail : starts[Math.max(0, k)]);
  return {
    text,
    toFile: (k) => outer.toFile(toOuter(k)),
    rangeToFile: (r) => {
      if (r.end <= r.start) {
        const at = outer.toFile(toOuter(r.start));
        return { start: at, end: at };
      }
      const last = Math.min(r.end, text.length) - 1;
      return { start: outer.toFile(toOuter(r.start)), end: outer.rangeToFile({ start: starts[last], end: ends[last] }).end };
    },
    encode: (s) => outer.encode(quoteKind === "'" ? s.replace(/'/g, `'\\''`) : quoteKind === '"' ? s.replace(/(["\\`])/g, '\\$1') : s),
  };
}

/** Where a word's raw text starts in the layer it was parsed from. */
function findRawStart(layer: Layer, word: Word): number | undefined {
  // Words keep file ranges; find the layer offset whose file offset is the word's start.
  const target = word.range.start;
  let lo = 0;
  let hi = layer.text.length;
  // File offsets grow with layer offsets, so a binary search finds it.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (layer.toFile(mid) < target) lo = mid + 1;
    else hi = mid;
  }
  return layer.text.startsWith(word.raw, lo) ? lo : undefined;
}

function toAssignment(node: Node, layer: Layer): Assignment | undefined {
  const nameNode = node.childForFieldName('name') ?? node.namedChild(0);
  if (!nameNode) return undefined;
  const valueNode = node.childForFieldName('value');
  return {
    name: nameNode.text,
    range: layer.rangeToFile({ start: node.startIndex, end: node.endIndex }),
    value: valueNode ? toWord(valueNode, layer) : emptyWord(layer.rangeToFile({ start: node.endIndex, end: node.endIndex })),
  };
}

function emptyWord(range: OffsetRange): Word {
  return { range, raw: '', value: '', parts: [] };
}

/** The part of a word after its first `n` characters (`B=2` → `2`), for `env` assignments. */
function sliceWord(word: Word, n: number): Word | undefined {
  const first = word.parts[0];
  if (word.parts.length !== 1 || first.kind !== 'literal') return undefined;
  const at = first.at(n);
  const start = at ?? word.range.start;
  return {
    range: { start, end: word.range.end },
    raw: word.raw.slice(n),
    value: first.text.slice(n),
    parts: [{ kind: 'literal', text: first.text.slice(n), range: { start, end: word.range.end }, at: (i) => first.at(n + i) }],
  };
}

export function toWord(node: Node, layer: Layer): Word {
  const parts: WordPart[] = [];
  collectParts(node, layer, parts);
  const merged = mergeLiterals(parts);
  const value = merged.every((p) => p.kind === 'literal') ? merged.map((p) => (p.kind === 'literal' ? p.text : '')).join('') : undefined;
  return { range: layer.rangeToFile({ start: node.startIndex, end: node.endIndex }), raw: node.text, value, parts: merged };
}

function collectParts(node: Node, layer: Layer, parts: WordPart[]): void {
  const s = node.startIndex;
  const e = node.endIndex;
  switch (node.type) {
    case 'word':
    case 'number':
      pushLiteral(parts, layer, s, node.text, false);
      return;
    case 'raw_string':
      if (node.text.length >= 2) pushLiteral(parts, layer, s + 1, node.text.slice(1, -1), true);
      return;
    case 'string':
      for (const child of node.children) {
        if (!child) continue;
        if (child.type === 'string_content') pushLiteral(parts, layer, child.startIndex, child.text, false, true);
        else if (child.isNamed) collectParts(child, layer, parts);
      }
      return;
    case 'concatenation':
      for (const child of node.children) if (child) collectParts(child, layer, parts);
      return;
    case 'variable_assignment': {
      // Only in exec mode, where `NAME=value` is just a word.
      const value = node.childForFieldName('value');
      const head = value ? layer.text.slice(s, value.startIndex) : node.text;
      pushLiteral(parts, layer, s, head, true);
      if (value) collectParts(value, layer, parts);
      return;
    }
    case 'simple_expansion': {
      const name = node.namedChild(0);
      if (name && name.type === 'variable_name') parts.push({ kind: 'variable', name: name.text, range: layer.rangeToFile({ start: s, end: e }) });
      else parts.push({ kind: 'dynamic', range: layer.rangeToFile({ start: s, end: e }) });
      return;
    }
    case 'expansion': {
      const name = node.namedChildren.find((c) => c?.type === 'variable_name');
      const children = node.children.filter((c): c is Node => !!c);
      const nameIndex = name ? children.findIndex((c) => c.equals(name)) : -1;
      const op = nameIndex >= 0 ? children[nameIndex + 1] : undefined;
      if (!name || nameIndex !== 1) {
        parts.push({ kind: 'dynamic', range: layer.rangeToFile({ start: s, end: e }) });
        return;
      }
      if (!op || op.type === '}') {
        parts.push({ kind: 'variable', name: name.text, range: layer.rangeToFile({ start: s, end: e }) });
        return;
      }
      if ([':-', '-', ':=', '=', ':?', '?', ':+', '+'].includes(op.type)) {
        const fallback = layer.text.slice(op.endIndex, e - 1);
        parts.push({ kind: 'variable', name: name.text, operator: op.type, fallback: unquote(fallback), range: layer.rangeToFile({ start: s, end: e }) });
        return;
      }
      parts.push({ kind: 'dynamic', range: layer.rangeToFile({ start: s, end: e }) });
      return;
    }
    default:
      parts.push({ kind: 'dynamic', range: layer.rangeToFile({ start: s, end: e }) });
  }
}

function unquote(text: string): string {
  if (text.length >= 2 && ((text[0] === '"' && text.endsWith('"')) || (text[0] === "'" && text.endsWith("'")))) return text.slice(1, -1);
  return text;
}

/** Adds literal text read from the layer at `start`, removing backslash escapes as the shell does. */
function pushLiteral(parts: WordPart[], layer: Layer, start: number, source: string, raw: boolean, inDoubleQuotes = false): void {
  if (raw || !source.includes('\\')) {
    parts.push({
      kind: 'literal',
      text: source,
      range: layer.rangeToFile({ start, end: start + source.length }),
      at: (i) => (i >= 0 && i <= source.length ? layer.toFile(start + i) : undefined),
    });
    return;
  }
  let text = '';
  const map: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length) {
      const n = source[i + 1];
      if (n === '\n') {
        i++;
        continue;
      }
      if (!inDoubleQuotes || '"\\$`'.includes(n)) {
        map.push(start + i);
        text += n;
        i++;
        continue;
      }
    }
    map.push(start + i);
    text += c;
  }
  parts.push({
    kind: 'literal',
    text,
    range: layer.rangeToFile({ start, end: start + source.length }),
    at: (i) => (i >= 0 && i < map.length ? layer.toFile(map[i]) : i === map.length ? layer.toFile(start + source.length) : undefined),
  });
}

function mergeLiterals(parts: WordPart[]): WordPart[] {
  const out: WordPart[] = [];
  for (const part of parts) {
    const prev = out[out.length - 1];
    if (part.kind === 'literal' && prev?.kind === 'literal') {
      const a = prev;
      const b = part;
      out[out.length - 1] = {
        kind: 'literal',
        text: a.text + b.text,
        range: { start: a.range.start, end: b.range.end },
        at: (i) => (i < a.text.length ? a.at(i) : b.at(i - a.text.length)),
      };
    } else out.push(part);
  }
  return out;
}

/** Exec mode: the whole text is one argv (no operators, no expansion) unless it is `sh -c …`. */
function parseExecLayer(parser: Parser, layer: Layer, state: State, out: Output): void {
  const tree = parser.parse(layer.text);
  if (!tree) {
    out.opaque = true;
    return;
  }
  try {
    if (tree.rootNode.hasError) out.hasError = true;
    const words: Word[] = [];
    collectExecWords(tree.rootNode, layer, words);
    if (!words.length) return;
    pushCommand(parser, out, state, {
      range: { start: words[0].range.start, end: words[words.length - 1].range.end },
      mode: 'exec',
      assignments: [],
      words,
      prefixAt: words[0].range.start,
      encode: layer.encode,
      background: false,
      layerOf: () => layer,
      depth: 0,
    });
  } finally {
    tree.delete();
  }
}

const WORD_TYPES = new Set([
  'word',
  'number',
  'string',
  'raw_string',
  'concatenation',
  'simple_expansion',
  'expansion',
  'command_substitution',
  'ansi_c_string',
  'variable_assignment',
]);

function collectExecWords(node: Node, layer: Layer, words: Word[]): void {
  for (const child of node.children) {
    if (!child) continue;
    if (WORD_TYPES.has(child.type)) words.push(toWord(child, layer));
    else if (!child.isNamed && /^(&&|\|\||;|\||&)$/.test(child.type)) words.push(literalWord(child, layer));
    else collectExecWords(child, layer, words);
  }
}

function literalWord(node: Node, layer: Layer): Word {
  const range = layer.rangeToFile({ start: node.startIndex, end: node.endIndex });
  return { range, raw: node.text, value: node.text, parts: [{ kind: 'literal', text: node.text, range, at: (i) => layer.toFile(node.startIndex + i) }] };
}
