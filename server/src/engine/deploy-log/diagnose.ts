/**
 * Diagnosis: from what the scanner found to the DESIGN §3 answer.
 *
 * Windows. A paste often holds several attempts (restarts of a crash loop, redeploys). Deploy and build starts
 * (`Starting Container`, `Starting gunicorn`, `Started server process`, builder banners, Heroku's `State changed
 * from … to starting`) open a new window — but only once the current window holds a cause, so the build log,
 * a healthcheck block or a few symptoms before the crash stay with it. The answer is the last window that holds
 * a cause, plus the symptoms of a causeless window after it (the crash loop going on); with no cause at all,
 * the whole paste and its symptoms, and no invented cause.
 *
 * Ranking. Causes come before symptoms; among causes, the signature's confidence, corroborated by the symptoms
 * it explains and by repetition. A symptom is explained by the highest-ranked cause whose category can produce
 * it. Repeated occurrences are one entry with a count, keeping the first and the last evidence.
 *
 * Memory stays bounded: two windows of aggregates, a capped number of keys, capped evidence per entry.
 */

import type { LineSource, PlatformHint } from './reader';
import { MASK, redact } from './redact';
import type { Finding } from './signatures/types';
import type { Category, EvidenceLine, LogCause, LogDiagnosis, LogFix, LogLocation, LogPlatform, LogSymptom, SymptomId } from './types';

export type Linker = (cause: LogCause) => { locations: LogLocation[]; fixes: LogFix[] };

export interface RawEvidence {
  readonly line: number;
  readonly text: string;
}

/** Facts the log states about the deploy as a whole (builder, its start command, the healthcheck settings). */
export interface DeployFacts {
  builder?: string;
  startCommand?: string;
  healthcheckPath?: string;
  retryWindow?: string;
}

const MAX_KEYS = 400;
const MAX_EVIDENCE = 6;
const MAX_EVIDENCE_TEXT = 1000;
const MAX_GLOBAL = 2000;

interface Aggregate {
  readonly kind: 'cause' | 'symptom';
  readonly id: string;
  readonly key: string;
  signature: string;
  category?: Category;
  symptom?: SymptomId;
  confidence: number;
  values: Record<string, string>;
  first: RawEvidence[];
  last: RawEvidence[];
  count: number;
  firstLine: number;
  lastLine: number;
}

interface Window {
  readonly start: number;
  end: number;
  readonly aggregates: Map<string, Aggregate>;
  hasCause: boolean;
  volume: boolean;
  allAddresses: boolean;
  listening: Record<string, string>[];
}

function newWindow(start: number): Window {
  return { start, end: start, aggregates: new Map(), hasCause: false, volume: false, allAddresses: false, listening: [] };
}

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

export class Diagnoser {
  private current: Window = newWindow(1);
  private lastWithCause: Window | undefined;
  private windows = 1;
  private readonly global = new Map<string, { count: number; windows: number; lastWindow: number; first: RawEvidence[] }>();
  private readonly votes = new Map<PlatformHint, number>();
  readonly facts: DeployFacts = {};

  vote(platform: PlatformHint | undefined, weight = 1): void {
    if (platform) this.votes.set(platform, (this.votes.get(platform) ?? 0) + weight);
  }

  /** A deploy or build starts at `line`. */
  boundary(line: number): void {
    if (!this.current.hasCause) return;
    this.lastWithCause = this.current;
    this.current = newWindow(line);
    this.windows++;
  }

  marker(kind: string, values: Readonly<Record<string, string>>): void {
    if (kind === 'volume') this.current.volume = true;
    else if (kind === 'all-addresses') this.current.allAddresses = true;
    else if (kind === 'listening' && this.current.listening.length < 20) this.current.listening.push({ ...values });
    if (values.builder && (values.builder !== 'docker' || !this.facts.builder)) this.facts.builder = values.builder;
  }

