/**
 * Pull diagnostics (`textDocument/diagnostic`): the client asks for a document's problems when it opens,
 * changes or saves it, and again for every open document after a change elsewhere (inter-file dependencies).
 * An unchanged state is answered with the previous result id instead of the same list again.
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

export async function provideDiagnostics(analyzer: Analyzer, params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
  const analysis = await analyzer.analyze(params.textDocument.uri, token);
  if (!analysis) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  if (params.previousResultId === analysis.resultId) {
    return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: analysis.resultId };
  }
  const lines = new FileLines(analysis.files).with(analysis.target.path, analysis.lines);
  const items = analysis.findings.flatMap((f): Diagnostic[] => {
    const diagnostic = toLspDiagnostic(f, lines, analysis.files);
    return diagnostic ? [diagnostic] : [];
  });
  return { kind: DocumentDiagnosticReportKind.Full, resultId: analysis.resultId, items };
}
