/**
 * The catalog: every family's signatures, and the combined prefilter built from their literals.
 *
 * The prefilter is one global RegExp, `\b(?:…)` over every literal (from its first word character, escaped,
 * factored by common prefix), run over whole
 * chunks of the paste: only lines it hits are normalised and matched. At a given position the alternation
 * reports the longest literal that matches there; any shorter literal matching at the same position is a
 * prefix of it, so each literal's group also lists the signatures of its prefixes. A line is tried against the
 * signatures of every literal found in it, nothing else.
 */

import { alembic } from './alembic';
import { build } from './build';
import { cors } from './cors';
import { database } from './database';
import { django } from './django';
import { docker } from './docker';
import { gunicorn } from './gunicorn';
import { heroku } from './heroku';
import { hosting } from './hosting';
import { kubernetes } from './kubernetes';
import { python } from './python';
import { railway } from './railway';
import { escapeRegExp } from '../../text';
import { isWordCode, type Family, type Signature } from './types';
import { uvicorn } from './uvicorn';

/** Literals that open a follow-up (a traceback) rather than a signature. */
export const TRACEBACK_HEADER = 'Traceback (most recent call last)';
export const CHAIN_MARKERS = ['During handling of the above exception', 'The above exception was the direct cause'];

export const SIGNATURES: readonly Signature[] = [
  ...python,
  ...gunicorn,
  ...uvicorn,
  ...railway,
  ...heroku,
  ...build,
  ...database,
  ...alembic,
  ...django,
  ...cors,
  ...kubernetes,
  ...docker,
  ...hosting,
];

export function signaturesByFamily(): Map<Family, Signature[]> {
  const out = new Map<Family, Signature[]>();
  for (const s of SIGNATURES) {
    const list = out.get(s.family) ?? [];
    list.push(s);
    out.set(s.family, list);
  }
  return out;
}


export interface Prefilter {
  /** Global, case-sensitive alternation of every literal. */
  readonly regex: RegExp;
  /** For each literal: the signatures to try when it is found (its own and those of its prefixes). */
  readonly groups: ReadonlyMap<string, readonly Signature[]>;
  readonly literals: readonly string[];
}

function buildPrefilter(signatures: readonly Signature[], extra: readonly string[]): Prefilter {
  const own = new Map<string, Signature[]>();
  for (const s of signatures) {
    for (const literal of s.literals) {
      const l = anchorable(literal);
      const list = own.get(l) ?? [];
      if (!list.includes(s)) list.push(s);
      own.set(l, list);
    }
  }
  for (const l of extra.map(anchorable)) if (!own.has(l)) own.set(l, []);
  const literals = [...own.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const groups = new Map<string, Signature[]>();
  for (const l of literals) {
    const group: Signature[] = [];
    for (const other of literals) {
      if (l.startsWith(other)) for (const s of own.get(other)!) if (!group.includes(s)) group.push(s);
    }
    groups.set(l, group);
  }
  return { regex: new RegExp(`\\b${leadingClasses(literals)}${alternation(literals)}`, 'g'), groups, literals };
}

/**
 * `(?=[cCeS…][ahoe…])`: the characters the literals have in their first two places, as a lookahead. Most word
 * starts of a log fail it with two class tests, before the alternation is tried (about 1.5× faster in
 * bench/log-scan.mjs than the alternation alone; a third place gains little, a fourth loses).
 */
function leadingClasses(literals: readonly string[]): string {
  const places = Math.min(2, ...literals.map((l) => l.length));
  let out = '';
  for (let i = 0; i < places; i++) {
    const chars = [...new Set(literals.map((l) => l[i]))].sort();
    out += `[${chars.map((c) => c.replace(/[\]\\^-]/g, '\\$&')).join('')}]`;
  }
  return out ? `(?=${out})` : '';
}

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

/**
 * The literals as one alternation factored by common prefix (`Fail(?:ed to find …|ed to boot …)`): the RegExp
 * engine dispatches on one character at a time instead of trying ~200 alternatives at each word boundary
 * (about 10% faster in bench/log-scan.mjs). Children come before the end of a literal, so the longest literal
 * that matches at a position is the one reported, as with a longest-first alternation.
 */
function alternation(literals: readonly string[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const literal of literals) {
    let node = root;
    for (const ch of literal) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  return group(root);
}

function group(node: TrieNode): string {
  // A chain of single children is written out as one run of characters.
  let run = '';
  while (node.next.size === 1 && !node.end) {
    const [[ch, child]] = node.next;
    run += escapeRegExp(ch);
    node = child;
  }
  if (node.next.size === 0) return run;
  const alternatives = [...node.next].map(([ch, child]) => escapeRegExp(ch) + group(child));
  if (node.end) alternatives.push('');
  return `${run}(?:${alternatives.join('|')})`;
}

/**
 * The literal as the prefilter looks for it: from its first word character, so that every alternative starts
 * at a word boundary. `\b(?:…)` lets the RegExp engine skip the inside of words cheaply, which makes the
 * single pass several times faster than a bare alternation (bench/log-scan.mjs).
 */
function anchorable(literal: string): string {
  let i = 0;
  while (i < literal.length && !isWordCode(literal.charCodeAt(i))) i++;
  return i < literal.length ? literal.slice(i) : literal;
}

export const PREFILTER: Prefilter = buildPrefilter(SIGNATURES, [TRACEBACK_HEADER, ...CHAIN_MARKERS]);

/** Every RegExp of the catalog, for the ReDoS check. */
export function catalogPatterns(): RegExp[] {
  return [PREFILTER.regex, ...SIGNATURES.flatMap((s) => s.patterns)];
}
