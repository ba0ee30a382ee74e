/**
 * dockerfile-overrides-builder: a `Dockerfile` at the root of the service wins over `builder = "RAILPACK"` or
 * `"NIXPACKS"`: Railway always builds with a Dockerfile it finds (research/platforms.md §1.4), so the start
 * command and install steps the config expects from the builder do not happen.
 */

import { joinPath } from '../files';
import { parsedRailwayConfigs } from '../plan/build';
import { allSections, stringValue } from '../railway/config';
import { defineRule } from '../rule';

export const dockerfileOverridesBuilder = defineRule({
  id: 'dockerfile-overrides-builder',
  defaultSeverity: 'warning',
  summary: 'A Dockerfile at the service root is used even when the config asks for Railpack or Nixpacks.',
  fileKinds: ['railway-toml', 'railway-json'],
  check(project, report) {
    for (const { path, config } of parsedRailwayConfigs(project)) {
      const dockerfile = joinPath(config.dir, 'Dockerfile');
      if (!project.index.isFile(dockerfile)) continue;
      for (const sections of allSections(config)) {
        const builder = stringValue(sections.build?.entries.get('builder')?.value);
        const value = builder?.value.toUpperCase();
        if (!builder || (value !== 'RAILPACK' && value !== 'NIXPACKS')) continue;
        if (sections.build?.entries.has('dockerfilePath')) continue;
        report({
          file: path,
          range: builder.range,
          related: [{ file: dockerfile, range: { start: 0, end: 0 }, message: 'The Dockerfile Railway builds with instead' }],
          message: `Railway builds with ${dockerfile} whenever it exists, so \`builder = "${builder.value}"\` has no effect: the service runs the Dockerfile's CMD and install steps, not those ${value === 'RAILPACK' ? 'Railpack' : 'Nixpacks'} would generate. Rename or move the Dockerfile to build with ${value === 'RAILPACK' ? 'Railpack' : 'Nixpacks'}.`,
        });
      }
    }
  },
});
