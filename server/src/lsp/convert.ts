/**
 * The only place engine data becomes LSP data: findings become diagnostics, fixes become versioned workspace
 * edits and code actions, hover text, completion entries and links become their LSP shapes, and the deploy plan
 * gains file URIs. Engine ranges are UTF-16 offsets; LSP positions are line/character in UTF-16.
 */

import {
  CodeActionKind,
  CompletionItemKind,
  CompletionItemTag,
  DiagnosticSeverity,
  DiagnosticTag,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type CreateFile,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type DocumentLink as LspDocumentLink,
  type Hover,
  type Position,
  type Range,
  type TextDocumentEdit,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import {
  docsUrl,
  LineIndex,
  type CompletionEntry,
  type DocumentLink,
  type Finding,
  type Fix,
  type HoverInfo,
  type OffsetRange,
  type PlanLocation,
  type PlanSource,
  type PlanView,
  type Severity,
  type TextEdit,
} from '../engine/index';
import {
  setLineEndingsCommand,
  showRuleDocumentationCommand,
  type DeployPlanLocation,
  type DeployPlanResult,
  type DeployPlanService,
  type DeployPlanSource,
} from '../protocol';
import type { FileResolver } from './workspace';

export const DIAGNOSTIC_SOURCE = 'deploy-doctor';

/** What a diagnostic carries to code actions. */
export interface DiagnosticData {
  readonly ruleId: string;
}

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Line indexes of the files one conversion touches, each built once. */
export class FileLines {
  private readonly indexes = new Map<string, LineIndex | null>();

  constructor(private readonly files: FileResolver) {}

  /** Seeds the index of a file whose text is already known (the analysed document). */
  with(path: string, lines: LineIndex): this {
    this.indexes.set(path, lines);
    return this;
  }

  of(path: string): LineIndex | undefined {
    let lines = this.indexes.get(path);
    if (lines === undefined) {
      const text = this.files.read(path);
      lines = text === undefined ? null : new LineIndex(text);
      this.indexes.set(path, lines);
    }
    return lines ?? undefined;
  }
}

export function toLspRange(lines: LineIndex, range: OffsetRange): Range {
  return lines.rangeAt(range);
}

export function toLspDiagnostic(finding: Finding, lines: FileLines, files: FileResolver): Diagnostic | undefined {
  const own = lines.of(finding.file);
  if (!own) return undefined;
  const diagnostic: Diagnostic = {
    range: toLspRange(own, finding.range),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    message: finding.message,
    data: { ruleId: finding.ruleId } satisfies DiagnosticData,
  };
  const related = finding.related.flatMap((r): DiagnosticRelatedInformation[] => {
    const uri = files.uri(r.file);
    const other = lines.of(r.file);
    return uri !== undefined && other ? [{ location: { uri, range: toLspRange(other, r.range) }, message: r.message }] : [];
  });
  if (related.length) diagnostic.relatedInformation = related;
  const tags = (finding.tags ?? []).map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  if (tags.length) diagnostic.tags = tags;
  return diagnostic;
}

/**
 * A fix as a workspace edit: one `TextDocumentEdit` per file, versioned with the editor's version for open
 * documents (so a stale fix is refused) and `null` for files on disk; a file that does not exist yet is created
 * first. Undefined when a file cannot be addressed (an untitled document's neighbours).
 */
export function toWorkspaceEdit(edits: readonly TextEdit[], lines: FileLines, files: FileResolver): WorkspaceEdit | undefined {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  for (const [file, fileEdits] of byFile) {
    const uri = files.uri(file);
    if (uri === undefined) return undefined;
    let fileLines = lines.of(file);
    if (!fileLines) {
      documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
      fileLines = new LineIndex('');
    }
    const version = files.version(file);
    documentChanges.push({
      textDocument: { uri, version },
      edits: [...fileEdits].sort((a, b) => a.range.start - b.range.start).map((e) => toLspTextEdit(fileLines, e)),
    });
  }
  return { documentChanges };
}

/**
 * An LSP position cannot fall between the `\r` and `\n` of a line break, so an edit that starts or ends there
 * (removing a `\r`, for one) is widened over the whole break with the same effect.
 */
function toLspTextEdit(lines: LineIndex, edit: TextEdit): LspTextEdit {
  const text = lines.text;
  let { start, end } = edit.range;
  let newText = edit.text;
  const insideBreak = (o: number): boolean => o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10;
  if (insideBreak(start)) {
    start--;
    newText = `\r${newText}`;
  }
  if (insideBreak(end)) {
    end++;
    newText = `${newText}\n`;
  }
  return { range: toLspRange(lines, { start, end }), newText };
}

export function toQuickFix(fix: Fix, diagnostic: Diagnostic, isPreferred: boolean, lines: FileLines, files: FileResolver): CodeAction | undefined {
  if (fix.lineEndings && fix.edits.length) {
    // VS Code turns line breaks in edits back into the document's own, so the client switches the property.
    const uri = files.uri(fix.edits[0].file);
    if (!uri) return undefined;
    return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: fix.title, command: setLineEndingsCommand, arguments: [uri] }, ...(isPreferred ? { isPreferred: true } : {}) };
  }
  const edit = toWorkspaceEdit(fix.edits, lines, files);
  if (!edit) return undefined;
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, ...(isPreferred ? { isPreferred: true } : {}) };
}

