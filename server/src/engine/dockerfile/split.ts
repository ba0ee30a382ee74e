/**
 * Splits a Dockerfile into instruction chunks (with their continuation lines, inner comments and heredoc bodies)
 * without parsing them. dockerfile-ast has no incremental mode and re-reads every argument on each access, so
 * the parser runs per chunk and its results are reused for chunks whose text did not change: an edit re-parses
 * one instruction, not 5 000 lines. Only boundaries are decided here; the instructions themselves are read by
 * dockerfile-ast.
 */

import { LineIndex } from '../text';

export interface Chunk {
  readonly start: number;
  /** End of the chunk's last line, before its line break. */
  readonly end: number;
  /** The instruction keyword, upper-cased. */
  readonly keyword: string;
}

export interface Split {
  readonly escape: string;
  readonly chunks: readonly Chunk[];
}

const DIRECTIVE = /^[ \t]*#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(\S+)[ \t]*$/;
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

export function splitInstructions(text: string, lines: LineIndex = new LineIndex(text)): Split {
  const count = lines.lineCount;
  let escape = '\\';
  let i = 0;
  // Parser directives: only at the very top, before any comment, blank line or instruction.
  for (; i < count; i++) {
    const m = DIRECTIVE.exec(lines.lineText(i));
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  const chunks: Chunk[] = [];
  while (i < count) {
    const first = lines.lineText(i);
    const trimmed = first.trimStart();
    if (!trimmed || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const keyword = /^[A-Za-z]+/.exec(trimmed)?.[0].toUpperCase() ?? '';
    const start = lines.lineStart(i) + (first.length - trimmed.length);
    let last = i;
    let logical = first;
    // Continuation lines: the escape character at the end of a line (trailing blanks allowed).
    while (endsWithEscape(logical, escape) && last + 1 < count) {
      last++;
      const next = lines.lineText(last);
      if (/^\s*(#|$)/.test(next)) {
        // Comment and blank lines inside a continued instruction are dropped by the builder.
        logical = `${escape}`;
        continue;
      }
      logical = next;
    }
    // Heredocs (`RUN <<EOF`, `COPY <<-EOT /x`): the body runs until a line holding only the delimiter.
    const head = text.slice(start, lines.lineEnd(last));
    if (!/^\s*[A-Za-z]+\s+\[/.test(head)) {
      HEREDOC.lastIndex = 0;
      for (let m = HEREDOC.exec(head); m; m = HEREDOC.exec(head)) {
        const strip = m[1] === '-';
        const delimiter = m[3];
        let j = last + 1;
        while (j < count) {
          const body = lines.lineText(j);
          if ((strip ? body.replace(/^\t+/, '') : body) === delimiter) break;
          j++;
        }
        last = Math.min(j, count - 1);
      }
    }
    chunks.push({ start, end: lines.lineEnd(last), keyword });
    i = last + 1;
  }
  return { escape, chunks };
}

function endsWithEscape(line: string, escape: string): boolean {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end > 0 && line[end - 1] === escape;
}
