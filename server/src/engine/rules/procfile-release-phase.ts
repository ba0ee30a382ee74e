/**
 * procfile-release-phase: a Procfile `release:` line on Railway. Heroku runs it after each build; Nixpacks runs
 * it as a build step, without the private network (a migration against `*.railway.internal` fails with "could not
 * translate host name"), and Railpack ignores it (research/platforms.md §3.5). `deploy.preDeployCommand` is the
 * Railway place for it.
 */

import { basename, dirname, joinPath } from '../files';
import { railwayConfigAt } from '../plan/build';
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
      if (!config && !project.index.isFile('.railway/railway.ts')) continue;
      const fixes: Fix[] = [];
      const text = project.text(tomlPath);
      if (config?.doc.format === 'toml' && config.doc.root && text !== undefined && !/^\s*preDeployCommand\s*=/m.test(text)) {
        const line = `preDeployCommand = [${JSON.stringify(release.command.text)}]`;
        const deploy = /^\[deploy\][ \t]*$/m.exec(text);
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        const at = deploy ? deploy.index + deploy[0].length : text.length;
        const insert = deploy ? `${eol}${line}` : `${text.length && !/\n$/.test(text) ? eol : ''}${eol}[deploy]${eol}${line}${eol}`;
        fixes.push({ title: 'Run it as preDeployCommand in railway.toml', edits: [{ file: tomlPath, range: { start: at, end: at }, text: insert }] });
      }
      report({
        file: procfile.path,
        range: release.nameRange,
        message:
          'Railway does not run `release:` the way Heroku does: Nixpacks runs it as a build step, where the private network (`*.railway.internal`) is not reachable, and Railpack ignores it. Run it as `deploy.preDeployCommand`, which runs before each deploy with the private network and the service variables.',
        fixes,
      });
    }
  },
});
