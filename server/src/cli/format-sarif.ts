/**
 * `--format sarif`: SARIF 2.1.0 with every property GitHub code scanning requires (research/ecosystem.md §5.4):
 * one run, the driver listing every registered rule, results with 1-based regions whose columns count UTF-16
 * code units (the engine's unit, declared in `columnKind`), related locations, fixes as replacements, and a
 * `primaryLocationLineHash` fingerprint that survives unrelated edits (lines moving up or down).
 */

import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { docsUrl, type RuleMeta, type Severity } from '../engine/index';
import type { CheckReport, Located, ReportedFinding } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'deploy-doctor';
export const INFORMATION_URI = 'https://github.com/deploy-doctor/deploy-doctor';
const SRCROOT = '%SRCROOT%';

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export function formatSarif(report: CheckReport): string {
  return `${JSON.stringify(sarifLog(report), null, 2)}\n`;
}

export function sarifLog(report: CheckReport): Sarif.Log {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const fingerprints = fingerprinter();
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            semanticVersion: report.version,
            informationUri: INFORMATION_URI,
            rules: report.rules.map(sarifRule),
          },
        },
        originalUriBaseIds: {
          [SRCROOT]: { uri: directoryUri(report.pathBase) },
        },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f): Sarif.Result => ({
          ruleId: f.ruleId,
          ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
          level: sarifLevel(f.severity),
          message: { text: f.message },
          locations: [location(f)],
          ...(f.related.length
            ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, ...location(r), message: { text: r.message } })) }
            : {}),
          partialFingerprints: { primaryLocationLineHash: fingerprints(f) },
          ...(f.fixes.length ? { fixes: f.fixes.map(sarifFix) } : {}),
        })),
      },
    ],
  };
}

function sarifRule(rule: RuleMeta): Sarif.ReportingDescriptor {
  const help = docsUrl(rule.id);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.summary },
    help: { text: `${rule.summary} Documentation: ${help}`, markdown: `${rule.summary}\n\n[Documentation](${help})` },
    helpUri: help,
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
    properties: { tags: ['deploy', ...rule.fileKinds] },
  };
}

function location(at: Located): Sarif.Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodePath(at.path), uriBaseId: SRCROOT },
      region: region(at),
    },
  };
}

/** SARIF regions are 1-based; `endColumn` is the column just past the last character. */
function region(at: Located): Sarif.Region {
  return {
    startLine: at.range.start.line + 1,
    startColumn: at.range.start.character + 1,
    endLine: at.range.end.line + 1,
    endColumn: at.range.end.character + 1,
  };
}

function sarifFix(fix: ReportedFinding['fixes'][number]): Sarif.Fix {
  const byPath = new Map<string, typeof fix.edits>();
  for (const e of fix.edits) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  return {
    description: { text: fix.title },
    artifactChanges: [...byPath].map(([path, edits]) => ({
      artifactLocation: { uri: encodePath(path), uriBaseId: SRCROOT },
      replacements: edits.map((e) => ({ deletedRegion: region(e), insertedContent: { text: e.text } })),
    })),
  };
}

/**
 * `primaryLocationLineHash`: a hash of the rule, the file and the trimmed text of the finding's line, then
 * `:n` for the n-th finding with the same three (as GitHub's own fingerprints do), so inserting lines above a
 * finding does not make it a new alert.
 */
export function fingerprinter(): (f: Pick<ReportedFinding, 'ruleId' | 'path' | 'lineText'>) => string {
  const seen = new Map<string, number>();
  return (f) => {
    const hash = createHash('sha256').update(`${f.ruleId}\u0000${f.path}\u0000${f.lineText.trim()}`).digest('hex').slice(0, 16);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  };
}

/** A relative path as a URI reference: each segment percent-encoded, slashes kept. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}
