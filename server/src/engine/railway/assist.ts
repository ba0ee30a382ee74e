/**
 * Editing help for railway.toml and railway.json from the config schema: hover text for keys and values,
 * completion of keys, enum values and `$schema`, and links from `dockerfilePath` to the Dockerfile. Completion
 * works on half-typed files: JSON positions come from jsonc-parser's error-tolerant `getLocation`, TOML positions
 * from the table header and `key =` before the cursor (the TOML parser gives up on an unfinished line).
 */

import { getLocation } from 'jsonc-parser';
import { getPath, type ConfigNode, type ConfigObject } from '../config/tree';
import { joinPath } from '../files';
import { LineIndex } from '../text';
import type { OffsetRange } from '../types';
import type { RailwayConfig } from './config';
import { allSections, stringValue } from './config';
import { propertyAt, type SchemaProperty } from './schema';

const SCHEMA_URL = 'https://railway.com/railway.schema.json';

export interface HoverInfo {
  readonly markdown: string;
  readonly range: OffsetRange;
}

export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'property' | 'value' | 'section';
  /** Text to insert (a TOML `key = ` line start, a quoted JSON key, an enum value). */
  readonly insertText: string;
  readonly detail?: string;
  readonly documentation?: string;
  readonly deprecated?: boolean;
  /** The range the insertion replaces (the partial word under the cursor). */
  readonly range: OffsetRange;
}

export interface DocumentLink {
  readonly range: OffsetRange;
  readonly target: string;
  readonly tooltip: string;
}

/** Hover for the key or value at `offset`; in a TOML file that does not parse (yet), from the line's `key = value`. */
export function railwayHover(config: RailwayConfig, offset: number, text?: string): HoverInfo | undefined {
  const found = config.doc.root || config.doc.format === 'json' || text === undefined ? locate(config.doc.root, offset, []) : locateOnLine(text, offset);
  if (!found) return undefined;
  const property = propertyAt(found.path);
  if (!property) return undefined;
  const name = found.path[found.path.length - 1];
  const lines = [`**${found.path.filter((p, i) => !(found.path[0] === 'environments' && i === 1)).join('.')}**${typeLabel(property)}`, '', property.markdownDescription ?? property.description ?? ''];
  if (property.deprecationMessage) lines.push('', `*Deprecated:* ${property.deprecationMessage}`);
  if (found.onValue && property.enum) lines.push('', `Allowed: ${property.enum.filter((v) => v !== null).map((v) => `\`${v}\``).join(', ')}`);
  if (found.path[0] === 'environments' && found.path.length > 2) lines.push('', `Applies to the \`${found.path[1]}\` environment only, over the base value of \`${name}\`.`);
  return { markdown: lines.join('\n'), range: found.range };
}

/** Completion entries at `offset` in the config's text. */
export function railwayCompletion(config: RailwayConfig, text: string, offset: number): CompletionEntry[] {
  return config.doc.format === 'json' ? jsonCompletion(text, offset) : tomlCompletion(config, text, offset);
}

/** `dockerfilePath` values (in the base config and environment overrides) as links to the file. */
export function railwayLinks(config: RailwayConfig, exists: (path: string) => boolean): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const sections of allSections(config)) {
    const node = stringValue(sections.build?.entries.get('dockerfilePath')?.value);
    if (!node) continue;
    const target = joinPath(config.dir, node.value);
    if (!exists(target)) continue;
    links.push({ range: { start: node.range.start + 1, end: node.range.end - 1 }, target, tooltip: `Open ${target}` });
  }
  return links;
}

interface Located {
  readonly path: string[];
  readonly range: OffsetRange;
  readonly onValue: boolean;
}

/** The key path whose key or scalar value contains `offset`. */
function locate(node: ConfigNode | undefined, offset: number, path: string[]): Located | undefined {
  if (node?.kind !== 'object') return undefined;
  for (const [key, entry] of node.entries) {
    if (entry.keyRange.start <= offset && offset <= entry.keyRange.end) return { path: [...path, key], range: entry.keyRange, onValue: false };
    const value = entry.value;
    if (value.kind === 'object') {
      const inner = locate(value, offset, [...path, key]);
      if (inner) return inner;
    } else if (value.range.start <= offset && offset <= value.range.end) {
      return { path: [...path, key], range: value.range, onValue: true };
    }
  }
  return undefined;
}

