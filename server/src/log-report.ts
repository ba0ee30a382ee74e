/**
 * The log diagnosis in words, shared by the language server and the CLI so the panel's "Copy report", its card
 * titles and `deploy-doctor analyze` say the same thing: a title per cause category and per symptom, and the
 * Markdown report. Everything log-derived in the report is already redacted by the engine; here it is only
 * escaped, so a log line cannot turn into Markdown or HTML where the report is pasted.
 */

import type { Category, EvidenceLine, LogDiagnosis, LogLocation, LogPlatform, SymptomId } from './engine/deploy-log/types';

const CATEGORY_TITLES: Readonly<Record<Category, string>> = {
  module_not_found_pythonpath: 'Module not found on the import path',
  module_not_found_missing_dependency: 'Dependency not installed',
  wrong_app_module_path: 'Wrong app module path',
  wrong_app_attribute: 'Wrong app attribute',
  port_not_bound_or_wrong_host: 'Not listening where the platform connects',
  hardcoded_port: 'Hard-coded port',
  exec_form_no_env_expansion: 'Variable not expanded in exec-form command',
  malformed_exec_form: 'Malformed exec-form command',
  healthcheck_path_wrong: 'Wrong healthcheck path',
  healthcheck_timeout_too_short: 'Healthcheck timeout too short',
  internal_port_mismatch: 'Internal port mismatch',
  missing_env_var: 'Missing environment variable',
  database_unreachable: 'Database unreachable',
  private_network_dns_or_ipv6: 'Private network name not resolved',
  ipv6_bind_unavailable: 'IPv6 bind unavailable',
  worker_timeout: 'Worker timeout',
  out_of_memory: 'Out of memory',
  missing_system_package_build: 'System package missing at build',
  python_version_mismatch: 'Python version mismatch',
  pip_install_failure: 'pip install failed',
  executable_not_on_path: 'Executable not found',
  virtualenv_not_activated: 'Virtual environment not used',
  migration_failure: 'Migration failed',
  case_sensitive_path: 'File name case differs',
  monorepo_root_directory_isolation: 'Code outside the service root directory',
  no_web_process: 'No web process',
  cors_masking_502: 'CORS error hiding a crash',
  address_in_use: 'Address already in use',
  django_allowed_hosts: 'Host not in Django ALLOWED_HOSTS',
  syntax_error_in_app: 'Syntax error in the app',
  startup_crash_in_lifespan: 'Crash during app startup',
  volume_mount_shadows_code: 'Volume hides the app code',
  k8s_service_env_collision: 'Kubernetes service variable collision',
  deprecated_stack: 'Deprecated stack',
  static_files_not_collected: 'Static files not collected',
  image_platform_mismatch: 'Exec format error: wrong platform',
};

const SYMPTOM_TITLES: Readonly<Record<SymptomId, string>> = {
  http_502: 'HTTP 502 Bad Gateway',
  http_503: 'HTTP 503 Service Unavailable',
  healthcheck_failed: 'Healthcheck failed',
  cors_error: 'CORS error in the browser',
  crash_loop: 'Crash loop',
  container_exited: 'Container exited',
  deploy_failed: 'Deploy failed',
  app_failed_to_respond: 'Application failed to respond',
  request_timeout: 'Request timeout',
  boot_timeout: 'Boot timeout',
  worker_failed_to_boot: 'Worker failed to boot',
  unhandled_exception: 'Unhandled exception',
  build_failed: 'Build failed',
  process_killed: 'Process killed',
};

const PLATFORM_NAMES: Readonly<Record<LogPlatform, string>> = {
  railway: 'Railway',
  heroku: 'Heroku',
  docker: 'Docker',
  kubernetes: 'Kubernetes',
  fly: 'Fly.io',
  render: 'Render',
  unknown: 'an unknown platform',
};

/** A category in words; the id itself for one this build does not know. */
export function categoryTitle(category: string): string {
  return (CATEGORY_TITLES as Readonly<Record<string, string>>)[category] ?? category;
}

export function symptomTitle(id: string): string {
  return (SYMPTOM_TITLES as Readonly<Record<string, string>>)[id] ?? id;
}

export function platformName(platform: string): string {
  return (PLATFORM_NAMES as Readonly<Record<string, string>>)[platform] ?? platform;
}

/** `Procfile:1` (1-based line), the spelling of a location in reports and in the panel. */
export function locationText(location: Pick<LogLocation, 'file' | 'range'>): string {
  return `${location.file}:${location.range.start.line + 1}`;
}

/** `L57  ModuleNotFoundError: …`, one evidence line as reports print it. */
export function evidenceText(line: EvidenceLine, width = 0): string {
  return `${`L${line.line}`.padEnd(width)}  ${line.text}`;
}

/** The width of the widest `L<n>` label, so evidence lines align. */
export function evidenceWidth(lines: readonly EvidenceLine[]): number {
  return lines.reduce((w, l) => Math.max(w, `L${l.line}`.length), 0);
}

