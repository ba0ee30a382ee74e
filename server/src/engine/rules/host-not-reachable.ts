/**
 * host-not-reachable: the web server listens on loopback — explicitly (`127.0.0.1`, `localhost`) or by its
 * default (uvicorn, `flask run`, `manage.py runserver`, hypercorn, daphne; gunicorn only when PORT is unset and
 * no --bind is given) — so the platform's proxy cannot reach it. Also `uvicorn --host ::`, which listens on IPv6
 * only (research/platforms.md §2.2, §2.4). A script started with `python app.py` / `python -m app` is read for
 * the server it starts: Flask's `app.run()` and `uvicorn.run()` listen on 127.0.0.1 unless given a host
 * (Flask 2.2 `Flask.run`, uvicorn 0.17 `Config(host="127.0.0.1")`, read in the Debian packages).
 */

import { joinPath } from '../files';
import { certainty, shadowNote } from '../plan/describe';
import { appendOptionEdits, replaceEdits } from '../plan/fixes';
import { viewJoin } from '../plan/launches';
import type { PlannedLaunch } from '../plan/types';
import type { Project } from '../project';
import { defineRule, type Report } from '../rule';
import { isLoopback } from '../start-command/launch';
import { launchImports } from '../plan/imports';
import type { PySource } from '../python/source';
import type { Fix, OffsetRange, TextEdit } from '../types';

export const hostNotReachable = defineRule({
  id: 'host-not-reachable',
  defaultSeverity: 'error',
  summary: 'The web server listens on loopback (explicitly or by default), so the platform cannot reach it.',
  fileKinds: ['procfile', 'railway-toml', 'railway-json', 'railway-iac', 'dockerfile', 'shell', 'python'],
  check(project, report) {
    const seen = new Set<string>();
    for (const planned of project.plan.launches) {
      const { launch, source } = planned;
      if (!source.web || !source.file) continue;
      if (launch.kind === 'server' && !launch.bindUnknown) checkLaunch(project, planned, report);
      if (launch.kind === 'script' || launch.kind === 'module') checkScriptRun(project, planned, seen, report);
    }
  },
});

/** `app.run()` (Flask) and `uvicorn.run(app)` in the launched script, with their documented default host. */
function checkScriptRun(project: Project, planned: PlannedLaunch, seen: Set<string>, report: (r: Report) => void): void {
  const file = launchImports(project, planned)?.entryFile;
  const py = file ? project.python(file) : undefined;
  if (!file || !py) return;
  for (const run of py.runCalls) {
    const server = runServer(py, run.callee, project.text(file) ?? '');
    if (!server || !run.runsAsScript || seen.has(`${file}:${run.range.start}`)) continue;
    const host = run.host;
    if (host && (host.kind !== 'literal' || !isLoopback(host.value))) continue;
    if (!host && run.hasSplat) continue;
    seen.add(`${file}:${run.range.start}`);
    const related = [{ file: planned.source.file!, range: planned.launch.command.range, message: `started by ${planned.source.label}` }];
    const listens = host ? `listens on ${host.value}` : 'listens on 127.0.0.1 when no host is given';
    report({
      file,
      about: ['host', 'bind'],
      range: host?.range ?? run.range,
      severity: certainty(planned, 'error'),
      message: `${run.callee}() ${listens}: ${consequence(planned)}. Pass host="0.0.0.0".${shadowNote(planned)}`,
      related,
      fixes: [{ title: 'Listen on 0.0.0.0', edits: [host ? { file, range: host.range, text: '"0.0.0.0"' } : hostArgumentEdit(file, project.text(file) ?? '', run.argsRange)], isPreferred: true }],
    });
  }
}

/** The server a run call starts, when it is one whose default host is known: `uvicorn.run`, or `run` on a `Flask(…)`. */
function runServer(py: PySource, callee: string, text: string): 'flask' | 'uvicorn' | undefined {
  if (callee === 'uvicorn.run') return 'uvicorn';
  const m = /^([A-Za-z_]\w*)\.run$/.exec(callee);
  const binding = m ? py.bindings.get(m[1]) : undefined;
  // Flask takes its host from SERVER_NAME when the config sets one.
  if (binding?.callee && /(^|\.)Flask$/.test(binding.callee) && !text.includes('SERVER_NAME')) return 'flask';
  return undefined;
}

/** `host="0.0.0.0"` added as the last argument of `(…)`. */
function hostArgumentEdit(file: string, text: string, args: OffsetRange): TextEdit {
  const inside = text.slice(args.start + 1, args.end - 1);
  const end = args.end - 1;
  const trimmed = inside.trimEnd();
  if (!trimmed) return { file, range: { start: args.start + 1, end }, text: 'host="0.0.0.0"' };
  const at = args.start + 1 + trimmed.length;
  return { file, range: { start: at, end: at }, text: trimmed.endsWith(',') ? ' host="0.0.0.0"' : ', host="0.0.0.0"' };
}

