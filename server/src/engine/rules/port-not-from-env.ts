/**
 * port-not-from-env: the web server listens on a fixed port where the platform assigns one in `$PORT`
 * (Heroku always; Railway for its healthcheck and routing). Written ports and the defaults of servers that do
 * not read PORT themselves (uvicorn 8000, `flask run` 5000, runserver 8000, waitress 8080) both count; gunicorn
 * reads PORT on its own when no --bind is given (research/platforms.md §2.1–2.2).
 */

import { certainty, shadowNote } from '../plan/describe';
import { appendOptionEdits, replaceEdits, wrapInShellEdits } from '../plan/fixes';
import type { PlannedLaunch } from '../plan/types';
import { defineRule } from '../rule';
import type { Word } from '../shell/model';
import type { Fix, Severity } from '../types';

export const portNotFromEnv = defineRule({
  id: 'port-not-from-env',
  defaultSeverity: 'warning',
  summary: 'The web server listens on a fixed port where the platform assigns one in $PORT.',
  fileKinds: ['procfile', 'railway-toml', 'railway-json', 'railway-iac', 'dockerfile', 'shell'],
  check(project, report) {
    for (const planned of project.plan.launches) {
      const { launch, source } = planned;
      if (launch.kind !== 'server' || !source.web || !source.file || launch.bindUnknown) continue;
      const platform = source.runtime.platform;
      // A plain image gets its port from `docker run -p`; only platforms assign one.
      if (platform === 'docker') continue;
      const severity: Severity = platform === 'heroku' ? 'error' : 'warning';
      const why =
        platform === 'heroku'
          ? 'Heroku assigns the port in $PORT and stops a web dyno that has not bound it within 60 seconds (R10 "Web process failed to bind to $PORT within 60 seconds of launch")'
          : "Railway sends its healthcheck and traffic to the port in $PORT, so a different port fails with \"service unavailable\" and 502s unless the domain's target port is set by hand";
      const port = launch.port;
      if (port) {
        if (port.value === undefined || !/^\d+$/.test(port.value)) continue;
        report({
          file: source.file,
          about: ['port', 'bind', 'var:PORT'],
          range: port.word.range,
          severity: certainty(planned, severity),
          message: `${launch.program} listens on the fixed port ${port.value}: ${why}. Use \${PORT:-${port.value}}.${shadowNote(planned)}`,
          fixes: portFixes(planned, port.word, port.value),
        });
        continue;
      }
      if (launch.server === 'gunicorn' || launch.defaultPort === undefined) continue;
      // runserver without an address: host-not-reachable's fix adds host and port together.
      if (launch.server === 'django') continue;
      const fallback = launch.defaultPort;
      const option = launch.server === 'daphne' ? '-p' : '--port';
      if (launch.server === 'hypercorn' || launch.server === 'waitress') continue;
      const edits = appendOptionEdits(planned, [option, `\${PORT:-${fallback}}`]);
      report({
        file: source.file,
        about: ['port', 'bind', 'var:PORT'],
        range: launch.app?.word.range ?? launch.programWord.range,
        severity: certainty(planned, severity),
        message: `${launch.program} listens on port ${fallback} by default and does not read $PORT: ${why}. Add ${option} \${PORT:-${fallback}}.${shadowNote(planned)}`,
        fixes: edits ? [{ title: `Add ${option} \${PORT:-${fallback}}`, edits, isPreferred: true }] : [],
      });
    }
  },
});

function portFixes(planned: PlannedLaunch, word: Word, value: string): Fix[] {
  const { source, launch } = planned;
  const replacement = `\${PORT:-${value}}`;
  if (source.mode === 'exec' && !launch.command.wrappers.length) {
    // No shell to expand the variable: wrap the command in one.
    const words = launch.command.words.map((w) => (w === word || (w.range.start <= word.range.start && word.range.end <= w.range.end) ? withPortVariable(w, word, value) : w));
    const edits = wrapInShellEdits({ source, words });
    return edits ? [{ title: `Use ${replacement} through sh -c`, edits, isPreferred: true }] : [];
  }
  const edits = replaceEdits(source, launch.command, word.range, replacement);
  return edits ? [{ title: `Use ${replacement}`, edits, isPreferred: true }] : [];
}

/** The word with the sub-word `inner` (the port of `0.0.0.0:8000`) replaced by `${PORT:-<fallback>}`. */
function withPortVariable(word: Word, inner: Word, fallback: string): Word {
  const text = word.value ?? '';
  const prefix = text.slice(0, Math.max(0, text.length - (inner.value ?? '').length));
  const parts: Word['parts'] = [
    ...(prefix ? [{ kind: 'literal' as const, text: prefix, range: word.range, at: () => undefined }] : []),
    { kind: 'variable' as const, name: 'PORT', operator: ':-', fallback, range: inner.range },
  ];
  return { range: word.range, raw: word.raw, value: undefined, parts };
}
