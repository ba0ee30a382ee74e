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
import { CONTROL_OPERATORS, type Assignment, type CommandLine, type CommandMode, type SimpleCommand, type Word, type Wrapper } from './model';
import { payloadText, shellPayloadIndex, SHELLS } from './payload';
import { argvWord, literalWord, sliceWord, toAssignment, toWord } from './words';

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

/** Longer texts are not start commands; parsing them only costs time. */
const MAX_COMMAND_LENGTH = 20_000;
const MAX_NESTING = 4;

export function parseCommandLine(parser: Parser, source: MappedText, mode: CommandMode = 'shell'): CommandLine {
  const out: Output = { commands: [], hasError: false, opaque: false };
  if (source.text.length > MAX_COMMAND_LENGTH) return { commands: [], hasError: false, opaque: true };
  const state: State = { cwd: '', env: new Map(), wrappers: [] };
  if (mode === 'shell') parseShellLayer(parser, source, state, out, 0);
  else parseExecLayer(parser, source, state, out);
  return out;
}

/**
 * An argv given directly (Docker exec form). Each argument comes with the mapped text it was decoded from.
 * `sh -c` payloads are parsed as shell.
 */
export function commandFromArgv(parser: Parser, args: readonly MappedText[], insertAt: number, encode: (s: string) => string): CommandLine {
  const out: Output = { commands: [], hasError: false, opaque: false };
  const words = args.map(argvWord);
  const state: State = { cwd: '', env: new Map(), wrappers: [] };
  pushCommand(parser, out, state, {
    range: words.length ? { start: words[0].range.start, end: words[words.length - 1].range.end } : { start: insertAt, end: insertAt },
    mode: 'exec',
    assignments: [],
    words,
    prefixAt: insertAt,
    encode,
    background: false,
    // Arguments reach the program as they are: an `sh -c` payload needs no quote removal.
    payload: (i) => args[i],
    depth: 0,
  });
  return out;
}

