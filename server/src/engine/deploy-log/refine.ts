/**
 * Rules that need the whole window of the failing deploy rather than one line: suppressions (Flask's loopback
 * URL next to "all addresses", `--host ::` without a failed IPv4 probe), merges (gunicorn's timeout and its
 * "Perhaps out of memory?" kill, uvicorn's lifespan failure and the traceback before it), re-categorisations
 * that depend on the window or the platform (a volume hiding the start file, Railway's Root Directory), and the
 * few causes inferred from symptoms alone when the log names the problem itself.
 */

import { MAX_EVIDENCE, type Aggregate } from './aggregate';
import type { Category, LogPlatform, SymptomId } from './types';

/** What the window saw besides causes and symptoms. */
export interface WindowFacts {
  /** A volume was mounted. */
  readonly volume: boolean;
  /** Flask said it runs on all addresses. */
  readonly allAddresses: boolean;
}

/** Applies the rules above to the chosen window's causes (in place) and symptoms. */
export function refine(causes: Aggregate[], symptoms: Map<string, Aggregate>, w: WindowFacts, platform: LogPlatform): void {
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

/** A cause the log names only through a symptom (Heroku's R10, a CORS error next to a 502). */
function inferred(category: Category, confidence: number, from: Aggregate, signature: string, values: Record<string, string>, also?: Aggregate): Aggregate {
  return {
    kind: 'cause',
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
