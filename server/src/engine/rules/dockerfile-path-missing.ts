/**
 * dockerfile-path-missing: a Railway config names a Dockerfile that does not exist (`dockerfilePath`), or asks for
 * the DOCKERFILE builder where there is no Dockerfile to build. The build cannot start (research/platforms.md §1.4).
 */

import { basename, dirname, joinPath } from '../files';
import { isDockerfileName } from '../kinds';
import { parsedRailwayConfigs } from '../plan/build';
import { relativeDir } from '../plan/describe';
import { allSections, stringValue } from '../railway/config';
import { defineRule } from '../rule';
import type { Fix } from '../types';

export const dockerfilePathMissing = defineRule({
  id: 'dockerfile-path-missing',
  defaultSeverity: 'error',
  summary: 'The Dockerfile a Railway config names (dockerfilePath, or the DOCKERFILE builder) does not exist.',
  fileKinds: ['railway-toml', 'railway-json'],
  check(project, report) {
    const dockerfiles = project.filesOfKind('dockerfile');
    for (const { path, config } of parsedRailwayConfigs(project)) {
      const root = config.dir;
      for (const sections of allSections(config)) {
        const pathNode = stringValue(sections.build?.entries.get('dockerfilePath')?.value);
        if (pathNode) {
          // joinPath reads a leading `/` as the repository root, as Railway does.
          const target = joinPath(root, pathNode.value);
          if (target.startsWith('..') || project.index.isFile(target)) continue;
          // Only files inside the service folder can be built when it is the service's root directory.
          const candidates = dockerfiles.filter((d) => (!root || d.startsWith(`${root}/`)) && (basename(d).toLowerCase() === basename(target).toLowerCase() || d.toLowerCase() === target.toLowerCase()));
          // Candidates lie inside the service folder, so the path relative to it is what dockerfilePath takes.
          const only = candidates.length === 1 ? relativeDir(root, candidates[0]) : undefined;
          const fixes: Fix[] = only ? [{ title: `Use ${only}`, edits: [pathNode.rewrite(only)], isPreferred: true }] : [];
          report({
            file: path,
            range: pathNode.range,
            message: `\`${pathNode.value}\` does not exist (looked for ${target || 'the project root'}): Railway cannot build this service.${candidates.length ? ` Did you mean ${candidates.map((c) => `\`${c}\``).join(', ')}?` : ''}`,
            fixes,
          });
          continue;
        }
        const builder = stringValue(sections.build?.entries.get('builder')?.value);
        if (builder?.value.toUpperCase() !== 'DOCKERFILE') continue;
        if (project.index.isFile(joinPath(root, 'Dockerfile'))) continue;
        const nearby = dockerfiles.filter((d) => dirname(d) === root && isDockerfileName(basename(d)));
        report({
          file: path,
          range: builder.range,
          message: `The DOCKERFILE builder needs a \`Dockerfile\` in ${root ? `${root}/` : 'the service root'}, and there is none${nearby.length ? ` (there is ${nearby.map((n) => `\`${basename(n)}\``).join(', ')}: name it in \`dockerfilePath\`)` : ''}.`,
        });
      }
    }
  },
});
