/**
 * build-command-private-network: a Railway `buildCommand` that runs migrations or talks to `*.railway.internal`.
 * The private network does not exist during the build (research/platforms.md §2.4), so the command fails with
 * "could not translate host name"; `preDeployCommand` runs with it.
 */

import { parsedRailwayConfigs } from '../plan/build';
import { allSections, stringValue, tomlInsertion } from '../railway/config';
import { defineRule } from '../rule';
import type { Fix } from '../types';

const MIGRATION = /\bmanage\.py\s+migrate\b|\balembic\s+upgrade\b|\bflask\s+db\s+upgrade\b|\bprisma\s+migrate\b|\bdjango-admin\s+migrate\b/;

export const buildCommandPrivateNetwork = defineRule({
  id: 'build-command-private-network',
  defaultSeverity: 'warning',
  summary: 'A build command that needs the database or the private network, which do not exist during the build.',
  fileKinds: ['railway-toml', 'railway-json'],
  check(project, report) {
    for (const { path, config } of parsedRailwayConfigs(project)) {
      for (const sections of allSections(config)) {
        const entry = sections.build?.entries.get('buildCommand');
        const node = stringValue(entry?.value);
        if (!entry || !node) continue;
        const internal = /[A-Za-z0-9-]+\.railway\.internal\b/.exec(node.value);
        const migration = MIGRATION.exec(node.value);
        if (!internal && !migration) continue;
        const fixes: Fix[] = [];
        // When the whole build command is the migration and there is no pre-deploy command yet, move it there.
        const lines = project.lines(path);
        if (lines && migration && !sections.deploy?.entries.has('preDeployCommand') && config.doc.format === 'toml' && /^[^&;|]*$/.test(node.value) && !sections.prefix) {
          const insertion = tomlInsertion(lines.text, 'deploy', `preDeployCommand = [${JSON.stringify(node.value)}]`);
          const first = lines.lineWithBreak(lines.positionAt(entry.range.start).line);
          const last = lines.lineWithBreak(lines.positionAt(entry.range.end).line);
          const removal = { file: path, range: { start: first.start, end: last.end }, text: '' };
          fixes.push({ title: 'Move it to preDeployCommand', edits: [removal, { file: path, range: { start: insertion.at, end: insertion.at }, text: insertion.text }] });
        }
        report({
          file: path,
          range: node.range,
          message: `${internal ? `\`${internal[0]}\` is on Railway's private network, which` : 'Migrations need the database, and Railway\'s private network'} does not exist during the build: the command fails with "could not translate host name". Run it as \`deploy.preDeployCommand\`, which runs before each deploy with the private network and the service variables.`,
          fixes,
        });
      }
    }
  },
});
