/**
 * railway-config-cutoff: Railway stops reading railway.toml and railway.json on 2026-12-01 (research/platforms.md
 * §1.1): after that day the file's start command, healthcheck and builder silently stop applying. A warning before
 * the date, an error from that day, with a fix that writes the equivalent `.railway/railway.ts`.
 */

import { parsedRailwayConfigs } from '../plan/build';
import { IAC_PATH, migrationFile } from '../railway/migrate';
import { defineRule } from '../rule';

/** The day config as code stops being read (UTC). */
const CUTOFF = new Date(Date.UTC(2026, 11, 1));

export const railwayConfigCutoff = defineRule({
  id: 'railway-config-cutoff',
  defaultSeverity: 'warning',
  summary: 'Railway stops reading railway.toml and railway.json on 2026-12-01; .railway/railway.ts replaces them.',
  fileKinds: ['railway-toml', 'railway-json'],
  check(project, report) {
    const configs = parsedRailwayConfigs(project).map((c) => c.config);
    const iac = project.index.isFile(IAC_PATH);
    const now = project.now.getTime();
    const days = Math.ceil((CUTOFF.getTime() - now) / 86_400_000);
    const past = now >= CUTOFF.getTime();
    // One migration carries every config, so all findings offer the same file.
    const fixes = iac || !configs.length ? [] : [{ title: `Migrate to ${IAC_PATH}`, edits: [{ file: IAC_PATH, range: { start: 0, end: 0 }, text: migrationFile(configs) }] }];
    for (const config of configs) {
      const lines = project.lines(config.path);
      if (!lines) continue;
      const first = config.doc.statementStarts[0] ?? 0;
      const line = lines.positionAt(first).line;
      const range = { start: first, end: lines.lineEnd(line) };
      const when = past ? 'Railway has not read railway.toml or railway.json since 2026-12-01' : `Railway stops reading railway.toml and railway.json on 2026-12-01 (in ${days} day${days === 1 ? '' : 's'})`;
      const consequence = ` — then the start command, healthcheck and build settings in ${config.path} no longer apply.`;
      const next = iac
        ? ` Move these settings into ${IAC_PATH}, which this project already has, and delete this file: a service cannot be managed by both.`
        : ` Move them to ${IAC_PATH} (Infrastructure as Code, \`railway config plan\` / \`apply\`).`;
      report({
        file: config.path,
        range,
        severity: past ? 'error' : 'warning',
        tags: ['deprecated'],
        message: when + consequence + next,
        fixes,
      });
    }
  },
});