  add(signature: string, finding: Finding, evidence: readonly RawEvidence[], line: number): void {
    if (finding.role === 'marker') return;
    const w = this.current;
    w.end = Math.max(w.end, line);
    const kind = finding.role;
    const id = kind === 'cause' ? finding.category! : finding.symptom!;
    if (!id) return;
    const key = `${kind}:${id}:${finding.key ?? ''}`;
    const capped = evidence.slice(0, MAX_EVIDENCE).map((e) => ({ line: e.line, text: e.text.length > MAX_EVIDENCE_TEXT ? e.text.slice(0, MAX_EVIDENCE_TEXT) : e.text }));
    let agg = w.aggregates.get(key);
    if (!agg) {
      if (w.aggregates.size >= MAX_KEYS) return;
      agg = {
        kind,
        id,
        key,
        signature,
        category: finding.category,
        symptom: finding.symptom,
        confidence: finding.confidence,
        values: { ...finding.values },
        first: capped,
        last: [],
        count: 0,
        firstLine: line,
        lastLine: line,
      };
      w.aggregates.set(key, agg);
    } else {
      agg.last = capped;
      if (finding.confidence > agg.confidence) {
        agg.confidence = finding.confidence;
        agg.signature = signature;
        agg.values = { ...agg.values, ...finding.values };
      }
    }
    agg.count++;
    agg.lastLine = line;
    if (kind === 'cause') w.hasCause = true;

    let g = this.global.get(key);
    if (!g && this.global.size < MAX_GLOBAL) {
      g = { count: 0, windows: 0, lastWindow: -1, first: capped };
      this.global.set(key, g);
    }
    if (g) {
      g.count++;
      if (g.lastWindow !== this.windows) {
        g.windows++;
        g.lastWindow = this.windows;
      }
    }
  }