export function percent(confidence: number): string {
  return `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
}

/** The Markdown report of a diagnosis: the root cause first, other causes, then symptoms nothing explains. */
export function formatLogReport(diagnosis: LogDiagnosis): string {
  const out: string[] = ['# Deploy log diagnosis', '', summaryLine(diagnosis), ''];
  const [root, ...others] = diagnosis.causes;
  if (!root) {
    out.push('No failure found in this log.', '');
  } else {
    out.push(`## Root cause: ${escapeMarkdown(categoryTitle(root.category))}`, '', ...causeBody(diagnosis, root));
    if (others.length) {
      out.push('## Other possible causes', '');
      others.forEach((cause, i) => out.push(`### ${i + 2}. ${escapeMarkdown(categoryTitle(cause.category))}`, '', ...causeBody(diagnosis, cause)));
    }
  }
  const unexplained = diagnosis.symptoms.filter((s) => !s.explainedBy.length);
  if (unexplained.length) {
    out.push(root ? '## Symptoms no cause above explains' : '## Symptoms', '');
    for (const symptom of unexplained) {
      out.push(`- **${escapeMarkdown(symptomTitle(symptom.id))}**: ${escapeMarkdown(symptom.message)}`);
      if (symptom.evidence.length) out.push('', ...codeBlock(symptom.evidence, '  '));
    }
    out.push('');
  }
  out.push('---', '', '_Made by Deploy Doctor from a deploy log. Secrets it recognised are masked; check before sharing._', '');
  return out.join('\n');
}

function summaryLine(d: LogDiagnosis): string {
  const parts = [`Platform: ${platformName(d.platform)}`, `${count(d.lines, 'line')} read`];
  if (d.window) parts.push(`the last failing deploy is lines ${d.window.from}–${d.window.to}`);
  parts.push(d.redactions ? `${count(d.redactions, 'secret')} masked` : 'no secrets found to mask');
  return parts.join(' · ');
}

function causeBody(d: LogDiagnosis, cause: LogDiagnosis['causes'][number]): string[] {
  const out: string[] = [];
  const meta = [`Confidence: ${percent(cause.confidence)}`, `category \`${cause.category}\``];
  if (cause.ruleId) meta.push(`rule \`${cause.ruleId}\``);
  out.push(meta.join(' · '), '', escapeMarkdown(cause.message), '');
  if (cause.evidence.length) out.push('Evidence:', '', ...codeBlock(cause.evidence), '');
  for (const location of cause.locations) {
    out.push(`- Where: ${codeSpan(locationText(location))}${location.label ? ` (${escapeMarkdown(location.label)})` : ''}`);
  }
  for (const fix of cause.fixes) out.push(`- Fix: ${escapeMarkdown(fix.title)}`);
  if (cause.locations.length || cause.fixes.length) out.push('');
  const explained = d.symptoms.filter((s) => s.explainedBy.includes(cause.category));
  if (explained.length) {
    out.push('Explains:', '');
    for (const symptom of explained) {
      const lines = symptom.evidence.map((e) => `L${e.line}`).join(', ');
      out.push(`- ${escapeMarkdown(symptomTitle(symptom.id))}${lines ? ` (${lines})` : ''}: ${escapeMarkdown(symptom.message)}`);
    }
    out.push('');
  } else if (cause.explains.length) {
    out.push(`Explains: ${cause.explains.map((id) => escapeMarkdown(symptomTitle(id))).join(', ')}`, '');
  }
  return out;
}

/** Evidence in a fenced block whose fence is longer than any run of backticks inside it. */
function codeBlock(lines: readonly EvidenceLine[], indent = ''): string[] {
  const width = evidenceWidth(lines);
  const body = lines.map((l) => evidenceText(l, width));
  const longest = Math.max(2, ...body.map((t) => longestRun(t, '`')));
  const fence = '`'.repeat(longest + 1);
  return [`${indent}${fence}text`, ...body.map((t) => `${indent}${t}`), `${indent}${fence}`];
}

function codeSpan(text: string): string {
  const ticks = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/**
 * Text that reads the same in Markdown. Code spans (`like this`, as the engine writes names and commands) are
 * kept: Markdown shows them literally. Elsewhere, characters that could start emphasis, code, links, tables or
 * HTML are backslash-escaped, as is what would make a line a heading, list item or quote; line breaks become
 * spaces so one message stays one paragraph.
 */
export function escapeMarkdown(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  let out = '';
  let last = 0;
  for (const span of flat.matchAll(/`[^`]+`/g)) {
    out += escapeProse(flat.slice(last, span.index), last === 0) + span[0];
    last = span.index + span[0].length;
  }
  return out + escapeProse(flat.slice(last), last === 0);
}

function escapeProse(text: string, atLineStart: boolean): string {
  const escaped = text.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
  return atLineStart ? escaped.replace(/^(\s*)([#+\-=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2') : escaped;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
