/**
 * restart-policy-retries: `restartPolicyMaxRetries` only applies to the ON_FAILURE restart policy
 * (research/platforms.md §1.3); with ALWAYS or NEVER it does nothing.
 */

import { parsedRailwayConfigs } from '../plan/build';
import { allSections, stringValue } from '../railway/config';
import { defineRule } from '../rule';

export const restartPolicyRetries = defineRule({
  id: 'restart-policy-retries',
  defaultSeverity: 'warning',
  summary: '`restartPolicyMaxRetries` is set while the restart policy is ALWAYS or NEVER, so it does nothing.',
  fileKinds: ['railway-toml', 'railway-json'],
  check(project, report) {
    for (const { path, config } of parsedRailwayConfigs(project)) {
      const all = allSections(config);
      const base = all[0];
      for (const sections of all) {
        // An environment inherits what it does not set from the base config.
        const ownRetries = sections.deploy?.entries.get('restartPolicyMaxRetries');
        const retries = ownRetries ?? base?.deploy?.entries.get('restartPolicyMaxRetries');
        const ownType = stringValue(sections.deploy?.entries.get('restartPolicyType')?.value);
        const type = ownType ?? stringValue(base?.deploy?.entries.get('restartPolicyType')?.value);
        const policy = type?.value.toUpperCase();
        if (!retries || !type || (policy !== 'ALWAYS' && policy !== 'NEVER')) continue;
        // Report each pair once: in the section that sets the retries, or the override that changes the policy.
        if (!ownRetries && !ownType) continue;
        const where = sections.environment ? ` in the \`${sections.environment}\` environment` : '';
        report({
          file: path,
          range: ownRetries ? retries.keyRange : type.range,
          tags: ['unnecessary'],
          message: `\`restartPolicyMaxRetries\` only applies to \`restartPolicyType = "ON_FAILURE"\`; with \`"${type.value}"\`${where} Railway ${policy === 'ALWAYS' ? 'restarts the service every time it stops' : 'never restarts it'}, so the retry count does nothing.`,
          fixes: [{ title: 'Use restartPolicyType "ON_FAILURE"', edits: [type.rewrite('ON_FAILURE')] }],
        });
      }
    }
  },
});
