/**
 * Pull diagnostics (`textDocument/diagnostic`): the client asks for a document's problems when it opens,
 * changes or saves it, and again for every open document after a change elsewhere (inter-file dependencies).
 * An unchanged state is answered with the previous result id instead of the same list again. Plain schema errors
 * that the editor's own JSON/TOML checker already shows are left out (editor-validation.ts).
 */

import {
  DocumentDiagnosticReportKind,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { Analyzer } from './analysis';
import { FileLines, toLspDiagnostic } from './convert';
import type { EditorValidationState } from './editor-validation';

export async function provideDiagnostics(
  analyzer: Analyzer,
  editorValidation: EditorValidationState,
  params: DocumentDiagnosticParams,
  token: CancellationToken,
): Promise<DocumentDiagnosticReport> {
  const analysis = await analyzer.analyze(params.textDocument.uri, token);
  if (!analysis) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  // The same analysis gives other diagnostics when the editor starts or stops validating the file itself.
  const resultId = `${analysis.resultId}:${editorValidation.key()}`;
  if (params.previousResultId === resultId) {
    return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  }
  const lines = new FileLines(analysis.files).with(analysis.target.path, analysis.lines);
  const items = analysis.findings.flatMap((f): Diagnostic[] => {
    if (editorValidation.leftToEditor(f)) return [];
    const diagnostic = toLspDiagnostic(f, lines, analysis.files);
    return diagnostic ? [diagnostic] : [];
  });
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
}
