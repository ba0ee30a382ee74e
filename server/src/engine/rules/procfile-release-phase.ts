/**
 * procfile-release-phase: a Procfile `release:` line on Railway. Heroku runs it after each build; Nixpacks runs
 * it as a build step, without the private network (a migration against `*.railway.internal` fails with "could not
 * translate host name"), and Railpack ignores it (research/platforms.md §3.5). `deploy.preDeployCommand` is the
 * Railway place for it.
 */

import { basename, dirname, joinPath } from '../files';
import { railwayConfigAt } from '../plan/build';
import { setting, tomlInsertion } from '../railway/config';
import { IAC_PATH } from '../railway/migrate';
import { defineRule } from '../rule';
import type { Fix } from '../types';

export const procfileReleasePhase = defineRule({
  id: 'procfile-release-phase',
  defaultSeverity: 'warning',
  summary: 'A Procfile release: line that Railway runs at build time (Nixpacks) or not at all (Railpack).',
  fileKinds: ['procfile'],
  check(project, report) {
    for (const procfile of project.procfiles) {
      if (basename(procfile.path) !== 'Procfile') continue;
      const release = procfile.byName.get('release');
      if (!release?.command.text) continue;
      const dir = dirname(procfile.path);
      const tomlPath = joinPath(dir, 'railway.toml');
      const config = railwayConfigAt(project, tomlPath) ?? railwayConfigAt(project, joinPath(dir, 'railway.json'));
      if (!config && !project.index.isFile(IAC_PATH)) continue;
      // A Dockerfile build does not read the Procfile at all.
      const service = project.plan.services.find((s) => s.procfile === procfile);
      if (service?.builder === 'DOCKERFILE') continue;
      const fixes: Fix[] = [];
      const text = project.text(tomlPath);
      if (config?.doc.format === 'toml' && config.doc.root && text !== undefined && !setting(config, 'deploy', 'preDeployCommand')) {
        const insertion = tomlInsertion(text, 'deploy', `preDeployCommand = [${JSON.stringify(release.command.text)}]`);
        fixes.push({
          title: 'Move it to preDeployCommand in railway.toml',
          edits: [
            { file: tomlPath, range: { start: insertion.at, end: insertion.at }, text: insertion.text },
            { file: procfile.path, range: procfile.lines.lineWithBreak(release.line), text: '' },
          ],
        });
      }
      const builder = service?.builder === 'NIXPACKS' ? 'Nixpacks runs it as a build step, where the private network (`*.railway.internal`) is not reachable' : 'Railpack does not run it as a release step (it only starts a Procfile process as the service, `web` first)';
      report({
        file: procfile.path,
        range: release.nameRange,
        message: `Railway does not run \`release:\` the way Heroku does: ${builder}. Run it as \`deploy.preDeployCommand\`, which runs before each deploy with the private network and the service variables.`,
        fixes,
      });
    }
  },
});