  finish(totalLines: number, link?: Linker): LogDiagnosis {
    const cur = this.current;
    const chosen = cur.hasCause || !this.lastWithCause ? cur : this.lastWithCause;
    const trailing = chosen === cur ? undefined : cur;

    const causes: Aggregate[] = [];
    const symptoms = new Map<string, Aggregate>();
    for (const a of chosen.aggregates.values()) (a.kind === 'cause' ? causes.push(a) : symptoms.set(a.key, a));
    if (trailing) {
      for (const a of trailing.aggregates.values()) {
        const s = symptoms.get(a.key);
        if (!s) symptoms.set(a.key, a);
        else {
          s.count += a.count;
          s.last = a.last.length ? a.last : a.first;
          s.lastLine = a.lastLine;
        }
      }
    }
    const platform = this.platform();
    this.refine(causes, symptoms, chosen, platform);

    // Crash loops: the same cause in several windows.
    const top = causes.length ? causes.reduce((a, b) => (b.confidence > a.confidence ? b : a)) : undefined;
    const repeated = top ? this.global.get(top.key) : undefined;
    if (top && repeated && repeated.windows >= 2 && !symptoms.has('symptom:crash_loop:')) {
      symptoms.set('symptom:crash_loop:', {
        kind: 'symptom',
        id: 'crash_loop',
        key: 'symptom:crash_loop:',
        signature: 'diagnosis.repeated-crash',
        symptom: 'crash_loop',
        confidence: 0.6,
        values: { restarts: String(repeated.windows) },
        first: repeated.first.slice(0, 1),
        last: top.first.slice(0, 1),
        count: repeated.windows,
        firstLine: repeated.first[0]?.line ?? top.firstLine,
        lastLine: top.lastLine,
      });
    }

    // One entry per symptom id: repeated and differently-keyed occurrences (H10 on several paths) merge.
    const byId = new Map<SymptomId, Aggregate>();
    for (const s of [...symptoms.values()].sort((a, b) => a.firstLine - b.firstLine)) {
      const seen = byId.get(s.symptom!);
      if (!seen) {
        byId.set(s.symptom!, { ...s, first: [...s.first], last: [...s.last], values: { ...s.values } });
        continue;
      }
      seen.count += s.count;
      seen.last = s.last.length ? s.last : s.first;
      seen.lastLine = Math.max(seen.lastLine, s.lastLine);
      seen.values = { ...s.values, ...seen.values };
    }
    const symptomList = [...byId.values()];
    const assign = (ranked: Aggregate[]): Map<Aggregate, SymptomId[]> => {
      const out = new Map<Aggregate, SymptomId[]>();
      for (const s of symptomList) {
        const by = ranked.find((c) => EXPLAINS[c.category!]?.includes(s.symptom!));
        if (!by) continue;
        const list = out.get(by) ?? [];
        if (!list.includes(s.symptom!)) list.push(s.symptom!);
        out.set(by, list);
      }
      return out;
    };
    const byConfidence = [...causes].sort((a, b) => b.confidence - a.confidence || b.lastLine - a.lastLine);
    const first = assign(byConfidence);
    const score = (c: Aggregate): number => {
      const repeatedCount = this.global.get(c.key)?.count ?? c.count;
      return c.confidence + Math.min(0.1, 0.03 * (first.get(c)?.length ?? 0)) + (repeatedCount > 1 ? 0.02 : 0) + (totalLines ? (0.01 * c.lastLine) / totalLines : 0);
    };
    const ranked = [...causes].sort((a, b) => score(b) - score(a));
    const explains = assign(ranked);
    const explainedBy = new Map<SymptomId, Category[]>();
    for (const [c, list] of explains) for (const s of list) explainedBy.set(s, [...(explainedBy.get(s) ?? []), c.category!]);

    let redactions = 0;
    const clean = (text: string): string => {
      const r = redact(text);
      redactions += r.count;
      return r.text;
    };
    const evidenceOf = (a: Aggregate): EvidenceLine[] => {
      const lines = [...a.first];
      for (const e of a.last) if (!lines.some((l) => l.line === e.line)) lines.push(e);
      lines.sort((x, y) => x.line - y.line);
      return lines.map((e) => ({ line: e.line, text: clean(e.text) }));
    };
    const cleanValues = (values: Record<string, string>): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(values)) if (v !== '') out[k] = v.includes(MASK) ? v : clean(v);
      return out;
    };

    const outCauses: LogCause[] = ranked.map((c) => {
      const values = cleanValues({ ...this.factValues(c.category!), ...c.values });
      const count = this.global.get(c.key)?.count ?? c.count;
      let cause: LogCause = {
        category: c.category!,
        ...(RULE_OF[c.category!] ? { ruleId: RULE_OF[c.category!] } : {}),
        confidence: Math.round(Math.min(0.99, score(c) - (totalLines ? (0.01 * c.lastLine) / totalLines : 0)) * 100) / 100,
        message: causeMessage(c.category!, values, platform),
        evidence: evidenceOf(c),
        locations: [],
        fixes: [],
        explains: explains.get(c) ?? [],
        signature: c.signature,
        values,
        ...(count > 1 ? { count } : {}),
      };
      if (link) {
        try {
          const linked = link(cause);
          cause = { ...cause, locations: linked.locations ?? [], fixes: linked.fixes ?? [] };
        } catch {
          // A linker failure never costs the diagnosis.
        }
      }
      return cause;
    });

    const order = (s: Aggregate): number => symptomOrder.indexOf(s.symptom!);
    const outSymptoms: LogSymptom[] = symptomList
      .sort((a, b) => order(a) - order(b) || a.firstLine - b.firstLine)
      .map((s) => {
        const values = cleanValues(s.values);
        return {
          id: s.symptom!,
          message: symptomMessage(s.symptom!, values, outCauses.length > 0),
          evidence: evidenceOf(s),
          signature: s.signature,
          explainedBy: explainedBy.get(s.symptom!) ?? [],
          ...(Object.keys(values).length ? { values } : {}),
          ...(s.count > 1 ? { count: s.count } : {}),
        };
      });

    const end = Math.max(chosen.end, trailing?.end ?? 0, totalLines);
    return {
      causes: outCauses,
      symptoms: outSymptoms,
      platform,
      redactions,
      lines: totalLines,
      ...(this.windows > 1 ? { window: { from: chosen.start, to: trailing ? end : Math.max(chosen.end, chosen.start) } } : {}),
      ...(Object.keys(this.facts).length ? { facts: cleanValues({ ...this.facts } as Record<string, string>) } : {}),
    };
  }

  private factValues(category: Category): Record<string, string> {
    const out: Record<string, string> = {};
    if (this.facts.builder) out.builder = this.facts.builder;
    if (this.facts.startCommand && START_RELATED.has(category)) out.startCommand = this.facts.startCommand;
    if (this.facts.healthcheckPath && (category === 'healthcheck_path_wrong' || category === 'healthcheck_timeout_too_short')) out.path = this.facts.healthcheckPath;
    if (this.facts.retryWindow && (category === 'healthcheck_timeout_too_short' || category === 'healthcheck_path_wrong')) out.retryWindow = this.facts.retryWindow;
    return out;
  }

  private platform(): LogPlatform {
    let best: LogPlatform = 'unknown';
    let n = 0;
    for (const [p, v] of this.votes) {
      if (v > n) {
        best = p;
        n = v;
      }
    }
    return best;
  }

  /** Rules that need the whole window: suppressions, merges and the few inferences from symptoms alone. */
  private refine(causes: Aggregate[], symptoms: Map<string, Aggregate>, w: Window, platform: LogPlatform): void {
    const remove = (a: Aggregate): void => {
      const i = causes.indexOf(a);
      if (i >= 0) causes.splice(i, 1);
    };
    const find = (category: Category): Aggregate | undefined => causes.find((c) => c.category === category);
    const symptom = (id: SymptomId): Aggregate | undefined => [...symptoms.values()].find((s) => s.symptom === id);

    // Flask prints a loopback URL next to the real one when it runs on all addresses.
    if (w.allAddresses) for (const c of causes.filter((x) => x.category === 'port_not_bound_or_wrong_host' && x.values.server === 'flask')) remove(c);

    // `uvicorn --host ::` is a problem only when an IPv4 probe found nothing listening.
    const ipv6Only = causes.find((c) => c.key.endsWith(':ipv6-only'));
    const unavailable = [...symptoms.values()].some((s) => s.symptom === 'healthcheck_failed' && (s.values.reason === 'service unavailable' || s.key.endsWith(':unavailable')));
    if (ipv6Only) {
      if (unavailable) ipv6Only.confidence = 0.7;
      else remove(ipv6Only);
    }

    // gunicorn kills a timed-out worker with SIGKILL and then guesses "Perhaps out of memory?".
    const timeout = find('worker_timeout');
    const oom = causes.find((c) => c.category === 'out_of_memory' && c.values.server === 'gunicorn');
    if (timeout && oom) {
      timeout.last = [...oom.first];
      remove(oom);
    }

    // uvicorn's `Application startup failed` after a traceback: the traceback says why.
    const lifespan = find('startup_crash_in_lifespan');
    if (lifespan) {
      const before = causes.filter((c) => c !== lifespan && c.firstLine <= lifespan.lastLine);
      const crash = before.sort((a, b) => b.lastLine - a.lastLine)[0];
      const unhandled = symptom('unhandled_exception');
      if (crash) {
        crash.confidence = Math.min(0.95, crash.confidence + 0.05);
        crash.values = { ...crash.values, phase: 'lifespan startup' };
        crash.last = [...lifespan.first];
        remove(lifespan);
      } else if (unhandled && unhandled.firstLine <= lifespan.lastLine) {
        lifespan.values = { ...lifespan.values, ...unhandled.values };
        lifespan.first = [...unhandled.first, ...lifespan.first].slice(0, MAX_EVIDENCE);
        lifespan.confidence = 0.8;
        symptoms.delete(unhandled.key);
      }
    }

    // A file the start command names is missing after a volume was mounted: the volume hides the image's code.
    if (w.volume) {
      for (const c of causes) {
        if (c.category === 'wrong_app_module_path' && c.values.path) {
          c.category = 'volume_mount_shadows_code';
          c.confidence = 0.65;
        }
      }
    }

    // The app-root rule of the ModuleNotFoundError heuristic speaks of Railway's Root Directory only.
    for (const c of causes) {
      if (c.category === 'monorepo_root_directory_isolation' && c.values.hint === 'package-missing-from-app-root' && platform !== 'railway') {
        c.category = 'module_not_found_pythonpath';
        c.confidence = 0.6;
      }
    }

    if (causes.length) return;

    // Inferences, only where the log names the problem itself: Heroku's R10 says the web process did not bind $PORT.
    const r10 = symptom('boot_timeout');
    if (r10 && r10.values.code === 'R10') causes.push(inferred('port_not_bound_or_wrong_host', 0.65, r10, 'heroku.r10-boot-timeout', { port: '$PORT', variable: 'PORT' }));
    // A browser CORS error next to a 502: the 502 carries no CORS headers (research §7).
    const corsError = symptom('cors_error');
    const gateway = symptom('http_502') ?? symptom('app_failed_to_respond');
    if (corsError && gateway) causes.push(inferred('cors_masking_502', 0.6, corsError, 'cors.masking-502', { status: '502' }, gateway));
  }
}