function consequence(planned: PlannedLaunch): string {
  switch (planned.source.runtime.platform) {
    case 'railway':
      return "Railway's proxy and healthcheck connect from outside the container, so requests fail with 502 \"Application failed to respond\" and the healthcheck with \"service unavailable\"";
    case 'heroku':
      return 'the Heroku router connects from outside the dyno and cannot reach it';
    default:
      return 'connections through the published container port are refused';
  }
}

function checkLaunch(project: Project, planned: PlannedLaunch, report: (r: Report) => void): void {
  const { launch, source } = planned;
  const file = source.file!;
  const host = launch.host;
  if (host) {
    const value = host.value;
    if (value === undefined) return;
    if (isLoopback(value)) {
      const edits = replaceEdits(source, launch.command, host.word.range, '0.0.0.0');
      report({
        file,
        about: ['host', 'bind'],
        range: host.word.range,
        severity: certainty(planned, 'error'),
        message: `${launch.program} listens on ${value}, which only accepts connections from inside the container: ${consequence(planned)}. Listen on 0.0.0.0.${shadowNote(planned)}`,
        fixes: edits ? [{ title: 'Listen on 0.0.0.0', edits, isPreferred: true }] : [],
      });
      return;
    }
    if ((value === '::' || value === '[::]') && launch.server === 'uvicorn' && (launch.workers === undefined || launch.workers === '1')) {
      const edits = replaceEdits(source, launch.command, host.word.range, '0.0.0.0');
      report({
        file,
        about: ['host', 'bind'],
        range: host.word.range,
        severity: certainty(planned, 'warning'),
        message:
          'uvicorn with `--host ::` listens on IPv6 only (asyncio sets IPV6_V6ONLY), so IPv4 connections — Railway\'s healthcheck, Docker\'s port mapping — are refused. Use 0.0.0.0, or a server that binds both (gunicorn/hypercorn `--bind [::]:$PORT`) if you need IPv6 private networking.' +
          shadowNote(planned),
        fixes: edits ? [{ title: 'Listen on 0.0.0.0 (IPv4)', edits }] : [],
      });
    }
    return;
  }

  if (launch.server === 'gunicorn') {
    // gunicorn binds 0.0.0.0:$PORT when the platform sets PORT; only a plain image leaves it on 127.0.0.1:8000.
    if (source.runtime.providesPort || hasGunicornConfig(project, planned)) return;
    const edits = appendOptionEdits(planned, ['--bind', '0.0.0.0:${PORT:-8000}']);
    report({
      file,
      about: ['host', 'bind'],
      range: launch.programWord.range,
      severity: certainty(planned, 'warning'),
      message: `gunicorn has no --bind and nothing sets PORT in this image, so it listens on 127.0.0.1:8000: ${consequence(planned)}.${shadowNote(planned)}`,
      fixes: edits ? [{ title: 'Add --bind 0.0.0.0:${PORT:-8000}', edits, isPreferred: true }] : [],
    });
    return;
  }
  const fallback = launch.defaultHost;
  if (fallback === undefined || !isLoopback(fallback)) return;
  const fixes = defaultHostFixes(planned);
  report({
    file,
    about: ['host', 'bind'],
    range: launch.app?.word.range ?? launch.programWord.range,
    severity: certainty(planned, 'error'),
    message: `${launch.program} listens on ${fallback} by default: ${consequence(planned)}. Listen on 0.0.0.0.${shadowNote(planned)}`,
    fixes,
  });
}

function defaultHostFixes(planned: PlannedLaunch): Fix[] {
  const { launch, source } = planned;
  if (launch.server === 'django') {
    const port = launch.port;
    if (port?.word && port.value !== undefined && /^\d+$/.test(port.value)) {
      const edits = replaceEdits(source, launch.command, port.word.range, `0.0.0.0:${port.value}`);
      return edits ? [{ title: `Listen on 0.0.0.0:${port.value}`, edits, isPreferred: true }] : [];
    }
    if (port) return [];
    const edits = appendOptionEdits(planned, ['0.0.0.0:${PORT:-8000}']);
    return edits ? [{ title: 'Listen on 0.0.0.0:${PORT:-8000}', edits, isPreferred: true }] : [];
  }
  const args = launch.server === 'hypercorn' ? ['--bind', `0.0.0.0:${launch.port?.value ?? '${PORT:-8000}'}`] : launch.server === 'daphne' ? ['-b', '0.0.0.0'] : ['--host', '0.0.0.0'];
  if (launch.server === 'hypercorn' && launch.binds.length) return [];
  const edits = appendOptionEdits(planned, args);
  return edits ? [{ title: `Add ${args.join(' ')}`, edits, isPreferred: true }] : [];
}

/** gunicorn reads `gunicorn.conf.py` from its working directory, which may set `bind`. */
function hasGunicornConfig(project: Project, planned: PlannedLaunch): boolean {
  const dir = planned.launch.chdir?.value !== undefined ? viewJoin(planned.cwd, planned.launch.chdir.value) : planned.cwd;
  if (dir === undefined) return true;
  const view = planned.source.runtime.view;
  const path = dir.startsWith('/') ? `${dir === '/' ? '' : dir}/gunicorn.conf.py` : joinPath(dir, 'gunicorn.conf.py');
  return view.isFile(path) || project.index.isFile('gunicorn.conf.py');
}