function parseShellLayer(parser: Parser, layer: MappedText, state: State, out: Output, depth: number): void {
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

function walkStatements(parser: Parser, node: Node, layer: MappedText, state: State, out: Output, depth: number): void {
  for (const child of node.children) {
    if (!child) continue;
    if (!child.isNamed) {
      if (child.type === '&') markLastBackground(out);
      continue;
    }
    walkStatement(parser, child, layer, state, out, depth);
  }
}

function walkStatement(parser: Parser, node: Node, layer: MappedText, state: State, out: Output, depth: number): void {
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
        walkStatement(parser, child, layer, afterOr ? cloneState(state) : state, out, depth);
      }
      return;
    }
    case 'redirected_statement': {
      const body = node.childForFieldName('body') ?? node.namedChildren.find((c) => c && c.type !== 'file_redirect' && c.type !== 'heredoc_redirect' && c.type !== 'herestring_redirect');
      if (body) walkStatement(parser, body, layer, state, out, depth);
      return;
    }
    case 'declaration_command': {
      if (node.child(0)?.type !== 'export') return;
      for (const child of node.namedChildren) {
        if (child?.type !== 'variable_assignment') continue;
        const assignment = toAssignment(child, layer);
        if (assignment) state.env.set(assignment.name, assignment.value);
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

function handleCommand(parser: Parser, node: Node, layer: MappedText, state: State, out: Output, depth: number): void {
  const assignments: Assignment[] = [];
  const words: Word[] = [];
  /** Where each word's source starts in `layer`. */
  const starts: number[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'variable_assignment') {
      const assignment = toAssignment(child, layer);
      if (assignment) assignments.push(assignment);
    } else if (child.type.endsWith('redirect')) {
      continue;
    } else {
      const wordNode = child.type === 'command_name' ? child.namedChild(0) : child;
      if (!wordNode) continue;
      words.push(toWord(wordNode, layer));
      starts.push(wordNode.startIndex);
    }
  }
  const range = layer.rangeToSource({ start: node.startIndex, end: node.endIndex });
  pushCommand(parser, out, state, {
    range,
    mode: 'shell',
    assignments,
    words,
    prefixAt: range.start,
    encode: layer.encode,
    background: false,
    payload: (i) => payloadText(layer, starts[i], words[i].raw),
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
  /** The text the inner shell reads from word `i` (an `sh -c` payload), mapped back to the file. */
  payload: (wordIndex: number) => MappedText;
  depth: number;
}

/** Takes wrappers apart (`exec`, `env`, `cd`, `sh -c`) and records what is left as a simple command. */
function pushCommand(parser: Parser, out: Output, state: State, cmd: Pending): void {
  let words = cmd.words;
  let offset = 0;
  const assignments = [...cmd.assignments];
  const program = (): string | undefined => (words[0]?.value !== undefined ? basename(words[0].value) : undefined);
  const skip = (n: number): void => {
    words = words.slice(n);
    offset += n;
  };

  for (let guard = 0; guard < 8 && words.length; guard++) {
    const name = program();
    if (name === 'exec' || name === 'nohup' || name === 'command' || name === 'builtin') {
      skip(1);
      if (name === 'exec') while (words[0]?.value?.startsWith('-')) skip(words[0].value === '-a' ? 2 : 1);
      continue;
    }
    if (name === 'env') {
      skip(1);
      while (words.length) {
        const v = words[0].value;
        if (v === '--') {
          skip(1);
          break;
        }
        if (v === '-u' || v === '--unset') skip(2);
        else if (v?.startsWith('-')) skip(1);
        else if (v !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
          const eq = v.indexOf('=');
          assignments.push({ name: v.slice(0, eq), range: words[0].range, value: sliceWord(words[0], eq + 1) });
          skip(1);
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
      const innerState: State = {
        cwd: state.cwd,
        env: withAssignments(state.env, assignments),
        wrappers: [...state.wrappers, { shell: words[0], payload: words[payloadIndex] }],
      };
      parseShellLayer(parser, cmd.payload(offset + payloadIndex), innerState, out, cmd.depth + 1);
      return;
    }
  }

  // In exec mode the only assignments are those of `env NAME=value`, which do reach the program.
  out.commands.push({
    range: cmd.range,
    mode: cmd.mode,
    assignments,
    words,
    cwd: state.cwd,
    env: withAssignments(state.env, assignments),
    prefixAt: cmd.prefixAt,
    encode: cmd.encode,
    wrappers: state.wrappers,
    background: cmd.background,
  });
}

function withAssignments(env: ReadonlyMap<string, Word | undefined>, assignments: readonly Assignment[]): Map<string, Word | undefined> {
  const next = new Map(env);
  for (const a of assignments) next.set(a.name, a.value);
  return next;
}

/** Exec mode: the whole text is one argv (no operators, no expansion) unless it is `sh -c …`. */
function parseExecLayer(parser: Parser, layer: MappedText, state: State, out: Output): void {
  const tree = parser.parse(layer.text);
  if (!tree) {
    out.opaque = true;
    return;
  }
  try {
    if (tree.rootNode.hasError) out.hasError = true;
    const nodes: Node[] = [];
    collectExecNodes(tree.rootNode, nodes);
    if (!nodes.length) return;
    const words = nodes.map((n) => (n.isNamed ? toWord(n, layer) : literalWord(n, layer)));
    pushCommand(parser, out, state, {
      range: { start: words[0].range.start, end: words[words.length - 1].range.end },
      mode: 'exec',
      assignments: [],
      words,
      prefixAt: words[0].range.start,
      encode: layer.encode,
      background: false,
      payload: (i) => payloadText(layer, nodes[i].startIndex, words[i].raw),
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

/** The nodes that are words of an exec-form argv: words, and operators (`&&`), which are just arguments there. */
function collectExecNodes(node: Node, out: Node[]): void {
  for (const child of node.children) {
    if (!child) continue;
    if (WORD_TYPES.has(child.type) || (!child.isNamed && CONTROL_OPERATORS.has(child.type))) out.push(child);
    else collectExecNodes(child, out);
  }
}