function inferred(category: Category, confidence: number, from: Aggregate, signature: string, values: Record<string, string>, also?: Aggregate): Aggregate {
  return {
    kind: 'cause',
    id: category,
    key: `cause:${category}:inferred`,
    signature,
    category,
    confidence,
    values: { ...from.values, ...values, inferred: 'true' },
    first: [...from.first, ...(also?.first ?? [])].slice(0, MAX_EVIDENCE),
    last: [],
    count: 1,
    firstLine: from.firstLine,
    lastLine: Math.max(from.lastLine, also?.lastLine ?? 0),
  };
}

const START_RELATED: ReadonlySet<Category> = new Set<Category>([
  'module_not_found_pythonpath', 'wrong_app_module_path', 'wrong_app_attribute', 'port_not_bound_or_wrong_host', 'hardcoded_port', 'exec_form_no_env_expansion',
  'malformed_exec_form', 'executable_not_on_path', 'no_web_process', 'monorepo_root_directory_isolation', 'ipv6_bind_unavailable', 'address_in_use',
]);

/** The check rule that finds the same problem in the config. */
export const RULE_OF: Readonly<Partial<Record<Category, string>>> = {
  module_not_found_pythonpath: 'app-module-not-importable',
  wrong_app_module_path: 'app-module-not-importable',
  wrong_app_attribute: 'app-attribute-missing',
  port_not_bound_or_wrong_host: 'host-not-reachable',
  hardcoded_port: 'port-not-from-env',
  exec_form_no_env_expansion: 'exec-form-env-not-expanded',
  case_sensitive_path: 'module-path-case-mismatch',
  monorepo_root_directory_isolation: 'service-imports-outside-root',
};

