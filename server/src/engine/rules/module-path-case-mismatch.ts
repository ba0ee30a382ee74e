/**
 * module-path-case-mismatch: a module path in a start command, or an import in the code it runs, matches a
 * folder or file only when letter case is ignored (`import backend` with a `Backend/` folder). macOS and Windows
 * file systems find it; Linux containers do not, and the deploy fails with ModuleNotFoundError.
 */

import { basename } from '../files';
import { certainty, shadowNote } from '../plan/describe';
import { replaceEdits } from '../plan/fixes';
import { launchImports } from '../plan/imports';
import { defineRule } from '../rule';

export const modulePathCaseMismatch = defineRule({
  id: 'module-path-case-mismatch',
  defaultSeverity: 'error',
  summary: 'A module path or import matches a folder or file only case-insensitively: it works on macOS and Windows, fails on Linux.',
  fileKinds: ['procfile', 'railway-toml', 'railway-json', 'railway-iac', 'dockerfile', 'shell', 'python'],
  check(project, report) {
    const seen = new Set<string>();
    for (const planned of project.plan.launches) {
      const imports = launchImports(project, planned);
      if (!imports) continue;
      for (const issue of imports.issues) {
        const match = issue.problem.caseMatch;
        if (!match) continue;
        const parts = issue.module.split('.');
        const written = parts[issue.problem.failedAt];
        const real = basename(match).replace(/\.py$/, '');
        const corrected = parts.map((p, i) => (i === issue.problem.failedAt ? real : p)).join('.');
        const about = [`module:${parts[0]}`, `module:${issue.module}`, 'case'];
        const message = `\`${written}\` matches \`${match}\` only if letter case is ignored: it imports on macOS and Windows but fails on Linux with "No module named '${parts.slice(0, issue.problem.failedAt + 1).join('.')}'".`;
        if (!issue.site) {
          const { source, launch } = planned;
          const range = launch.app?.moduleRange ?? launch.module?.word.range;
          if (!source.file || !range) continue;
          const key = `${source.file}:${range.start}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const edits = replaceEdits(source, launch.command, range, corrected);
          report({
            file: source.file,
            range,
            about,
            severity: certainty(planned, 'error'),
            message: message + shadowNote(planned),
            fixes: edits ? [{ title: `Use the real spelling \`${corrected}\``, edits, isPreferred: true }] : [],
          });
          continue;
        }
        const site = issue.site;
        const key = `${site.file}:${site.range.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const text = project.text(site.file) ?? '';
        const writtenModule = text.slice(site.range.start, site.range.end);
        // Fix only absolute imports, where the written text is the dotted path itself.
        const fixable = writtenModule === issue.module;
        report({
          file: site.file,
          range: site.range,
          about,
          severity: certainty(planned, site.scope === 'module' ? 'error' : 'warning'),
          message: `${message} It runs when ${planned.source.label} starts.`,
          related: planned.source.file ? [{ file: planned.source.file, range: planned.launch.command.range, message: 'The start command that imports it' }] : [],
          fixes: fixable ? [{ title: `Use the real spelling \`${corrected}\``, edits: [{ file: site.file, range: site.range, text: corrected }], isPreferred: true }] : [],
        });
      }
    }
  },
});