const KEY_LINE = /^([ \t]*)([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*=[ \t]*/;

/** The key or value under `offset` read from its line and the table header above it. */
function locateOnLine(text: string, offset: number): Located | undefined {
  const lines = new LineIndex(text);
  const lineNo = lines.positionAt(offset).line;
  const lineStart = lines.lineStart(lineNo);
  const line = lines.lineText(lineNo);
  const m = KEY_LINE.exec(line);
  if (!m) return undefined;
  const path = [...currentTable(lines, lineNo), ...m[2].split('.').map((p) => p.trim())];
  const keyStart = lineStart + m[1].length;
  const keyEnd = keyStart + m[2].length;
  if (offset >= keyStart && offset <= keyEnd) return { path, range: { start: keyStart, end: keyEnd }, onValue: false };
  const valueStart = lineStart + m[0].length;
  const value = line.slice(m[0].length).replace(/[ \t]*(?:#.*)?$/, '');
  if (offset >= valueStart && offset <= valueStart + value.length && value.length) return { path, range: { start: valueStart, end: valueStart + value.length }, onValue: true };
  return undefined;
}

function typeLabel(property: SchemaProperty): string {
  const types = (Array.isArray(property.type) ? property.type : property.type ? [property.type] : []).filter((t) => t !== 'null');
  if (property.enum) return ` — one of ${property.enum.filter((v) => v !== null).length} values`;
  return types.length ? ` — ${types.join(' or ')}` : '';
}

function jsonCompletion(text: string, offset: number): CompletionEntry[] {
  const location = getLocation(text, offset);
  const path = location.path.filter((p): p is string => typeof p === 'string');
  const word = wordBefore(text, offset, /["A-Za-z0-9_$]/);
  if (location.isAtPropertyKey) {
    const parent = path.slice(0, -1);
    // Replace the whole key token (`"st"` with both quotes) when the cursor is inside one.
    const node = location.previousNode;
    const range = node?.type === 'property' ? { start: node.offset, end: node.offset + node.length } : word.range;
    return keys(parent, (name) => `"${name}"`, range, true);
  }
  const property = propertyAt(path);
  const range = overClosingQuote(text, word.range, word.text.startsWith('"'));
  if (path.length === 1 && path[0] === '$schema') return [{ label: SCHEMA_URL, kind: 'value', insertText: `"${SCHEMA_URL}"`, range }];
  return values(property, (v) => `"${v}"`, range);
}

/**
 * A value typed after an opening quote replaces the closing quote the editor inserted with it, so accepting
 * `ON_FAILURE` in `"|"` gives `"ON_FAILURE"`, not `"ON_FAILURE""`.
 */
function overClosingQuote(text: string, range: OffsetRange, opened: boolean): OffsetRange {
  return opened && text[range.end] === '"' ? { start: range.start, end: range.end + 1 } : range;
}

function tomlCompletion(config: RailwayConfig, text: string, offset: number): CompletionEntry[] {
  const lines = new LineIndex(text);
  const lineNo = lines.positionAt(offset).line;
  const line = text.slice(lines.lineStart(lineNo), offset);
  const table = currentTable(lines, lineNo);
  // `[dep|` → table names.
  const header = /^\s*\[\[?([A-Za-z0-9_.-]*)$/.exec(line);
  if (header) {
    const typed = header[1];
    const start = offset - typed.length;
    const names = ['build', 'deploy', 'environments.production.build', 'environments.production.deploy', 'deploy.multiRegionConfig'];
    return names.map((n) => ({ label: n, kind: 'section' as const, insertText: n, range: { start, end: offset } }));
  }
  const assignment = /^\s*([A-Za-z0-9_.$"-]+)\s*=\s*("?)([^"]*)$/.exec(line);
  if (assignment) {
    const keyPath = [...table, ...assignment[1].replace(/"/g, '').split('.')];
    const start = offset - assignment[3].length - assignment[2].length;
    const range = overClosingQuote(text, { start, end: offset }, assignment[2] === '"');
    if (keyPath.length === 1 && keyPath[0] === '$schema') return [{ label: SCHEMA_URL, kind: 'value', insertText: `"${SCHEMA_URL}"`, range }];
    return values(propertyAt(keyPath), (v) => `"${v}"`, range);
  }
  const key = /^\s*([A-Za-z0-9_"$-]*)$/.exec(line);
  if (!key) return [];
  const start = offset - key[1].length;
  const present = getPath(config.doc.root, ...table);
  // A half-typed file does not parse: read the keys of the current table from its lines instead.
  const existing = present?.kind === 'object' ? new Set((present as ConfigObject).entries.keys()) : keysInTable(lines, lineNo);
  const insert = (name: string): string => `${/^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name)} = `;
  // `$schema` is how a JSON file names its schema; TOML editors (Even Better TOML) use a `#:schema` comment.
  return keys(table, insert, { start, end: offset }, false).filter((e) => e.label !== '$schema' && (e.kind === 'section' || !existing.has(e.label)));
}

const TABLE_HEADER = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/;

/** `key =` lines of the table around line `lineNo` (other than that line). */
function keysInTable(lines: LineIndex, lineNo: number): Set<string> {
  const found = new Set<string>();
  const key = /^\s*([A-Za-z0-9_-]+)\s*=/;
  const visit = (i: number): boolean => {
    const text = lines.lineText(i);
    if (/^\s*\[/.test(text)) return false;
    const m = key.exec(text);
    if (m) found.add(m[1]);
    return true;
  };
  for (let i = lineNo - 1; i >= 0 && visit(i); i--);
  for (let i = lineNo + 1; i < lines.lineCount && visit(i); i++);
  return found;
}

/** The `[a.b]` table in force on line `lineNo`, as a key path. */
function currentTable(lines: LineIndex, lineNo: number): string[] {
  for (let i = lineNo - 1; i >= 0; i--) {
    const m = TABLE_HEADER.exec(lines.lineText(i));
    if (m) return m[1].split('.').map((p) => p.trim().replace(/^["']|["']$/g, ''));
  }
  return [];
}

function keys(parent: readonly string[], insert: (name: string) => string, range: OffsetRange, json: boolean): CompletionEntry[] {
  const object = propertyAt(parent);
  const out: CompletionEntry[] = [];
  for (const [name, property] of Object.entries(object?.properties ?? {})) {
    const isSection = !json && (name === 'build' || name === 'deploy' || name === 'environments');
    out.push({
      label: name,
      kind: isSection ? 'section' : 'property',
      insertText: isSection ? `[${[...parent, name].join('.')}]` : insert(name),
      detail: typeLabel(property).replace(/^ — /, ''),
      documentation: property.markdownDescription ?? property.description,
      ...(property.deprecationMessage ? { deprecated: true } : {}),
      range,
    });
  }
  return out;
}

function values(property: SchemaProperty | undefined, quote: (v: string) => string, range: OffsetRange): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const v of property?.enum ?? []) {
    if (v === null) continue;
    out.push({ label: v, kind: 'value', insertText: quote(v), range, ...(v === 'NIXPACKS' ? { deprecated: true, detail: 'deprecated' } : {}) });
  }
  const types = Array.isArray(property?.type) ? property?.type : property?.type ? [property.type] : [];
  if (!out.length && types?.includes('boolean')) for (const v of ['true', 'false']) out.push({ label: v, kind: 'value', insertText: v, range });
  return out;
}

function wordBefore(text: string, offset: number, chars: RegExp): { text: string; range: OffsetRange } {
  let start = offset;
  while (start > 0 && chars.test(text[start - 1])) start--;
  return { text: text.slice(start, offset), range: { start, end: offset } };
}
