/**
 * Traceback assembly. After a `Traceback (most recent call last):` line the scanner hands every line to a
 * `TracebackReader` until it says the traceback is over: frames (`File "…", line N, in f`) with the source line
 * Python prints under each, then the exception line, then (for pydantic) the lines of its message. Lines that
 * belong to something else (an access log line interleaved from another replica) are reported as foreign and
 * matched as usual; after too many of them the traceback is given up. Chained tracebacks (`During handling of
 * the above exception…`, `The above exception was the direct cause…`) are linked by the scanner.
 */

import { parseExceptionLine, parseFrame, type ExceptionInfo, type Frame } from './signatures/python';
import { TRACEBACK_HEADER } from './signatures/index';
import { isWordCode } from './signatures/types';

export interface TracebackLine {
  readonly line: number;
  readonly text: string;
}

export interface Traceback {
  /** The `Traceback (most recent call last):` line. */
  readonly header: TracebackLine;
  readonly frames: Frame[];
  exception?: ExceptionInfo & { readonly at: TracebackLine };
  readonly continuation: TracebackLine[];
}

export type Feed = 'consumed' | 'foreign' | 'ended';

const MAX_FRAMES = 200;
const MAX_FOREIGN = 40;
const MAX_CONTINUATION = 40;

function isIndented(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 32 || c === 9;
}

function onlyCarets(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c !== '^' && c !== '~' && c !== ' ') return false;
  }
  return true;
}

/** Continuation lines of a pydantic ValidationError: field names, `Field required [...]`, `For further information…`. */
function isValidationDetail(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  if (isIndented(text)) return true;
  // A bare field name (`DATABASE_URL`, `database_url`, `db.url`) on its own line.
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!isWordCode(c) && c !== 46 /* . */) return false;
  }
  return t.length <= 100;
}

export class TracebackReader {
  readonly traceback: Traceback;
  private state: 'frames' | 'tail' = 'frames';
  private expectSource = false;
  private foreign = 0;

  constructor(header: TracebackLine) {
    this.traceback = { header, frames: [], continuation: [] };
  }

  get complete(): boolean {
    return this.traceback.exception !== undefined;
  }

  feed(text: string, line: number): Feed {
    if (this.state === 'frames') return this.feedFrames(text, line);
    return this.feedTail(text, line);
  }

  private feedFrames(text: string, line: number): Feed {
    if (text.trim() === '') return 'consumed';
    const frame = parseFrame(text);
    if (frame) {
      if (this.traceback.frames.length >= MAX_FRAMES) this.traceback.frames.shift();
      this.traceback.frames.push({ ...frame, logLine: line });
      this.expectSource = true;
      return 'consumed';
    }
    if (text.includes('[Previous line repeated')) return 'consumed';
    if (onlyCarets(text)) return 'consumed';
    const exception = !this.expectSource || !isIndented(text) ? parseExceptionLine(text) : undefined;
    if (exception && (this.traceback.frames.length > 0 || !isIndented(text))) {
      this.traceback.exception = { ...exception, continuation: [], frames: this.traceback.frames, at: { line, text } };
      this.state = 'tail';
      return 'consumed';
    }
    if (this.expectSource && isIndented(text)) {
      const last = this.traceback.frames[this.traceback.frames.length - 1];
      if (last && last.source === undefined) last.source = text.trim();
      this.expectSource = false;
      return 'consumed';
    }
    if (this.expectSource && this.traceback.frames.length) {
      // A source line whose indentation a prefix took away.
      const last = this.traceback.frames[this.traceback.frames.length - 1];
      if (last.source === undefined && !text.includes(TRACEBACK_HEADER)) {
        last.source = text.trim();
        this.expectSource = false;
        return 'consumed';
      }
    }
    this.expectSource = false;
    this.foreign++;
    return this.foreign > MAX_FOREIGN ? 'ended' : 'foreign';
  }

  private feedTail(text: string, line: number): Feed {
    const exception = this.traceback.exception!;
    const short = exception.type.slice(exception.type.lastIndexOf('.') + 1);
    if (short !== 'ValidationError' || this.traceback.continuation.length >= MAX_CONTINUATION) return 'ended';
    if (!isValidationDetail(text) || text.includes(TRACEBACK_HEADER)) return 'ended';
    this.traceback.continuation.push({ line, text });
    (exception.continuation as string[]).push(text);
    return 'consumed';
  }
}
