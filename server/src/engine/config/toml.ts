/** railway.toml → config tree, through toml-eslint-parser (a range for every key and value; TOML 1.0). */

import { parseTOML, type AST } from 'toml-eslint-parser';
import { verbatimText } from '../text';
import { decodeString, escapeBasic, quoteBasic, type ConfigDocument, type ConfigEntry, type ConfigNode, type ConfigObject } from './tree';

type MutableObject = { kind: 'object'; range: { start: number; end: number }; entries: Map<string, ConfigEntry> };

export function parseTomlConfig(path: string, text: string): ConfigDocument {
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(text, { tomlVersion: '1.0.0' } as Parameters<typeof parseTOML>[1]);
  } catch (error) {
    const e = error as { index?: number; message?: string };
    const at = typeof e.index === 'number' ? Math.min(Math.max(0, e.index), text.length) : 0;
    return { path, format: 'toml', root: undefined, errors: [{ message: tomlMessage(e.message ?? String(error)), range: errorRange(text, at) }], statementStarts: [] };
  }
  const root: MutableObject = { kind: 'object', range: { start: 0, end: text.length }, entries: new Map() };
  const starts: number[] = [];
  const top = program.body[0];
  for (const item of top.body) {
    starts.push(item.range[0]);
    if (item.type === 'TOMLKeyValue') {
      addKeyValue(path, text, root, item);
      continue;
    }
    const target = tableTarget(root, item);
    if (!target) continue;
    for (const kv of item.body) {
      starts.push(kv.range[0]);
      addKeyValue(path, text, target, kv);
    }
  }
  return { path, format: 'toml', root: root as ConfigObject, errors: [], statementStarts: starts };
}

/** The object a `[a.b]` or `[[a.b]]` header opens, creating the path. */
function tableTarget(root: MutableObject, table: AST.TOMLTable): MutableObject | undefined {
  let current: MutableObject = root;
  const keys = table.key.keys;
  for (let i = 0; i < keys.length; i++) {
    const part = keys[i];
    const name = keyName(part);
    const last = i === keys.length - 1;
    const existing = current.entries.get(name);
    const range = { start: part.range[0], end: part.range[1] };
    if (last && table.kind === 'array') {
      const obj: MutableObject = { kind: 'object', range: { start: table.range[0], end: table.range[1] }, entries: new Map() };
      const items = existing?.value.kind === 'array' ? [...existing.value.items, obj as ConfigObject] : [obj as ConfigObject];
      current.entries.set(name, { key: name, keyRange: range, value: { kind: 'array', range: { start: table.range[0], end: table.range[1] }, items }, range: { start: table.range[0], end: table.range[1] } });
      return obj;
    }
    if (existing?.value.kind === 'object') {
      current = existing.value as MutableObject;
      continue;
    }
    if (existing?.value.kind === 'array') {
      const lastItem = existing.value.items[existing.value.items.length - 1];
      if (lastItem?.kind !== 'object') return undefined;
      current = lastItem as MutableObject;
      continue;
    }
    const obj: MutableObject = { kind: 'object', range: { start: table.range[0], end: table.range[1] }, entries: new Map() };
    current.entries.set(name, { key: name, keyRange: range, value: obj as ConfigObject, range: { start: table.range[0], end: table.range[1] } });
    current = obj;
  }
  return current;
}

function addKeyValue(path: string, text: string, target: MutableObject, kv: AST.TOMLKeyValue): void {
  let current = target;
  const keys = kv.key.keys;
  for (let i = 0; i < keys.length - 1; i++) {
    const name = keyName(keys[i]);
    const existing = current.entries.get(name);
    if (existing?.value.kind === 'object') {
      current = existing.value as MutableObject;
      continue;
    }
    const obj: MutableObject = { kind: 'object', range: { start: kv.range[0], end: kv.range[1] }, entries: new Map() };
    current.entries.set(name, { key: name, keyRange: { start: keys[i].range[0], end: keys[i].range[1] }, value: obj as ConfigObject, range: { start: kv.range[0], end: kv.range[1] } });
    current = obj;
  }
  const last = keys[keys.length - 1];
  const name = keyName(last);
  current.entries.set(name, {
    key: name,
    keyRange: { start: last.range[0], end: last.range[1] },
    value: toNode(path, text, kv.value),
    range: { start: kv.range[0], end: kv.range[1] },
  });
}

function keyName(part: AST.TOMLBare | AST.TOMLQuoted): string {
  return part.type === 'TOMLBare' ? part.name : part.value;
}

function toNode(path: string, text: string, node: AST.TOMLContentNode): ConfigNode {
  const range = { start: node.range[0], end: node.range[1] };
  if (node.type === 'TOMLArray') return { kind: 'array', range, items: node.elements.map((e) => toNode(path, text, e)) };
  if (node.type === 'TOMLInlineTable') {
    const obj: MutableObject = { kind: 'object', range, entries: new Map() };
    for (const kv of node.body) addKeyValue(path, text, obj, kv);
    return obj as ConfigObject;
  }
  switch (node.kind) {
    case 'string': {
      const quote = node.multiline ? 3 : 1;
      const escapes = node.style === 'basic' ? 'toml-basic' : 'toml-literal';
      const encode = node.style === 'basic' ? escapeBasic : (s: string) => s;
      const mapped =
        decodeString(path, text, range.start, range.end, quote, escapes, node.value, encode) ??
        verbatimText(path, node.value, range.start + quote, encode);
      return {
        kind: 'string',
        range,
        value: node.value,
        text: mapped,
        rewrite: (value) => ({ file: path, range, text: tomlString(value, node.style) }),
      };
    }
    case 'integer':
    case 'float':
      return { kind: 'number', range, value: node.value };
    case 'boolean':
      return { kind: 'boolean', range, value: node.value };
    default:
      return { kind: 'other', range };
  }
}

/** A TOML string literal for `value`, keeping the literal style when the value allows it. */
function tomlString(value: string, style: 'basic' | 'literal'): string {
  if (style === 'literal' && !/['\r\n]/.test(value)) return `'${value}'`;
  return quoteBasic(value);
}

function tomlMessage(message: string): string {
  const text = message.replace(/\s*\(\d+:\d+\)\s*$/, '').trim();
  return `TOML syntax error: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

function errorRange(text: string, at: number): { start: number; end: number } {
  // Underline the character at the error, or the previous one at the end of a line or file.
  if (at < text.length && text[at] !== '\n' && text[at] !== '\r') return { start: at, end: at + 1 };
  return at > 0 ? { start: at - 1, end: at } : { start: 0, end: Math.min(1, text.length) };
}
