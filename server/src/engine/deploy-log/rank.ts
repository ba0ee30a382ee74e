/**
 * Ranking of a window's causes: the signature's confidence, corroborated by the symptoms the cause explains and
 * by repetition (and, between equals, by how late in the log it appears). A symptom is explained by the
 * highest-ranked cause whose category can produce it.
 */

import type { Aggregate } from './aggregate';
import type { Category, SymptomId } from './types';

const RUNTIME: readonly SymptomId[] = [
  'http_502', 'http_503', 'healthcheck_failed', 'cors_error', 'crash_loop', 'container_exited', 'deploy_failed', 'app_failed_to_respond', 'boot_timeout',
  'worker_failed_to_boot', 'unhandled_exception',
];
const BUILD: readonly SymptomId[] = ['build_failed', 'deploy_failed'];
const PORT: readonly SymptomId[] = ['http_502', 'http_503', 'healthcheck_failed', 'cors_error', 'app_failed_to_respond', 'boot_timeout', 'deploy_failed', 'crash_loop', 'process_killed', 'container_exited'];

/** Which symptoms a cause of each category can produce. */
const EXPLAINS: Readonly<Record<Category, readonly SymptomId[]>> = {
  module_not_found_pythonpath: RUNTIME,
  module_not_found_missing_dependency: RUNTIME,
  wrong_app_module_path: RUNTIME,
  wrong_app_attribute: RUNTIME,
  port_not_bound_or_wrong_host: PORT,
  hardcoded_port: PORT,
  exec_form_no_env_expansion: RUNTIME,
  malformed_exec_form: RUNTIME,
  healthcheck_path_wrong: ['healthcheck_failed', 'deploy_failed'],
  healthcheck_timeout_too_short: ['healthcheck_failed', 'deploy_failed'],
  internal_port_mismatch: PORT,
  missing_env_var: RUNTIME,
  database_unreachable: RUNTIME,
  private_network_dns_or_ipv6: [...RUNTIME, ...BUILD],
  ipv6_bind_unavailable: PORT,
  worker_timeout: ['request_timeout', 'http_502', 'http_503', 'worker_failed_to_boot', 'healthcheck_failed', 'process_killed', 'cors_error', 'app_failed_to_respond', 'boot_timeout'],
  out_of_memory: [...RUNTIME, 'process_killed'],
  missing_system_package_build: [...RUNTIME, ...BUILD],
  python_version_mismatch: [...RUNTIME, ...BUILD],
  pip_install_failure: BUILD,
  executable_not_on_path: RUNTIME,
  virtualenv_not_activated: [...RUNTIME, ...BUILD],
  migration_failure: [...RUNTIME, ...BUILD],
  case_sensitive_path: RUNTIME,
  monorepo_root_directory_isolation: [...RUNTIME, ...BUILD],
  no_web_process: ['http_502', 'http_503', 'app_failed_to_respond', 'healthcheck_failed', 'deploy_failed', 'build_failed', 'cors_error', 'container_exited'],
  cors_masking_502: ['cors_error'],
  address_in_use: RUNTIME,
  django_allowed_hosts: ['healthcheck_failed', 'deploy_failed', 'cors_error', 'http_503'],
  syntax_error_in_app: RUNTIME,
  startup_crash_in_lifespan: RUNTIME,
  volume_mount_shadows_code: RUNTIME,
  k8s_service_env_collision: RUNTIME,
  deprecated_stack: BUILD,
  static_files_not_collected: [...RUNTIME, ...BUILD],
  image_platform_mismatch: RUNTIME,
};

export interface Ranking {
  /** The causes, most likely first. */
  readonly causes: readonly Aggregate[];
  /** The symptoms each cause explains. */
  readonly explains: ReadonlyMap<Aggregate, SymptomId[]>;
  /** The categories of the causes that explain each symptom. */
  readonly explainedBy: ReadonlyMap<SymptomId, Category[]>;
  /** The confidence a cause is reported with (0–0.99, two decimals). */
  confidence(cause: Aggregate): number;
}

/**
 * Ranks the causes of a window. `seen` is how often a cause was seen in the whole paste (a crash loop repeats
 * it); `totalLines` is the length of the paste.
 */
export function rank(causes: readonly Aggregate[], symptoms: readonly Aggregate[], seen: (cause: Aggregate) => number, totalLines: number): Ranking {
  const assign = (ranked: readonly Aggregate[]): Map<Aggregate, SymptomId[]> => {
    const out = new Map<Aggregate, SymptomId[]>();
    for (const s of symptoms) {
      const by = ranked.find((c) => EXPLAINS[c.category!]?.includes(s.symptom!));
      if (!by) continue;
      const list = out.get(by) ?? [];
      if (!list.includes(s.symptom!)) list.push(s.symptom!);
      out.set(by, list);
    }
    return out;
  };
  // First by the signatures' confidence alone, to see what each cause explains; then with that corroboration.
  const first = assign([...causes].sort((a, b) => b.confidence - a.confidence || b.lastLine - a.lastLine));
  const lateness = (c: Aggregate): number => (totalLines ? (0.01 * c.lastLine) / totalLines : 0);
  const scores = new Map<Aggregate, number>();
  for (const c of causes) scores.set(c, c.confidence + Math.min(0.1, 0.03 * (first.get(c)?.length ?? 0)) + (seen(c) > 1 ? 0.02 : 0) + lateness(c));
  const score = (c: Aggregate): number => scores.get(c)!;
  const ranked = [...causes].sort((a, b) => score(b) - score(a));
  const explains = assign(ranked);
  const explainedBy = new Map<SymptomId, Category[]>();
  for (const [c, list] of explains) for (const s of list) explainedBy.set(s, [...(explainedBy.get(s) ?? []), c.category!]);
  return {
    causes: ranked,
    explains,
    explainedBy,
    confidence: (c) => Math.round(Math.min(0.99, score(c) - lateness(c)) * 100) / 100,
  };
}
