/**
 * The streaming scanner. Chunks may split lines anywhere (and CRLF pairs, and UTF-16 surrogate pairs are the
 * caller's business: it hands us strings). Per chunk:
 *
 *   1. the complete lines of the chunk (plus the carried-over start of a line) are scanned by the catalog's
 *      combined prefilter RegExp in one pass over the whole chunk, without splitting it into lines;
 *   2. only a line the prefilter hits is cut out, normalised by the reader and tried against the signatures of
 *      the literals found in it; newlines between hits are only counted, for line numbers;
 *   3. a traceback header, Railway's healthcheck block or a builder's plan box switches to line-by-line reading
 *      for as long as that structure lasts (bounded), then back to the prefilter.
 *
 * Memory: the carried-over partial line is capped at MAX_LINE characters (the rest of a huge line is skipped),
 * a traceback keeps at most a few hundred frames, and the diagnoser keeps bounded aggregates.
 */

import type { RawEvidence } from './aggregate';
import { Diagnoser } from './diagnose';
import { MAX_LINE, normalizeLine, type LineSource } from './reader';
import { CHAIN_MARKERS, PREFILTER, TRACEBACK_HEADER } from './signatures/index';
import { classifyException, lastFirstParty, where } from './signatures/python';
import type { Finding, LineContext, Signature } from './signatures/types';
import { TracebackReader, type Traceback } from './traceback';
import type { LogDiagnosis } from './types';

const CR = /\r\n?/g;
const HEALTHCHECK_PATH = /^Path: (\S{1,500})/;
const RETRY_WINDOW = /^Retry window: ([\dhms.]{1,20})/;

/** A line-level copy of the prefilter, so enumerating a line's literals never disturbs the chunk scan. */
const LINE_PREFILTER = new RegExp(PREFILTER.regex.source, 'g');

interface Passive {
  kind: 'healthcheck' | 'plan';
  budget: number;
  deploySection?: boolean;
}

export class Scanner {
  private carry = '';
  private skippingLongLine = false;
  private pendingCR = false;
  private lineNo = 0;
  private section: LineSource = 'unknown';
  private traceback: TracebackReader | undefined;
  /** A finished traceback held back a few lines, in case a chained one follows. */
  private held: { traceback: Traceback; chainSeen: boolean; until: number } | undefined;
  private passive: Passive[] = [];
  /** The traceback a chained one continues (`During handling of the above exception…`). */
  private chainFrom: Traceback | undefined;
  private finished: LogDiagnosis | undefined;
  readonly diagnoser = new Diagnoser();

  push(chunk: string): void {
    if (this.finished || typeof chunk !== 'string' || chunk.length === 0) return;
    if (this.pendingCR) {
      chunk = `\r${chunk}`;
      this.pendingCR = false;
    }
    if (chunk.indexOf('\r') !== -1) {
      if (chunk.charCodeAt(chunk.length - 1) === 13) {
        this.pendingCR = true;
        chunk = chunk.slice(0, -1);
      }
      chunk = chunk.replace(CR, '\n');
    }
    const lastNl = chunk.lastIndexOf('\n');
    if (lastNl === -1) {
      this.extendCarry(chunk);
      return;
    }
    // The line carried over from the last chunk ends at this chunk's first newline; it is read on its own, so
    // the rest of the chunk is scanned in place (no copy of a megabyte to prepend a few characters).
    const firstNl = chunk.indexOf('\n');
    let from = 0;
    if (this.skippingLongLine) {
      // The rest of an over-long line ends at the first newline: the capped start is what gets read.
      this.scan(`${this.carry}\n`);
      this.skippingLongLine = false;
      from = firstNl + 1;
    } else if (this.carry.length) {
      this.scan(this.carry + chunk.slice(0, firstNl + 1));
      from = firstNl + 1;
    }
    this.carry = '';
    this.scan(chunk, from, lastNl + 1);
    this.extendCarry(chunk.slice(lastNl + 1));
  }

