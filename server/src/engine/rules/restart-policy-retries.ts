/**
 * restart-policy-retries: `restartPolicyMaxRetries` only applies to the ON_FAILURE restart policy
 * (research/platforms.md §1.3); with ALWAYS or NEVER it does nothing.
 */

import { railwayConfigAt } from '../plan/build';
import { allSections, stringValue } from '../railway/config';
import { defineRule } from '../rule';

export const restartPolicyRetries = defineRule({
  id: 'restart-policy-retries',
  defaultSeverity: 'warning',
  summary: 'restartPolicyMaxRetries is set while the restart policy is not ON_FAILURE, so it does nothing.',
  fileKinds: ['railway-toml', 'railway-json'],
  check(project, report) {
    for (const path of [...project.filesOfKind('railway-toml'), ...project.filesOfKind('railway-json')]) {
      const config = railwayConfigAt(project, path);
      if (!config?.doc.root) continue;
      const base = allSections(config)[0];
      for (const sections of allSections(config)) {
        const retries = sections.deploy?.entries.get('restartPolicyMaxRetries');
        if (!retries) continue;
        const type = stringValue(sections.deploy?.entries.get('restartPolicyType')?.value) ?? stringValue(base?.deploy?.entries.get('restartPolicyType')?.value);
        const policy = type?.value.toUpperCase();
        if (!policy || policy === 'ON_FAILURE') continue;
        report({
          file: path,
          range: retries.keyRange,
          tags: ['unnecessary'],
          message: `\`restartPolicyMaxRetries\` only applies to \`restartPolicyType = "ON_FAILURE"\`; with \`"${type?.value}"\` Railway ${policy === 'ALWAYS' ? 'restarts the service every time it stops' : 'never restarts it'}.`,
          fixes: type ? [{ title: 'Use restartPolicyType "ON_FAILURE"', edits: [type.rewrite('ON_FAILURE')] }] : [],
        });
      }
    }
  },
});
