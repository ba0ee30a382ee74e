/** railway.json → config tree, through jsonc-parser (offset and length of every node; error recovery). */

import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { verbatimText } from '../text';
import { decodeString, escapeBasic, quoteBasic, type ConfigDocument, type ConfigEntry, type ConfigNode, type ConfigObject } from './tree';

export function parseJsonConfig(path: string, text: string): ConfigDocument {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const root = tree ? toNode(path, text, tree) : undefined;
  const starts = root?.kind === 'object' ? [...root.entries.values()].map((e) => e.range.start).sort((a, b) => a - b) : [];
  return {
    path,
    format: 'json',
    root: root?.kind === 'object' ? root : undefined,
    errors: syntaxErrors(text, errors),
    statementStarts: starts,
  };
}

/** One error per position (the parser recovers and reports the same spot twice), trailing commas named as such. */
function syntaxErrors(text: string, errors: readonly ParseError[]): { message: string; range: { start: number; end: number } }[] {
  const out: { message: string; range: { start: number; end: number } }[] = [];
  const seen = new Set<number>();
  for (const e of errors) {
    if (seen.has(e.offset)) continue;
    seen.add(e.offset);
    const code = printParseErrorCode(e.error);
    let before = e.offset - 1;
    while (before >= 0 && /\s/.test(text[before])) before--;
    if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && text[before] === ',' && /[}\]]/.test(text[e.offset] ?? '')) {
      out.push({ message: 'JSON syntax error: trailing comma (JSON allows no comma before a closing bracket)', range: { start: before, end: before + 1 } });
      continue;
    }
    out.push({
      message: `JSON syntax error: ${describe(code)}`,
      range: { start: Math.min(e.offset, text.length), end: Math.min(text.length, e.offset + Math.max(1, e.length)) },
    });
  }
  return out;
}

function toNode(path: string, text: string, node: Node): ConfigNode {
  const range = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'object': {
      const entries = new Map<string, ConfigEntry>();
      for (const prop of node.children ?? []) {
        const [keyNode, valueNode] = prop.children ?? [];
        if (!keyNode || typeof keyNode.value !== 'string') continue;
        entries.set(keyNode.value, {
          key: keyNode.value,
          keyRange: { start: keyNode.offset, end: keyNode.offset + keyNode.length },
          value: valueNode ? toNode(path, text, valueNode) : { kind: 'null', range: { start: prop.offset + prop.length, end: prop.offset + prop.length } },
          range: { start: prop.offset, end: prop.offset + prop.length },
        });
      }
      return { kind: 'object', range, entries } as ConfigObject;
    }
    case 'array':
      return { kind: 'array', range, items: (node.children ?? []).map((c) => toNode(path, text, c)) };
    case 'string': {
      const value = String(node.value ?? '');
      const mapped = decodeString(path, text, range.start, range.end, 1, 'json', value, escapeBasic) ?? verbatimText(path, value, range.start + 1, escapeBasic);
      return { kind: 'string', range, value, text: mapped, rewrite: (v) => ({ file: path, range, text: quoteBasic(v) }) };
    }
    case 'number':
      return { kind: 'number', range, value: Number(node.value) };
    case 'boolean':
      return { kind: 'boolean', range, value: Boolean(node.value) };
    case 'null':
      return { kind: 'null', range };
    default:
      return { kind: 'other', range };
  }
}

function describe(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'a property name in double quotes was expected',
    ValueExpected: 'a value was expected',
    ColonExpected: '":" was expected',
    CommaExpected: '"," was expected',
    CloseBraceExpected: '"}" was expected',
    CloseBracketExpected: '"]" was expected',
    EndOfFileExpected: 'nothing may follow the closing brace',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return words[code] ?? code;
}