  finish(): LogDiagnosis {
    if (this.finished) return this.finished;
    if (this.pendingCR) this.pendingCR = false;
    if (this.carry.length || this.skippingLongLine) {
      const rest = this.carry;
      this.carry = '';
      this.skippingLongLine = false;
      this.scan(`${rest}\n`);
    }
    this.endTraceback();
    this.releaseHeld();
    this.finished = this.diagnoser.finish(this.lineNo);
    return this.finished;
  }

  private extendCarry(text: string): void {
    if (!text) return;
    if (this.skippingLongLine) return;
    const room = MAX_LINE - this.carry.length;
    if (text.length > room) {
      this.carry += text.slice(0, Math.max(0, room));
      this.skippingLongLine = true;
    } else {
      this.carry += text;
    }
  }

  /** Reads the lines of `body` from `from` to `end`: `from` starts a line, `end` follows a newline. */
  private scan(body: string, from = 0, end = body.length): void {
    const re = PREFILTER.regex;
    let pos = from;
    while (pos < end) {
      if (this.traceback || this.passive.length || this.held) {
        const e = body.indexOf('\n', pos);
        this.lineNo++;
        this.readLine(body.slice(pos, Math.min(e, pos + MAX_LINE)));
        pos = e + 1;
        continue;
      }
      re.lastIndex = pos;
      const m = re.exec(body);
      if (!m || m.index >= end) {
        this.lineNo += countNewlines(body, pos, end);
        return;
      }
      let start = m.index === 0 ? 0 : body.lastIndexOf('\n', m.index - 1) + 1;
      if (start < pos) start = pos;
      this.lineNo += countNewlines(body, pos, start);
      const e = body.indexOf('\n', m.index);
      this.lineNo++;
      if (m.index - start < MAX_LINE) this.readLine(body.slice(start, Math.min(e, start + MAX_LINE)));
      pos = e + 1;
    }
  }