export function toDocumentationAction(ruleId: string, diagnostic: Diagnostic): CodeAction {
  const title = `Show documentation for ${ruleId}`;
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title, command: showRuleDocumentationCommand, arguments: [ruleId] },
  };
}

export function toFixAllAction(kind: string, edits: readonly TextEdit[], lines: FileLines, files: FileResolver): CodeAction | undefined {
  const edit = toWorkspaceEdit(edits, lines, files);
  return edit && { title: 'Fix all Deploy Doctor problems that have a safe fix', kind, edit };
}

/** An LSP position as an offset into the text the engine reads. */
export function toOffset(lines: LineIndex, position: Position): number {
  return lines.offsetAt(position);
}

export function toLspHover(info: HoverInfo, lines: LineIndex): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: info.markdown }, range: toLspRange(lines, info.range) };
}

/** Enum values in Railway's schema are upper-case words (`ON_FAILURE`); other values are free text or literals. */
const ENUM_VALUE = /^[A-Z][A-Z0-9_]*$/;

/**
 * A completion entry as an item that replaces the entry's range. Items keep the engine's order (`sortText`), and
 * quoted insertions filter by their quoted text, since the range starts at the quote the user typed.
 */
export function toCompletionItem(entry: CompletionEntry, index: number, lines: LineIndex): CompletionItem {
  const kind =
    entry.kind === 'property' ? CompletionItemKind.Property : entry.kind === 'section' ? CompletionItemKind.Module : ENUM_VALUE.test(entry.label) ? CompletionItemKind.EnumMember : CompletionItemKind.Value;
  return {
    label: entry.label,
    kind,
    ...(entry.detail ? { detail: entry.detail } : {}),
    ...(entry.documentation ? { documentation: { kind: MarkupKind.Markdown, value: entry.documentation } } : {}),
    ...(entry.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
    sortText: String(index).padStart(4, '0'),
    ...(entry.insertText.startsWith('"') ? { filterText: entry.insertText } : {}),
    textEdit: { range: toLspRange(lines, entry.range), newText: entry.insertText },
  };
}

/** A link to a project file; undefined when the file has no URI (a document outside any folder). */
export function toLspDocumentLink(link: DocumentLink, lines: LineIndex, files: FileResolver): LspDocumentLink | undefined {
  const target = files.uri(link.target);
  return target === undefined ? undefined : { range: toLspRange(lines, link.range), target, tooltip: link.tooltip };
}

/** The deploy plan with a URI on every location; locations whose file has no URI are left out. */
export function toDeployPlanResult(plan: PlanView, files: FileResolver, folderUri: string | undefined): DeployPlanResult {
  const locate = (location: PlanLocation | undefined): { location?: DeployPlanLocation } => {
    const uri = location && files.uri(location.file);
    return location && uri !== undefined ? { location: { file: location.file, uri, range: location.range } } : {};
  };
  const source = (s: PlanSource): DeployPlanSource => ({
    label: s.label,
    command: s.command,
    ...locate(s.location),
    ...(s.shadowedBy !== undefined ? { shadowedBy: s.shadowedBy } : {}),
    runsWithShell: s.runsWithShell,
    launches: s.launches.map((l) => ({ program: l.program, ...(l.server !== undefined ? { server: l.server } : {}), ...(l.app !== undefined ? { app: l.app } : {}) })),
  });
  const services = plan.services.map((service): DeployPlanService => {
    const dockerfile = locate(service.dockerfile).location;
    return {
      root: service.root,
      name: service.name,
      platform: service.platform,
      builder: service.builder,
      ...(dockerfile ? { dockerfile } : {}),
      ...(service.start ? { start: source(service.start) } : {}),
      others: service.others.map(source),
      ...(service.healthcheck ? { healthcheck: { path: service.healthcheck.path, ...locate(service.healthcheck.location) } } : {}),
    };
  });
  return { services, ...(folderUri !== undefined ? { folderUri } : {}) };
}
