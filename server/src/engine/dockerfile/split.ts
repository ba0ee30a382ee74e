/**
 * Splits a Dockerfile into instruction chunks (with their continuation lines, inner comments and heredoc bodies)
 * without parsing them. dockerfile-ast has no incremental mode and re-reads every argument on each access, so
 * the parser runs per chunk and its results are reused for chunks whose text did not change: an edit re-parses
 * one instruction, not 5 000 lines. Only boundaries are decided here; the instructions themselves are read by
 * dockerfile-ast.
 */

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

export function splitInstructions(text: string): Split {
  const lines = lineSpans(text);
  let escape = '\\';
  let i = 0;
  // Parser directives: only at the very top, before any comment, blank line or instruction.
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(text.slice(lines[i].start, lines[i].end));
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  const chunks: Chunk[] = [];
  while (i < lines.length) {
    const first = text.slice(lines[i].start, lines[i].end);
    const trimmed = first.trimStart();
    if (!trimmed || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const keyword = /^[A-Za-z]+/.exec(trimmed)?.[0].toUpperCase() ?? '';
    const start = lines[i].start + (first.length - trimmed.length);
    let last = i;
    let logical = first;
    // Continuation lines: the escape character at the end of a line (trailing blanks allowed).
    while (endsWithEscape(logical, escape) && last + 1 < lines.length) {
      last++;
      const next = text.slice(lines[last].start, lines[last].end);
      if (/^\s*(#|$)/.test(next)) {
        // Comment and blank lines inside a continued instruction are dropped by the builder.
        logical = `${escape}`;
        continue;
      }
      logical = next;
    }
    // Heredocs (`RUN <<EOF`, `COPY <<-EOT /x`): the body runs until a line holding only the delimiter.
    const head = text.slice(start, lines[last].end);
    if (!/^\s*[A-Za-z]+\s+\[/.test(head)) {
      HEREDOC.lastIndex = 0;
      for (let m = HEREDOC.exec(head); m; m = HEREDOC.exec(head)) {
        const strip = m[1] === '-';
        const delimiter = m[3];
        let j = last + 1;
        while (j < lines.length) {
          const body = text.slice(lines[j].start, lines[j].end);
          if ((strip ? body.replace(/^\t+/, '') : body) === delimiter) break;
          j++;
        }
        last = Math.min(j, lines.length - 1);
      }
    }
    chunks.push({ start, end: lines[last].end, keyword });
    i = last + 1;
  }
  return { escape, chunks };
}

function endsWithEscape(line: string, escape: string): boolean {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end > 0 && line[end - 1] === escape;
}

/** Line spans with `\r\n`, `\n` and `\r` all ending a line. */
function lineSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      spans.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  spans.push({ start, end: text.length });
  return spans;
}