  /** The signatures to try on a raw line: those of every literal it holds. */
  private candidates(raw: string): Signature[] | undefined {
    let found: Signature[] | undefined;
    const re = LINE_PREFILTER;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(raw))) {
      const group = PREFILTER.groups.get(m[0]);
      if (group && group.length) {
        found ??= [];
        for (const s of group) if (!found.includes(s)) found.push(s);
      } else found ??= [];
      re.lastIndex = m.index + 1;
    }
    return found;
  }

  private readLine(raw: string): void {
    const line = this.lineNo;
    const n = normalizeLine(raw, this.section);
    if (n.section) this.section = n.section;
    this.diagnoser.vote(n.platform);
    if (n.noise) return;
    const text = n.text;
    if (text.indexOf('\n') === -1) this.readPart(text, line, n.source, this.candidates(raw));
    // A JSON export packed several lines into one message: each is read on its own.
    else for (const part of text.split('\n', 200)) this.readPart(part, line, n.source, this.candidates(part));
  }

  private readPart(text: string, line: number, source: LineSource, sigs: Signature[] | undefined): void {
    if (text.length === 0) {
      if (this.traceback) this.traceback.feed(text, line);
      return;
    }
    // 1. A traceback being read gets the line first.
    if (this.traceback) {
      const r = this.traceback.feed(text, line);
      if (r === 'consumed') return;
      if (r === 'ended') this.endTraceback();
    }
    // 2. Structures that start here.
    if (text.includes(TRACEBACK_HEADER)) {
      this.endTraceback();
      const chained = this.held?.chainSeen ? this.held.traceback : undefined;
      if (!chained) this.releaseHeld();
      this.held = undefined;
      this.traceback = new TracebackReader({ line, text });
      if (chained) this.chainFrom = chained;
      return;
    }
    if (this.held) {
      if (CHAIN_MARKERS.some((c) => text.includes(c))) {
        this.held.chainSeen = true;
        this.held.until = line + 8;
        return;
      }
      if (line > this.held.until || !this.held.chainSeen) this.releaseHeld();
    }
    if (this.passive.length) {
      for (const p of this.passive) this.feedPassive(p, text);
      this.passive = this.passive.filter((p) => p.budget > 0);
    }
    if (!sigs || !sigs.length) return;
    this.match(text, line, source, sigs);
  }

  private match(text: string, line: number, source: LineSource, sigs: readonly Signature[]): void {
    const context: LineContext = { text, line, source };
    let bestCause: { s: Signature; f: Finding } | undefined;
    let bestSymptom: { s: Signature; f: Finding } | undefined;
    for (const s of sigs) {
      const f = tryMatch(s, context);
      if (!f) continue;
      const platform = f.values.platform;
      if (platform === 'railway' || platform === 'heroku' || platform === 'kubernetes' || platform === 'fly' || platform === 'render') this.diagnoser.vote(platform, 2);
      if (f.role === 'marker') this.onMarker(f, line);
      else if (f.role === 'cause') {
        if (!bestCause || f.confidence > bestCause.f.confidence) bestCause = { s, f };
      } else if (!bestSymptom || f.confidence > bestSymptom.f.confidence) bestSymptom = { s, f };
    }
    const evidence: RawEvidence[] = [{ line, text: text.trim() }];
    if (bestCause) this.diagnoser.add(signatureId(bestCause.s, bestCause.f), bestCause.f, evidence, line);
    if (bestSymptom) this.diagnoser.add(signatureId(bestSymptom.s, bestSymptom.f), bestSymptom.f, evidence, line);
  }

  private onMarker(f: Finding, line: number): void {
    switch (f.marker) {
      case 'deploy-start':
      case 'build-start':
        this.diagnoser.boundary(line);
        break;
      case 'healthcheck-start':
        if (this.passive.length < 4) this.passive.push({ kind: 'healthcheck', budget: 8 });
        break;
      case 'plan-box':
        if (this.passive.length < 4) this.passive.push({ kind: 'plan', budget: 80 });
        this.diagnoser.boundary(line);
        break;
      default:
        break;
    }
    this.diagnoser.marker(f.marker ?? 'platform', f.values);
  }

  private feedPassive(p: Passive, text: string): void {
    p.budget--;
    const t = text.trim();
    let m: RegExpExecArray | null;
    if (p.kind === 'healthcheck') {
      if ((m = HEALTHCHECK_PATH.exec(t))) this.diagnoser.facts.healthcheckPath = m[1];
      else if ((m = RETRY_WINDOW.exec(t))) {
        this.diagnoser.facts.retryWindow = m[1];
        p.budget = 0;
      }
      return;
    }
    // Nixpacks: `║ start      │ gunicorn … ║`; the box ends with `╚`.
    if (t.startsWith('╚')) {
      p.budget = 0;
      return;
    }
    if (t.startsWith('║')) {
      const row = t.slice(1).trim();
      const bar = row.indexOf('│');
      if (bar > 0 && row.slice(0, bar).trim() === 'start') {
        let cmd = row.slice(bar + 1).trim();
        if (cmd.endsWith('║')) cmd = cmd.slice(0, -1).trim();
        if (cmd) this.diagnoser.facts.startCommand = cmd;
        this.diagnoser.facts.builder = 'nixpacks';
      }
      return;
    }
    // Railpack: a `Deploy` section, then `$ <start command>`.
    if (t === 'Deploy') {
      p.deploySection = true;
      return;
    }
    if (p.deploySection && t.startsWith('$ ')) {
      this.diagnoser.facts.startCommand = t.slice(2).trim();
      this.diagnoser.facts.builder = 'railpack';
      p.budget = 0;
    }
  }

  private endTraceback(): void {
    const reader = this.traceback;
    if (!reader) return;
    this.traceback = undefined;
    if (!reader.complete) return;
    this.held = { traceback: reader.traceback, chainSeen: false, until: this.lineNo + 3 };
  }

  /** Emits the held traceback (the last of a chain) as a finding. */
  private releaseHeld(): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    const chainedFrom = this.chainFrom;
    this.chainFrom = undefined;
    let result = this.classify(held.traceback);
    // The last exception is the cause; when it says nothing known, an earlier exception of the chain may.
    if (chainedFrom && (!result || result.finding.role !== 'cause')) {
      const earlier = this.classify(chainedFrom);
      if (earlier && earlier.finding.role === 'cause') {
        result = { ...earlier, evidence: [...earlier.evidence, ...(result?.evidence.slice(-1) ?? [])] };
      }
    }
    if (result) this.diagnoser.add(result.signature, result.finding, result.evidence, held.traceback.exception!.at.line);
  }

  private classify(tb: Traceback): { signature: string; finding: Finding; evidence: RawEvidence[] } | undefined {
    const ex = tb.exception;
    if (!ex) return undefined;
    const frames = tb.frames;
    // Evidence: the header, the deepest first-party frame with its source, the exception, pydantic details.
    const evidence: RawEvidence[] = [{ line: tb.header.line, text: tb.header.text.trim() }];
    const firstParty = lastFirstParty(frames);
    const frame = firstParty ?? frames[frames.length - 1];
    if (frame) {
      evidence.push({ line: frame.logLine, text: `File "${frame.file}", line ${frame.lineNumber}${frame.func ? `, in ${frame.func}` : ''}` });
      if (frame.source) evidence.push({ line: frame.logLine + 1, text: frame.source });
    }
    evidence.push({ line: ex.at.line, text: ex.at.text.trim() });
    for (const c of tb.continuation.slice(0, 2)) evidence.push({ line: c.line, text: c.text.trim() });

    // The exception line may be one the catalog knows (a database error, gunicorn's AppImportError…).
    const sigs = this.candidates(ex.at.text)?.filter((s) => s.id !== 'python.exception');
    let best: { s: Signature; f: Finding } | undefined;
    if (sigs?.length) {
      const context: LineContext = { text: ex.at.text.trim(), line: ex.at.line, source: 'app' };
      for (const s of sigs) {
        const f = tryMatch(s, context);
        if (f && f.role === 'cause' && (!best || f.confidence > best.f.confidence)) best = { s, f };
      }
    }
    if (best) {
      return { signature: best.s.id, finding: { ...best.f, values: { ...where(firstParty), ...best.f.values, exception: ex.type } }, evidence };
    }
    const finding = classifyException(ex);
    if (!finding) return undefined;
    return { signature: tracebackSignature(finding), finding, evidence };
  }
}

/** A signature that throws on a line matches nothing there. */
function tryMatch(s: Signature, context: LineContext): Finding | undefined {
  try {
    return s.match(context);
  } catch {
    return undefined;
  }
}

function signatureId(s: Signature, f: Finding): string {
  return s.id === 'python.exception' ? tracebackSignature(f) : s.id;
}

function tracebackSignature(f: Finding): string {
  if (f.category === 'module_not_found_pythonpath' || f.category === 'module_not_found_missing_dependency' || f.category === 'monorepo_root_directory_isolation') {
    return f.values.module ? 'python.module-not-found' : 'python.relative-import';
  }
  if (f.category === 'missing_env_var') return f.values.field ? 'python.settings-field-required' : 'python.key-error';
  if (f.category === 'syntax_error_in_app') return 'python.syntax-error';
  if (f.role === 'symptom') return 'python.unhandled-exception';
  return 'python.exception';
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  let i = text.indexOf('\n', from);
  while (i !== -1 && i < to) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}

/** Every RegExp of the scanner, for the ReDoS check. */
export const SCANNER_PATTERNS: readonly RegExp[] = [CR, HEALTHCHECK_PATH, RETRY_WINDOW, LINE_PREFILTER];
