/**
 * service-imports-outside-root: code in a service folder (one with its own manifest or Railway config) imports
 * a first-party package that lives outside that folder. With the service's Root Directory set to the folder,
 * Railway builds only the folder's files, so the import fails with ModuleNotFoundError (seed 002,
 * research/platforms.md §1.6).
 */

import { describeProjectDir } from '../plan/describe';
import { launchImports } from '../plan/imports';
import { defineRule } from '../rule';

export const serviceImportsOutsideRoot = defineRule({
  id: 'service-imports-outside-root',
  defaultSeverity: 'warning',
  summary: 'A service folder imports a first-party package that lives outside the folder, which a Railway root directory leaves out of the build.',
  fileKinds: ['python'],
  check(project, report) {
    const seen = new Set<string>();
    const serviceOf = new Map(project.plan.services.flatMap((s) => s.sources.map((source) => [source, s] as const)));
    for (const planned of project.plan.launches) {
      const runtime = planned.source.runtime;
      const service = serviceOf.get(planned.source);
      // Only services built from their folder alone: Railpack/Nixpacks/Heroku with a root directory.
      if (!service || service.root === '' || planned.source.kind === 'dockerfile' || service.builder === 'DOCKERFILE') continue;
      const imports = launchImports(project, planned);
      for (const issue of imports?.issues ?? []) {
        const site = issue.site;
        const problem = issue.problem;
        if (!site || problem.failedAt !== 0 || !problem.candidates.length) continue;
        if (problem.candidates.some((c) => runtime.view.fromProject(c) !== undefined)) continue;
        const key = `${site.file}:${site.range.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const top = issue.module.split('.')[0];
        const statement = (project.text(site.file) ?? '').slice(site.statementRange.start, site.statementRange.end).split('\n')[0];
        const home = problem.candidates[0];
        report({
          file: site.file,
          range: site.range,
          about: [`module:${top}`, `module:${issue.module}`, 'root-directory'],
          severity: site.scope === 'module' ? 'warning' : 'info',
          message:
            `\`${top}\` lives in ${describeProjectDir(home)}, outside the service folder ${service.root}/. A Railway service whose Root Directory is ${service.root}/ builds only that folder, so \`${statement}\` fails with ModuleNotFoundError: No module named '${top}'. ` +
            `Build the service from a Dockerfile at the repository root that copies both (\`[build] builder = "DOCKERFILE"\` with \`dockerfilePath\`), or move \`${top}\` into ${service.root}/.`,
          related: [
            ...(planned.source.file ? [{ file: planned.source.file, range: planned.source.range ?? { start: 0, end: 0 }, message: `Started by ${planned.source.label}` }] : []),
          ],
        });
      }
    }
  },
});
