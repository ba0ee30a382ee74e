/**
 * `--format json`: the DESIGN §3 shape, `{ version, findings: [{ ruleId, severity, file, range, message, fixes,
 * related, docsUrl }] }` with 0-based line/character positions. The first six finding keys are the contract;
 * `related`, `docsUrl` and the top-level `version` are additions that consumers may ignore.
 */

import type { CheckReport } from './report';

export function formatJson(report: CheckReport): string {
  const body = {
    version: report.version,
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: f.path,
      range: f.range,
      message: f.message,
      fixes: f.fixes.map((fix) => ({ title: fix.title })),
      related: f.related.map((r) => ({ file: r.path, range: r.range, message: r.message })),
      docsUrl: f.docsUrl,
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
