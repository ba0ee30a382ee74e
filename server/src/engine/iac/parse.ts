/**
 * `.railway/railway.ts` (Railway Infrastructure as Code) read with tree-sitter-typescript, never executed:
 * every `service(name, { source, build, start, healthcheck, healthcheckTimeout, env })` call, with the string
 * literals' ranges so start-command findings land inside the TypeScript file. Values that are not literals are
 * left alone; `ctx.environment === "x" ? a : b` gives one value per branch.
 */

import type { Node, Parser } from '@vscode/tree-sitter-wasm';
import { scatteredText, type MappedText } from '../text';
import type { OffsetRange, TextEdit } from '../types';

export interface IacString {
  readonly value: string;
  readonly text: MappedText;
  readonly range: OffsetRange;
  /** The environment a `ctx.environment === "x" ? … : …` branch applies to (`!x` for the other branch). */
  readonly environment?: string;
  /** Replaces the whole literal with another string value. */
  rewrite(value: string): TextEdit;
}

export interface IacService {
  readonly name: string;
  readonly nameRange: OffsetRange;
  readonly range: OffsetRange;
  readonly start: readonly IacString[];
  readonly build: readonly IacString[];
  readonly healthcheck: readonly IacString[];
  readonly healthcheckTimeout?: { readonly value: number; readonly range: OffsetRange };
  /** `github(repo, { rootDirectory })`. */
  readonly rootDirectory?: IacString;
  /** `source: image(…)`: the service runs a prebuilt image, not this repository. */
  readonly image: boolean;
  /** Literal string variables from `env: { NAME: "value" }`. */
  readonly env: ReadonlyMap<string, IacString>;
}

export interface IacFile {
  readonly path: string;
  readonly services: readonly IacService[];
  readonly hasError: boolean;
}

export function parseIac(parser: Parser, path: string, text: string): IacFile {
  const tree = parser.parse(text);
  if (!tree) return { path, services: [], hasError: true };
  try {
    const services: IacService[] = [];
    for (const call of tree.rootNode.descendantsOfType('call_expression')) {
      if (!call || calleeName(call) !== 'service') continue;
      const service = readService(path, call);
      if (service) services.push(service);
    }
    return { path, services, hasError: tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

function calleeName(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'member_expression') return fn.childForFieldName('property')?.text;
  return undefined;
}

function args(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((n): n is Node => !!n && n.type !== 'comment');
}

function readService(path: string, call: Node): IacService | undefined {
  const [nameNode, configNode] = args(call);
  const name = nameNode ? literals(path, nameNode)[0] : undefined;
  if (!name) return undefined;
  const props = configNode?.type === 'object' ? properties(configNode) : new Map<string, Node>();
  const strings = (key: string): IacString[] => {
    const node = props.get(key);
    return node ? literals(path, node) : [];
  };
  let rootDirectory: IacString | undefined;
  let image = false;
  const source = props.get('source');
  if (source?.type === 'call_expression') {
    const kind = calleeName(source);
    if (kind === 'image') image = true;
    if (kind === 'github') {
      const options = args(source)[1];
      const dir = options?.type === 'object' ? properties(options).get('rootDirectory') : undefined;
      rootDirectory = dir ? literals(path, dir)[0] : undefined;
    }
  }
  const timeout = props.get('healthcheckTimeout');
  const env = new Map<string, IacString>();
  const envNode = props.get('env');
  if (envNode?.type === 'object') {
    for (const [key, value] of properties(envNode)) {
      const literal = literals(path, value)[0];
      if (literal) env.set(key, literal);
    }
  }
  return {
    name: name.value,
    nameRange: name.range,
    range: { start: call.startIndex, end: call.endIndex },
    start: strings('start'),
    build: strings('build'),
    healthcheck: strings('healthcheck'),
    ...(timeout?.type === 'number' ? { healthcheckTimeout: { value: Number(timeout.text), range: range(timeout) } } : {}),
    ...(rootDirectory ? { rootDirectory } : {}),
    image,
    env,
  };
}

function properties(object: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const pair of object.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    if (!key || !value) continue;
    const name = key.type === 'property_identifier' ? key.text : key.type === 'string' ? stringValue(key)?.text : undefined;
    if (name) out.set(name, value);
  }
  return out;
}

/** The string literals an expression can evaluate to: a literal, or both branches of a ternary. */
function literals(path: string, node: Node, environment?: string): IacString[] {
  switch (node.type) {
    case 'string':
    case 'template_string': {
      const decoded = stringValue(node, path);
      if (!decoded) return [];
      const quote = node.text[0];
      return [
        {
          value: decoded.text,
          text: decoded,
          range: range(node),
          ...(environment ? { environment } : {}),
          rewrite: (value) => ({ file: path, range: range(node), text: `${quote}${decoded.encode(value)}${quote}` }),
        },
      ];
    }
    case 'parenthesized_expression': {
      const inner = node.namedChild(0);
      return inner ? literals(path, inner, environment) : [];
    }
    case 'ternary_expression': {
      const condition = node.childForFieldName('condition');
      const env = condition ? environmentOf(condition) : undefined;
      const yes = node.childForFieldName('consequence');
      const no = node.childForFieldName('alternative');
      return [...(yes ? literals(path, yes, env ?? environment) : []), ...(no ? literals(path, no, env ? `!${env}` : environment) : [])];
    }
    default:
      return [];
  }
}

/** `ctx.environment === "production"` → `production`. */
function environmentOf(condition: Node): string | undefined {
  const text = condition.text.replace(/\s+/g, '');
  const m = /^ctx\.(?:environment|environmentName)===(["'])([^"']+)\1$/.exec(text) ?? /^(["'])([^"']+)\1===ctx\.(?:environment|environmentName)$/.exec(text);
  return m?.[2];
}

/** The decoded text of a string literal (or a template without substitutions) with offsets into the file. */
function stringValue(node: Node, path = ''): MappedText | undefined {
  if (node.namedChildren.some((c) => c?.type === 'template_substitution')) return undefined;
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'string_fragment') {
      for (let i = 0; i < child.text.length; i++) {
        chars.push(child.text[i]);
        starts.push(child.startIndex + i);
        ends.push(child.startIndex + i + 1);
      }
    } else if (child.type === 'escape_sequence') {
      // One entry per UTF-16 unit, as offsets count them (`\u{1F600}` decodes to two).
      const decoded = unescape(child.text);
      for (let i = 0; i < decoded.length; i++) {
        chars.push(decoded[i]);
        starts.push(child.startIndex);
        ends.push(child.endIndex);
      }
    }
  }
  const quote = node.text[0];
  const encode = quote === '`' ? (s: string) => s.replace(/[`\\]|\$\{/g, (m) => `\\${m}`) : (s: string) => JSON.stringify(s).slice(1, -1).replace(/'/g, quote === "'" ? "\\'" : "'");
  return scatteredText(path, chars.join(''), starts, ends, node.endIndex - 1, encode);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

function unescape(sequence: string): string {
  const body = sequence.slice(1);
  if (body.startsWith('u{')) return String.fromCodePoint(parseInt(body.slice(2, -1), 16) || 0xfffd);
  if (body.startsWith('u')) return String.fromCharCode(parseInt(body.slice(1, 5), 16) || 0xfffd);
  if (body.startsWith('x')) return String.fromCharCode(parseInt(body.slice(1, 3), 16) || 0xfffd);
  if (body === '\n' || body === '\r\n') return '';
  return SIMPLE_ESCAPES[body] ?? body;
}

function range(node: Node): OffsetRange {
  return { start: node.startIndex, end: node.endIndex };
}
