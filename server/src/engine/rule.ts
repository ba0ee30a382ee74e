/** The one shape every rule has: metadata plus a check over the project model that reports findings. */

import type { Project } from './project';
import type { FileKind, FindingTag, Fix, OffsetRange, RelatedLocation, Severity } from './types';

export interface RuleMeta {
  /** Stable kebab-case id: the diagnostic code, the docs page name and the settings key. Never renamed. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One sentence: what the rule finds. */
  readonly summary: string;
  /** Files the rule reports in. */
  readonly fileKinds: readonly FileKind[];
  /** Ids of other tools' checks this rule overlaps, honoured in their suppression comments (`# hadolint ignore=`). */
  readonly upstream?: readonly string[];
}

export interface Report {
  readonly file: string;
  readonly range: OffsetRange;
  readonly message: string;
  /** Defaults to the rule's default severity; a rule lowers it where the failure is not certain. */
  readonly severity?: Severity;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
  readonly tags?: readonly FindingTag[];
  /** Stable keys of what the finding is about (`module:backend`, `port`), for linking log diagnoses to it. */
  readonly about?: readonly string[];
}

export interface Rule extends RuleMeta {
  check(project: Project, report: (r: Report) => void): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