const symptomOrder: readonly SymptomId[] = [
  'unhandled_exception', 'worker_failed_to_boot', 'container_exited', 'process_killed', 'crash_loop', 'boot_timeout', 'build_failed', 'healthcheck_failed',
  'deploy_failed', 'app_failed_to_respond', 'http_502', 'http_503', 'request_timeout', 'cors_error',
];

function v(values: Record<string, string>, key: string, fallback = ''): string {
  return values[key] ?? fallback;
}

function at(values: Record<string, string>): string {
  return values.file ? ` (${values.file}${values.line ? `:${values.line}` : ''})` : '';
}

/** One or two plain sentences: the problem, then the next step. */
export function causeMessage(category: Category, values: Record<string, string>, platform: LogPlatform): string {
  const module = v(values, 'module', v(values, 'topLevel'));
  const variable = v(values, 'variable');
  switch (category) {
    case 'module_not_found_pythonpath':
      if (values.reason) return `Python could not resolve a relative import${at(values)}: the folder the app starts from is not the package root. Start it with \`python -m\` from the project root or fix the working directory.`;
      return `Python cannot import \`${module}\`${at(values)}: the package is in the project but its parent folder is not on sys.path where the app starts. Prepend \`PYTHONPATH=.\` to the start command (or start it with \`python -m\` from the project root).`;
    case 'module_not_found_missing_dependency':
      return `The module \`${module}\` is not installed in the image${at(values)}. Add its distribution to requirements.txt or pyproject.toml and redeploy.`;
    case 'monorepo_root_directory_isolation':
      if (values.path) return `The build cannot find \`${values.path}\`: it is outside the build context or the service's Root Directory. Copy it into the service folder or widen the build context.`;
      if (values.builder && !module) return `${values.builder === 'nixpacks' ? 'Nixpacks' : 'Railpack'} found no app at the repository root. Set the service's Root Directory to the folder that holds the app.`;
      return `\`${module}\` is imported${at(values)} but is not in the deployed files: the service's Root Directory leaves it out of the image. Deploy from a folder that contains \`${module}\` (or copy it into the service) and set PYTHONPATH accordingly.`;
    case 'wrong_app_module_path':
      if (values.reason) return `A script run by path uses a relative import${at(values)}. Start it as a module (\`python -m package.module\`) from the project root.`;
      if (values.path) return `Python cannot open \`${values.path}\`: the start command names a file that is not in the image. Fix the path in the start command or the Dockerfile's COPY.`;
      if (values.importString) return `The app is given as \`${values.importString}\` without \`:attribute\`. Use the \`module:attribute\` form, e.g. \`main:app\`.`;
      return `The start command's app module \`${module || v(values, 'module')}\` cannot be imported from the folder the server starts in. Fix the module path in the start command or start from the folder that contains it.`;
    case 'wrong_app_attribute':
      if (values.expression) return `gunicorn cannot parse \`${values.expression}\` as an app object (stray quotes or a bad expression). Use \`module:app\` without quotes.`;
      return `The module \`${v(values, 'module', '?')}\` has no app object \`${v(values, 'attribute', 'app')}\`. Point the start command at the variable that holds the app (or call the factory: \`module:create_app()\`).`;
    case 'port_not_bound_or_wrong_host':
      if (values.platform === 'fly' || values.platform === 'render') return `The platform found nothing listening on the expected port${values.expected ? ` (${values.expected})` : ''}. Bind the server to 0.0.0.0 and the port in $PORT.`;
      if (values.inferred) return `The web process did not listen on $PORT in time, so the platform gave up on it. Bind to 0.0.0.0:$PORT (gunicorn does by default; uvicorn needs \`--host 0.0.0.0 --port $PORT\`).`;
      if (values.host) return `${v(values, 'server', 'The server')} listens on ${values.host}${values.port ? `:${values.port}` : ''}, which the platform's proxy cannot reach. Bind to 0.0.0.0 and the port in $PORT.`;
      return `The server's bind address or port is not one the platform can reach. Bind to 0.0.0.0 and the port in $PORT.`;
    case 'hardcoded_port':
      return `The server listens on a fixed port where the platform assigns one in $PORT. Read the port from $PORT.`;
    case 'exec_form_no_env_expansion':
      return `\`${v(values, 'port', v(values, 'value', '$PORT'))}\` reached ${v(values, 'server', 'the program')} unexpanded: the command runs without a shell (exec-form CMD, or a start command on a Dockerfile service). Wrap it in \`sh -c "…"\` so the variable is expanded.`;
    case 'malformed_exec_form':
      return `The CMD is not valid JSON, so Docker ran it through /bin/sh as text (\`${v(values, 'token', '[')}\` is not a command). Use double quotes in the JSON array.`;
    case 'healthcheck_path_wrong':
      return `The healthcheck${values.path ? ` at \`${values.path}\`` : ''} got HTTP ${v(values, 'status', 'an error')} instead of 200. Point healthcheckPath at a route that answers 200 without redirects or authentication.`;
    case 'healthcheck_timeout_too_short':
      return `The app was still starting when the healthcheck window${values.retryWindow ? ` (${values.retryWindow})` : ''} ran out. Raise healthcheckTimeout or make startup faster.`;
    case 'internal_port_mismatch':
      return `The app listens on a different port than the one the platform routes to. Listen on $PORT or set the domain's target port.`;
    case 'missing_env_var':
      return `The environment variable \`${variable || '?'}\` is not set${at(values)}. Add it to this service's variables${platform === 'railway' ? ' (Railway variables are per service; reference shared ones with ${{Service.VAR}})' : ''} and redeploy.`;
    case 'database_unreachable':
      if (values.dialect === 'postgres') return `The database URL starts with \`postgres://\`, which SQLAlchemy 1.4+ rejects. Use \`postgresql://\` (rewrite the scheme in code or in the variable).`;
      if (values.reason === 'password authentication failed') return `The database rejected the credentials${values.user ? ` for \`${values.user}\`` : ''}. Check the password in ${v(values, 'variable', 'DATABASE_URL')}.`;
      if (values.host && (values.host === 'localhost' || values.host.startsWith('127.') || values.host === '::1'))
        return `The app connects to ${v(values, 'service', 'the database')} on ${values.host}${values.port ? `:${values.port}` : ''}, where nothing runs: ${v(values, 'variable', 'DATABASE_URL')} is probably not set on this service. Set it (or reference the database's variable) and redeploy.`;
      return `The app cannot reach its ${v(values, 'service', 'database')}${values.host ? ` at ${values.host}` : ''}. Check the connection URL and that the database is running and reachable from this service.`;
    case 'private_network_dns_or_ipv6':
      return `\`${v(values, 'host', '*.railway.internal')}\` does not resolve here: the private network exists only at runtime, in the same project and environment${values.phase === 'build' ? ' — this ran during the build' : ''}. Move migrations to the pre-deploy or start command, or use the public URL outside Railway.`;
    case 'ipv6_bind_unavailable':
      return `The server's bind address does not work here (IPv6-only listening refuses the platform's IPv4 probe, or IPv6 is unavailable). Bind to 0.0.0.0, or use a dual-stack bind such as gunicorn \`--bind [::]:$PORT\`.`;
    case 'worker_timeout':
      return `A gunicorn worker was silent longer than its timeout (30 s by default), so it was killed: a slow request or a slow import at boot. Raise \`--timeout\` or move slow work out of the request/import path.`;
    case 'out_of_memory':
      return `The process was killed for using too much memory${values.code ? ` (${values.code})` : ''}. Lower the worker count (WEB_CONCURRENCY), find the memory hog, or give the service more memory.`;
    case 'missing_system_package_build':
      return `A system package is missing${values.systemPackage ? ` (\`${values.systemPackage}\`)` : values.library ? ` (\`${values.library}\`)` : ''}${values.distribution ? ` to build ${values.distribution}` : ''}. ${values.alternative ? `Use \`${values.alternative}\` instead, or install the package in the image.` : 'Install it in the image (apt/nix packages) or use a binary wheel.'}`;
    case 'python_version_mismatch':
      return `The Python version does not fit${values.runtime ? ` (\`${values.runtime}\`)` : values.version ? ` (${values.version})` : values.requiresPython ? ` (needs ${values.requiresPython})` : ''}. Pin a supported version in .python-version or runtime.txt that your dependencies support.`;
    case 'pip_install_failure':
      if (values.package) return `pip could not install \`${values.requirement ?? values.package}\`. Check the name and the pin against the Python version of the image, then redeploy.`;
      if (values.lockfile) return `The lockfile (${values.lockfile}) is out of date with the project. Regenerate it and commit it.`;
      if (values.path) return `pip cannot open \`${values.path}\`. Fix the requirements path for the folder the build runs in.`;
      return `Installing the dependencies failed. Fix the conflicting or missing requirements shown in the evidence.`;
    case 'executable_not_on_path':
      return `\`${v(values, 'executable', 'The start executable')}\` is not installed or not on PATH in the image. Add it to the dependencies (or call it as \`python -m …\`) and redeploy.`;
    case 'virtualenv_not_activated':
      return `pip refused to install into the system Python (PEP 668, externally managed). Install into a virtual environment (\`python -m venv\`) or use the builder's install step.`;
    case 'migration_failure':
      return `A database migration failed${values.revision ? ` (revision \`${values.revision}\` is not in this image)` : values.reason ? ` (${values.reason})` : ''}. Fix the migration history, then rerun the migrations.`;
    case 'case_sensitive_path':
      return `A path matches only case-insensitively: it works on macOS and Windows but not on Linux. Rename the folder or fix the import's case.`;
    case 'no_web_process':
      if (values.code === 'H14') return `No web process is running (H14). Add a \`web:\` line to the Procfile and scale it to at least one dyno.`;
      return `The builder found no start command for the app. Set a start command (service settings, railway.toml, or a Procfile \`web:\` line).`;
    case 'cors_masking_502':
      return `The browser's CORS error is a 502 in disguise: the gateway's error page carries no CORS headers. Fix why the backend is down (see its deploy logs) before touching CORS settings.`;
    case 'address_in_use':
      return `Port ${v(values, 'port', '?')} is already in use, so the server could not bind it: two servers in one container, or a leftover process. Run one server per container on $PORT.`;
    case 'django_allowed_hosts':
      return `Django rejects the host \`${v(values, 'host', '?')}\`: it is not in ALLOWED_HOSTS. Add it${values.host === 'healthcheck.railway.app' ? '' : ' (and `healthcheck.railway.app` for Railway healthchecks)'} to ALLOWED_HOSTS.`;
    case 'syntax_error_in_app':
      return `The app does not parse: ${v(values, 'exception', 'SyntaxError')}${values.message ? ` (${values.message})` : ''}${at(values)}. Fix the code and redeploy.`;
    case 'startup_crash_in_lifespan':
      return `The app crashed during its startup (lifespan) handler${values.exception ? ` with ${values.exception}${values.message ? `: ${values.message}` : ''}` : ''}${at(values)}. Fix the startup code or make the dependency it waits for available.`;
    case 'volume_mount_shadows_code':
      return `A volume is mounted over the app's code, so \`${v(values, 'path', 'the start file')}\` is hidden. Mount the volume elsewhere (not on the app folder).`;
    case 'k8s_service_env_collision':
      return `A Kubernetes Service injected \`${v(values, 'variable', '<NAME>_PORT')}=tcp://…\`, which the app reads as its port. Rename the Service or set the variable explicitly in the pod spec.`;
    case 'deprecated_stack':
      return `The stack \`${v(values, 'stack', '?')}\` is retired or deprecated. Upgrade the app's stack and redeploy.`;
    case 'static_files_not_collected':
      return `Static files were not collected${values.path ? ` (\`${values.path}\` is not in the manifest)` : values.setting ? ' (STATIC_ROOT is not set)' : ''}. Set STATIC_ROOT and run \`collectstatic\` during the build.`;
    case 'image_platform_mismatch':
      return `The container's program cannot run on this machine (exec format error): the image was built for another CPU architecture, or the entry script has no \`#!\` line. Build for linux/amd64 or fix the script.`;
  }
}

