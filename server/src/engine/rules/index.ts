/** The registry: every rule, one line each. A tidy test keeps it in step with docs/rules and the settings schema. */

import type { Rule } from '../rule';
import { appAttributeMissing } from './app-attribute-missing';
import { appModuleNotImportable } from './app-module-not-importable';
import { configSyntax } from './config-syntax';
import { buildCommandPrivateNetwork } from './build-command-private-network';
import { cronSchedule } from './cron-schedule';
import { dockerfileOverridesBuilder } from './dockerfile-overrides-builder';
import { dockerfilePathMissing } from './dockerfile-path-missing';
import { healthcheckPath } from './healthcheck-path';
import { healthcheckTimeout } from './healthcheck-timeout';
import { procfileReleasePhase } from './procfile-release-phase';
import { restartPolicyRetries } from './restart-policy-retries';
import { execFormEnvNotExpanded } from './exec-form-env-not-expanded';
import { firstPartyImportUnresolvable } from './first-party-import-unresolvable';
import { hostNotReachable } from './host-not-reachable';
import { modulePathCaseMismatch } from './module-path-case-mismatch';
import { portNotFromEnv } from './port-not-from-env';
import { procfileSyntax } from './procfile-syntax';
import { railwayConfigCutoff } from './railway-config-cutoff';
import { railwayConfigSchema } from './railway-config-schema';
import { serviceImportsOutsideRoot } from './service-imports-outside-root';

export const allRules: readonly Rule[] = [
  configSyntax,
  railwayConfigSchema,
  railwayConfigCutoff,
  dockerfilePathMissing,
  dockerfileOverridesBuilder,
  healthcheckPath,
  healthcheckTimeout,
  restartPolicyRetries,
  cronSchedule,
  buildCommandPrivateNetwork,
  procfileSyntax,
  procfileReleasePhase,
  appModuleNotImportable,
  firstPartyImportUnresolvable,
  modulePathCaseMismatch,
  appAttributeMissing,
  serviceImportsOutsideRoot,
  hostNotReachable,
  portNotFromEnv,
  execFormEnvNotExpanded,
];
