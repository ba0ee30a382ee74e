/**
 * What a log signature is. Every signature names the literal strings that must occur in a line before it is
 * tried (the scanner's combined prefilter is built from them), a linear-time pattern, the values it reads and
 * its role: a `cause` (why the deploy failed), a `symptom` (what the failure looked like) or a `marker` (a fact
 * the diagnosis uses: a deploy starts here, the builder is Railpack, a volume is mounted, the server listens).
 */

import type { Category, SymptomId } from '../types';
import type { LineSource } from '../reader';

export type Family =
  | 'python'
  | 'gunicorn'
  | 'uvicorn'
  | 'railway'
  | 'heroku'
  | 'build'
  | 'database'
  | 'alembic'
  | 'django'
  | 'cors'
  | 'kubernetes'
  | 'docker'
  | 'hosting';

export type Role = 'cause' | 'symptom' | 'marker';

/** Facts a marker records. */
export type MarkerKind =
  /** A deploy (or a restart of it) starts: `Starting Container`, `Starting gunicorn`, `State changed from … to starting`. */
  | 'deploy-start'
  /** A build starts: builder banners, `scheduling build`, BuildKit's first step. */
  | 'build-start'
  /** Railway's healthcheck block begins; the lines after it give the path and the retry window. */
  | 'healthcheck-start'
  /** A Railpack or Nixpacks plan box begins; the lines after it give the start command. */
  | 'plan-box'
  /** A Python traceback begins. */
  | 'traceback'
  /** A server is listening (values: host, port, server). */
  | 'listening'
  /** Railway mounted a volume. */
  | 'volume'
  /** Flask said it runs on all addresses: a loopback URL printed next to it is not a problem. */
  | 'all-addresses'
  /** Only says which platform printed the log. */
  | 'platform';

export interface LineContext {
  /** The normalised line. */
  readonly text: string;
  /** 1-based line number in the paste. */
  readonly line: number;
  readonly source: LineSource;
}

/** What one signature found on one line. */
export interface Finding {
  readonly role: Role;
  readonly category?: Category;
  readonly symptom?: SymptomId;
  readonly marker?: MarkerKind;
  readonly confidence: number;
  readonly values: Readonly<Record<string, string>>;
  /** Occurrences with the same category and key are one cause (`module:backend`). */
  readonly key?: string;
}

export interface Signature {
  /** Stable id, `<family>.<name>`: `gunicorn.app-import-error`. */
  readonly id: string;
  readonly family: Family;
  /** The role of what it usually finds; `match` may decide otherwise from the values. */
  readonly role: Role;
  readonly category?: Category;
  readonly symptom?: SymptomId;
  /** Literal strings, one of which must be in the line: the prefilter. */
  readonly literals: readonly string[];
  /** Every RegExp the signature uses (for the ReDoS check). */
  readonly patterns: readonly RegExp[];
  match(context: LineContext): Finding | undefined;
}

/** The decision a signature's `decide` makes from the values it read. */
export interface Decision {
  readonly role?: Role;
  readonly category?: Category;
  readonly symptom?: SymptomId;
  readonly marker?: MarkerKind;
  readonly confidence?: number;
  readonly values?: Record<string, string>;
  readonly key?: string;
}

export interface SignatureDef {
  readonly id: string;
  readonly role: Role;
  readonly category?: Category;
  readonly symptom?: SymptomId;
  readonly marker?: MarkerKind;
  readonly literals: readonly string[];
  /** Tried on the normalised line; without it the literal alone is the match. */
  readonly pattern?: RegExp;
  /** Extra patterns `decide` uses, listed for the ReDoS check. */
  readonly extra?: readonly RegExp[];
  readonly confidence?: number;
  /** Values from the match; return undefined to reject the line. */
  readonly values?: (m: RegExpExecArray, context: LineContext) => Record<string, string> | undefined;
  /** Final say on role, category, confidence and key, from the values; return undefined to reject. */
  readonly decide?: (values: Record<string, string>, context: LineContext) => Decision | undefined;
  readonly key?: (values: Record<string, string>) => string;
}

/** Builds a signature of a family from its definition. */
export function family(name: Family, defs: readonly SignatureDef[]): Signature[] {
  return defs.map((def) => build(name, def));
}

function build(familyName: Family, def: SignatureDef): Signature {
  const patterns = [...(def.pattern ? [def.pattern] : []), ...(def.extra ?? [])];
  return {
    id: def.id,
    family: familyName,
    role: def.role,
    category: def.category,
    symptom: def.symptom,
    literals: def.literals,
    patterns,
    match(context) {
      let values: Record<string, string> | undefined = {};
      if (def.pattern) {
        const m = def.pattern.exec(context.text);
        if (!m) return undefined;
        values = def.values ? def.values(m, context) : {};
      } else {
        if (!def.literals.some((l) => context.text.includes(l))) return undefined;
        if (def.values) values = def.values([context.text] as unknown as RegExpExecArray, context);
      }
      if (!values) return undefined;
      let decision: Decision = {};
      if (def.decide) {
        const d = def.decide(values, context);
        if (!d) return undefined;
        decision = d;
      }
      const finalValues = decision.values ?? values;
      return {
        role: decision.role ?? def.role,
        category: decision.category ?? (decision.role && decision.role !== 'cause' ? undefined : def.category),
        symptom: decision.symptom ?? (decision.role && decision.role !== 'symptom' ? undefined : def.symptom),
        marker: decision.marker ?? def.marker,
        confidence: decision.confidence ?? def.confidence ?? 0.7,
        values: finalValues,
        key: decision.key ?? def.key?.(finalValues),
      };
    },
  };
}

/** `'0.0.0.0'`, `"::"`, `0.0.0.0` → `0.0.0.0`. */
export function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && (t[0] === "'" || t[0] === '"') && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t;
}

/** Loopback hosts: a server bound to one of them is unreachable from the platform's proxy. */
export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
}

/** `$PORT`, `${PORT}`, `${PORT:-8000}` → `PORT`. */
export function envName(value: string): string {
  let i = value.charCodeAt(0) === 36 /* $ */ ? 1 : 0;
  if (value[i] === '{') i++;
  let j = i;
  while (j < value.length && isWordCode(value.charCodeAt(j))) j++;
  return value.slice(i, j);
}

export function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
