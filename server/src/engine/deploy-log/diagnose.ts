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
 * Repeated occurrences are one entry with a count, keeping the first and the last evidence. Ranking is in
 * rank.ts, the rules that need the whole window in refine.ts, the sentences in messages.ts.
 *
 * Memory stays bounded: two windows of aggregates, a capped number of keys, capped evidence per entry.
 */

import { MAX_EVIDENCE, type Aggregate, type RawEvidence } from './aggregate';
import { causeMessage, symptomMessage } from './messages';
import { rank } from './rank';
import type { PlatformHint } from './reader';
import { MASK, redact } from './redact';
import { refine } from './refine';
import type { Finding } from './signatures/types';
import type { Category, EvidenceLine, LogCause, LogDiagnosis, LogPlatform, LogSymptom, SymptomId } from './types';


/** Facts the log states about the deploy as a whole (builder, its start command, the healthcheck settings). */
export interface DeployFacts {
  builder?: string;
  startCommand?: string;
  healthcheckPath?: string;
  retryWindow?: string;
}

const MAX_KEYS = 400;
const MAX_EVIDENCE_TEXT = 1000;
const MAX_GLOBAL = 2000;

interface Window {
  readonly start: number;
  end: number;
  readonly aggregates: Map<string, Aggregate>;
  hasCause: boolean;
  volume: boolean;
  allAddresses: boolean;
}

function newWindow(start: number): Window {
  return { start, end: start, aggregates: new Map(), hasCause: false, volume: false, allAddresses: false };
}

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

  finish(totalLines: number): LogDiagnosis {
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
    refine(causes, symptoms, chosen, platform);
    this.addCrashLoop(causes, symptoms);

    const symptomList = mergeById(symptoms.values());
    const seen = (c: Aggregate): number => this.global.get(c.key)?.count ?? c.count;
    const ranking = rank(causes, symptomList, seen, totalLines);

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

    const outCauses: LogCause[] = ranking.causes.map((c) => {
      const values = cleanValues({ ...this.factValues(c.category!), ...c.values });
      const count = seen(c);
      return {
        category: c.category!,
        ...(RULE_OF[c.category!] ? { ruleId: RULE_OF[c.category!] } : {}),
        confidence: ranking.confidence(c),
        message: causeMessage(c.category!, values, platform),
        evidence: evidenceOf(c),
        locations: [],
        fixes: [],
        explains: ranking.explains.get(c) ?? [],
        signature: c.signature,
        values,
        ...(count > 1 ? { count } : {}),
      };
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
          explainedBy: ranking.explainedBy.get(s.symptom!) ?? [],
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

  /** Crash loops: the top cause seen in several windows is also a `crash_loop` symptom. */
  private addCrashLoop(causes: readonly Aggregate[], symptoms: Map<string, Aggregate>): void {
    const top = causes.length ? causes.reduce((a, b) => (b.confidence > a.confidence ? b : a)) : undefined;
    const repeated = top ? this.global.get(top.key) : undefined;
    if (top && repeated && repeated.windows >= 2 && !symptoms.has('symptom:crash_loop:')) {
      symptoms.set('symptom:crash_loop:', {
        kind: 'symptom',
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
  }

  private factValues(category: Category): Record<string, string> {
    const out: Record<string, string> = {};
    if (this.facts.builder) out.builder = this.facts.builder;
    if (this.facts.startCommand && START_RELATED.has(category)) out.startCommand = this.facts.startCommand;
    const healthcheck = category === 'healthcheck_path_wrong' || category === 'healthcheck_timeout_too_short';
    if (this.facts.healthcheckPath && healthcheck) out.path = this.facts.healthcheckPath;
    if (this.facts.retryWindow && healthcheck) out.retryWindow = this.facts.retryWindow;
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
}

/** One entry per symptom id: repeated and differently-keyed occurrences (H10 on several paths) merge. */
function mergeById(symptoms: Iterable<Aggregate>): Aggregate[] {
  const byId = new Map<SymptomId, Aggregate>();
  for (const s of [...symptoms].sort((a, b) => a.firstLine - b.firstLine)) {
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
  return [...byId.values()];
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
