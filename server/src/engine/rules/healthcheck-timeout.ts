/**
 * healthcheck-timeout: `healthcheckTimeout` shorter than the work the start command does before the server
 * listens (migrations, installs, model downloads). Railway fails the deploy when the window closes
 * (`1/1 replicas never became healthy!`, research/platforms.md §5.3); the default window is 300 s.
 */

import type { ConfigNode } from '../config/tree';
import { parsedRailwayConfigs } from '../plan/build';
import type { Project } from '../project';
import { allSections } from '../railway/config';
import { defineRule } from '../rule';

/** Boot work a start command can do before the server starts, with the window it needs at least. */
const BOOT_WORK: readonly { readonly pattern: RegExp; readonly what: string; readonly seconds: number }[] = [
  { pattern: /\b(pip3?|uv pip|poetry)\s+install\b|\buv\s+sync\b/, what: 'installs packages', seconds: 120 },
  { pattern: /\b(huggingface-cli|snapshot_download|from_pretrained|download_model|wget|curl)\b/, what: 'downloads files', seconds: 120 },
  { pattern: /\bmanage\.py\s+migrate\b|\balembic\s+upgrade\b|\bflask\s+db\s+upgrade\b|\bmigrate\b/, what: 'runs migrations', seconds: 60 },
  { pattern: /\bmanage\.py\s+collectstatic\b/, what: 'collects static files', seconds: 60 },
];

export const healthcheckTimeout = defineRule({
  id: 'healthcheck-timeout',
  defaultSeverity: 'warning',
  summary: 'The Railway healthcheck window is shorter than the work the start command does before the server listens.',
  fileKinds: ['railway-toml', 'railway-json'],
  check(project, report) {
    for (const { path, config } of parsedRailwayConfigs(project)) {
      const all = allSections(config);
      const base = all[0];
      for (const sections of all) {
        const node = sections.deploy?.entries.get('healthcheckTimeout')?.value;
        if (node?.kind !== 'number') continue;
        // Without a healthcheck path Railway runs no healthcheck, so there is no window to miss.
        if (!sections.deploy?.entries.has('healthcheckPath') && !base?.deploy?.entries.has('healthcheckPath')) continue;
        const command = startCommandText(project, config.dir, sections.deploy?.entries.get('startCommand')?.value);
        if (!command) continue;
        const work = BOOT_WORK.filter((w) => w.pattern.test(command));
        const needed = Math.max(0, ...work.map((w) => w.seconds));
        if (!work.length || node.value >= needed) continue;
        report({
          file: path,
          range: node.range,
          message: `The start command ${work.map((w) => w.what).join(' and ')} before the server listens, and the healthcheck gives up after ${node.value} s: a slow boot fails the deploy with "1/1 replicas never became healthy!". Allow at least ${needed} s, or move the work out of the start command (${advice(work)}).`,
          fixes: [{ title: `Set healthcheckTimeout to ${needed}`, edits: [{ file: path, range: node.range, text: String(needed) }] }],
        });
      }
    }
  },
});

function advice(work: readonly { what: string }[]): string {
  const parts: string[] = [];
  if (work.some((w) => w.what === 'runs migrations')) parts.push('migrations to `preDeployCommand`');
  if (work.some((w) => w.what !== 'runs migrations')) parts.push('installs, downloads and static files to the build, whose output the app gets');
  return parts.join('; ');
}

function startCommandText(project: Project, root: string, node: ConfigNode | undefined): string | undefined {
  if (node?.kind === 'string') return node.value;
  // Without a start command in the file, the platform runs the service's own (Procfile or image).
  const service = project.plan.services.find((s) => s.root === root);
  return service?.sources.find((s) => !s.shadowedBy && s.web)?.text?.text;
}