function symptomMessage(id: SymptomId, values: Record<string, string>, explainedElsewhere: boolean): string {
  const tail = explainedElsewhere ? '' : ' The log does not show why.';
  switch (id) {
    case 'http_502':
      return `Requests failed with 502 Bad Gateway: the proxy reached no app.${tail}`;
    case 'http_503':
      return `The router answered 503${values.code ? ` (${values.code}${values.desc ? `, ${values.desc}` : ''})` : ''}.${tail}`;
    case 'healthcheck_failed':
      return `The healthcheck failed${values.reason ? ` (${values.reason})` : values.status ? ` (status ${values.status})` : values.probe ? ` (${values.probe} probe)` : ''}.${tail}`;
    case 'cors_error':
      return `The browser reported a CORS error${values.origin ? ` from ${values.origin}` : ''}; when the backend is down, its error page has no CORS headers.${tail}`;
    case 'crash_loop':
      return `The app keeps crashing and restarting${values.restarts ? ` (${values.restarts} starts in this log)` : ''}.${tail}`;
    case 'container_exited':
      return `The process exited${values.exitCode ? ` with code ${values.exitCode}` : ''}.${tail}`;
    case 'deploy_failed':
      return `The deployment failed${values.phase ? ` during ${values.phase}` : ''}.${tail}`;
    case 'app_failed_to_respond':
      return `Railway's edge answered "Application failed to respond" (502).${tail}`;
    case 'request_timeout':
      return `A request ran longer than the router's limit${values.code ? ` (${values.code})` : ''}.${tail}`;
    case 'boot_timeout':
      return `The web process did not bind its port in time${values.code ? ` (${values.code})` : ''}.${tail}`;
    case 'worker_failed_to_boot':
      return `gunicorn's worker failed to boot.${tail}`;
    case 'unhandled_exception':
      return `The app raised ${values.exception ?? 'an exception'}${values.message ? `: ${values.message}` : ''}${at(values)}. No known deploy problem matches it.`;
    case 'build_failed':
      return `The build failed${values.exitCode ? ` (exit code ${values.exitCode})` : ''}.${tail}`;
    case 'process_killed':
      return `The process was killed${values.signal ? ` (${values.signal})` : ''}${values.exitCode ? ` (exit ${values.exitCode})` : ''}; a kill alone does not prove it ran out of memory.${tail}`;
  }
}

export type { LineSource };
