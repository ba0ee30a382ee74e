/**
 * The log-diagnosis contract (DESIGN §3): what `deploy-doctor analyze`, the `deployDoctor/analyzeLog` request and
 * the log panel exchange. Line numbers are 1-based lines of the text the user gave; ranges in config files are
 * 0-based line/character, as in the check output. Self-contained on purpose: the client type-checks this file
 * through protocol.ts (client/tsconfig.json lists it), so it imports nothing from the engine.
 */

/** Root-cause categories: the fixed vocabulary of DESIGN §3. Extend only here and in the docs. */
export const CATEGORIES = [
  'module_not_found_pythonpath',
  'module_not_found_missing_dependency',
  'wrong_app_module_path',
  'wrong_app_attribute',
  'port_not_bound_or_wrong_host',
  'hardcoded_port',
  'exec_form_no_env_expansion',
  'malformed_exec_form',
  'healthcheck_path_wrong',
  'healthcheck_timeout_too_short',
  'internal_port_mismatch',
  'missing_env_var',
  'database_unreachable',
  'private_network_dns_or_ipv6',
  'ipv6_bind_unavailable',
  'worker_timeout',
  'out_of_memory',
  'missing_system_package_build',
  'python_version_mismatch',
  'pip_install_failure',
  'executable_not_on_path',
  'virtualenv_not_activated',
  'migration_failure',
  'case_sensitive_path',
  'monorepo_root_directory_isolation',
  'no_web_process',
  'cors_masking_502',
  'address_in_use',
  'django_allowed_hosts',
  'syntax_error_in_app',
  'startup_crash_in_lifespan',
  'volume_mount_shadows_code',
  'k8s_service_env_collision',
  'deprecated_stack',
  /** collectstatic never ran or failed (no STATIC_ROOT, missing manifest entry). Added with the log analyzer. */
  'static_files_not_collected',
  /** `exec format error`: the image was built for another CPU architecture (or the entry script has no `#!`). Added with the log analyzer. */
  'image_platform_mismatch',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** What a symptom is: the visible effect a cause explains (a 502, a failed healthcheck, a CORS error in a browser). */
export const SYMPTOMS = [
  'http_502',
  'http_503',
  'healthcheck_failed',
  'cors_error',
  'crash_loop',
  'container_exited',
  'deploy_failed',
  'app_failed_to_respond',
  'request_timeout',
  'boot_timeout',
  'worker_failed_to_boot',
  /** A traceback whose exception matches no cause signature: the app crashed, the log does not say why in a known way. */
  'unhandled_exception',
  /** The build (pip, buildpack, BuildKit) failed before anything could start. */
  'build_failed',
  /** The process was killed (SIGKILL, exit 137): not proof of running out of memory by itself. */
  'process_killed',
] as const;

export type SymptomId = (typeof SYMPTOMS)[number];

export interface EvidenceLine {
  /** 1-based line number in the text that was analysed. */
  readonly line: number;
  /** The line after normalisation (ANSI and prefixes removed) and redaction. */
  readonly text: string;
}

export interface LogPosition {
  readonly line: number;
  readonly character: number;
}

export interface LogLocation {
  /** Project-relative path with forward slashes. */
  readonly file: string;
  readonly range: { readonly start: LogPosition; readonly end: LogPosition };
  /** What this location is: `the web process in Procfile`, `the import in main.py`. */
  readonly label?: string;
}

export interface LogFix {
  readonly title: string;
  /** Edits as the engine makes them (offsets), so hosts can apply the same edit as the quick fix. */
  readonly edits?: readonly { readonly file: string; readonly range: { readonly start: number; readonly end: number }; readonly text: string }[];
  readonly isPreferred?: boolean;
}

export interface LogCause {
  readonly category: Category;
  /** The check rule that finds the same problem in the config, when there is one. */
  readonly ruleId?: string;
  /** 0–1: how sure the diagnosis is that this explains the failure. */
  readonly confidence: number;
  readonly message: string;
  readonly evidence: readonly EvidenceLine[];
  readonly locations: readonly LogLocation[];
  readonly fixes: readonly LogFix[];
  /** Symptoms in the log this cause explains. */
  readonly explains: readonly SymptomId[];
  /** The id of the signature that matched (`python.module-not-found`). */
  readonly signature: string;
  /** Values read from the log: module, port, host, variable, path, exit code… */
  readonly values: Readonly<Record<string, string>>;
  /** How often the same cause was seen in the whole paste (a crash loop repeats it); 1 when once. */
  readonly count?: number;
}

export interface LogSymptom {
  readonly id: SymptomId;
  readonly message: string;
  readonly evidence: readonly EvidenceLine[];
  readonly signature: string;
  /** Categories of the causes that explain this symptom, empty when nothing in the log does. */
  readonly explainedBy: readonly Category[];
  /** Values read from the log: healthcheck path, retry window, status, router code… */
  readonly values?: Readonly<Record<string, string>>;
  /** How often it was seen in the window; 1 when once. */
  readonly count?: number;
}

export type LogPlatform = 'railway' | 'heroku' | 'docker' | 'kubernetes' | 'fly' | 'render' | 'unknown';

export interface LogDiagnosis {
  /** Root causes, most likely first. */
  readonly causes: readonly LogCause[];
  readonly symptoms: readonly LogSymptom[];
  readonly platform: LogPlatform;
  /** Secrets masked in evidence and reports. */
  readonly redactions: number;
  /** Lines read. */
  readonly lines: number;
  /** Lines of the last failing deploy, when the paste holds several (1-based, inclusive). */
  readonly window?: { readonly from: number; readonly to: number };
  /**
   * What the log says about the deploy as a whole, when it says it: `builder` (railpack, nixpacks, dockerfile),
   * `startCommand` (from a Railpack/Nixpacks plan box), `healthcheckPath` and `retryWindow` (Railway's block).
   */
  readonly facts?: Readonly<Record<string, string>>;
}
