/**
 * Words of a command line with their file ranges: from tree-sitter-bash nodes (quotes removed, backslash escapes
 * decoded, `$VAR` / `${VAR:-x}` as variable parts) and from exec-form arguments, where no shell expands anything.
 */

import type { Node } from '@vscode/tree-sitter-wasm';
import { verbatimText, type MappedText } from '../text';
import type { OffsetRange } from '../types';
import type { Assignment, Word, WordPart } from './model';

/** The word a tree-sitter-bash node stands for, read from `layer` (the text the parser saw). */
export function toWord(node: Node, layer: MappedText): Word {
  const parts: WordPart[] = [];
  collectParts(node, layer, parts);
  const merged = mergeLiterals(parts);
  const value = merged.every((p) => p.kind === 'literal') ? merged.map((p) => (p.kind === 'literal' ? p.text : '')).join('') : undefined;
  return { range: layer.rangeToSource({ start: node.startIndex, end: node.endIndex }), raw: node.text, value, parts: merged };
}

/** A `variable_assignment` node (`NAME=value`). */
export function toAssignment(node: Node, layer: MappedText): Assignment | undefined {
  const nameNode = node.childForFieldName('name') ?? node.namedChild(0);
  if (!nameNode) return undefined;
  const valueNode = node.childForFieldName('value');
  const end = layer.rangeToSource({ start: node.endIndex, end: node.endIndex });
  return {
    name: nameNode.text,
    range: layer.rangeToSource({ start: node.startIndex, end: node.endIndex }),
    value: valueNode ? toWord(valueNode, layer) : { range: end, raw: '', value: '', parts: [] },
  };
}

/** A node's text taken literally (`&&` in exec mode, where it is just an argument). */
export function literalWord(node: Node, layer: MappedText): Word {
  const range = layer.rangeToSource({ start: node.startIndex, end: node.endIndex });
  return { range, raw: node.text, value: node.text, parts: [{ kind: 'literal', text: node.text, range, at: (i) => layer.toSource(node.startIndex + i) }] };
}

/** A word of an exec-form argv: literal text, with `$NAME` / `${NAME}` marked because no shell will expand them. */
export function argvWord(arg: MappedText): Word {
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
    const m = BRACED.exec(inner);
    const range = arg.rangeToSource({ start: i, end });
    parts.push(m ? { kind: 'variable', name: m[1], range, ...(m[2] ? { operator: m[2], fallback: m[3] } : {}) } : { kind: 'variable', name: inner, range });
    literalStart = end;
    i = end - 1;
  }
  flush(text.length);
  const full = arg.rangeToSource({ start: 0, end: text.length });
  return { range: full, raw: text, value: parts.some((p) => p.kind !== 'literal') ? undefined : text, parts };
}

/** A word for text the engine writes itself (a fix's new arguments): `$NAME` and `${NAME:-x}` are variables. */
export function wordFromText(text: string): Word {
  return argvWord(verbatimText('', text, 0));
}

/** `NAME`, `NAME:-fallback`, `NAME=x`, … inside `${…}`. */
const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=?+])(.*))?$/s;

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

/** The part of a word after its first `n` characters (`B=2` → `2`), for `env` assignments. */
export function sliceWord(word: Word, n: number): Word | undefined {
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

const EXPANSION_OPERATORS = new Set([':-', '-', ':=', '=', ':?', '?', ':+', '+']);

function collectParts(node: Node, layer: MappedText, parts: WordPart[]): void {
  const s = node.startIndex;
  const e = node.endIndex;
  const whole = (): OffsetRange => layer.rangeToSource({ start: s, end: e });
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
      if (name && name.type === 'variable_name') parts.push({ kind: 'variable', name: name.text, range: whole() });
      else parts.push({ kind: 'dynamic', range: whole() });
      return;
    }
    case 'expansion': {
      // `${NAME}` or `${NAME<op>fallback}`: the name must be the first child after `${`.
      const children = node.children.filter((c): c is Node => !!c);
      const name = children[1]?.type === 'variable_name' ? children[1] : undefined;
      const op = name ? children[2] : undefined;
      if (name && (!op || op.type === '}')) parts.push({ kind: 'variable', name: name.text, range: whole() });
      else if (name && op && EXPANSION_OPERATORS.has(op.type)) {
        const fallback = layer.text.slice(op.endIndex, e - 1);
        parts.push({ kind: 'variable', name: name.text, operator: op.type, fallback: unquote(fallback), range: whole() });
      } else parts.push({ kind: 'dynamic', range: whole() });
      return;
    }
    default:
      parts.push({ kind: 'dynamic', range: whole() });
  }
}

function unquote(text: string): string {
  if (text.length >= 2 && ((text[0] === '"' && text.endsWith('"')) || (text[0] === "'" && text.endsWith("'")))) return text.slice(1, -1);
  return text;
}

/** Adds literal text read from the layer at `start`, removing backslash escapes as the shell does. */
function pushLiteral(parts: WordPart[], layer: MappedText, start: number, source: string, raw: boolean, inDoubleQuotes = false): void {
  if (raw || !source.includes('\\')) {
    parts.push({
      kind: 'literal',
      text: source,
      range: layer.rangeToSource({ start, end: start + source.length }),
      at: (i) => (i >= 0 && i <= source.length ? layer.toSource(start + i) : undefined),
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
    range: layer.rangeToSource({ start, end: start + source.length }),
    at: (i) => (i >= 0 && i < map.length ? layer.toSource(map[i]) : i === map.length ? layer.toSource(start + source.length) : undefined),
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
