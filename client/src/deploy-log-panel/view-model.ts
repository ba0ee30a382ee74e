/**
 * The server's diagnosis as the panel renders it: what to show, nothing to act on. URIs and workspace edits stay
 * with the host, which finds them again by the indexes the panel sends back.
 */

import type { AnalyzeLogResult, AnalyzeLogSymptom } from '../../../server/src/protocol';
import type { ViewResult, ViewSymptom } from '../../webview/messages';

export function toViewResult(result: AnalyzeLogResult, id: string, folder: string | undefined): ViewResult {
  const symptom = (s: AnalyzeLogSymptom): ViewSymptom => ({ id: s.id, title: s.title, message: s.message, evidence: s.evidence.map((e) => ({ line: e.line, text: e.text })) });
  return {
    id,
    causes: result.causes.map((cause) => ({
      category: cause.category,
      title: cause.title,
      message: cause.message,
      confidence: cause.confidence,
      ...(cause.ruleId ? { ruleId: cause.ruleId } : {}),
      evidence: cause.evidence.map((e) => ({ line: e.line, text: e.text })),
      locations: cause.locations.map((l) => ({ text: `${l.file}:${l.range.start.line + 1}`, ...(l.label ? { label: l.label } : {}) })),
      fixes: cause.fixes.map((f) => ({ title: f.title, applicable: f.edit !== undefined, preferred: f.isPreferred === true })),
      symptoms: result.symptoms.filter((s) => s.explainedBy.includes(cause.category)).map(symptom),
    })),
    unexplained: result.symptoms.filter((s) => !s.explainedBy.length).map(symptom),
    platform: result.platformTitle,
    lines: result.lines,
    redactions: result.redactions,
    ...(folder !== undefined ? { folder } : {}),
  };
}
