/** gunicorn: app import errors, unexpanded `$PORT`, worker timeouts and kills, busy ports, loopback binds (research §6). */

import { envName, family, isLoopback, unquote } from './types';

const ADDRESS = /\(([^)]{0,120})\)/;

/** `'0.0.0.0', 8000` → host and port. */
function address(inner: string): { host: string; port: string } {
  const comma = inner.lastIndexOf(',');
  return { host: unquote(inner.slice(0, Math.max(0, comma))), port: inner.slice(comma + 1).trim() };
}

export const gunicorn = family('gunicorn', [
  {
    id: 'gunicorn.app-import-error',
    role: 'cause',
    category: 'wrong_app_attribute',
    literals: ['Failed to find attribute'],
    pattern: /Failed to find attribute '([^']{1,200})' in '([^']{1,200})'/,
    values: (m) => ({ attribute: m[1], module: m[2], server: 'gunicorn' }),
    confidence: 0.9,
    key: (v) => `${v.module}:${v.attribute}`,
  },
  {
    id: 'gunicorn.app-object-not-found',
    role: 'cause',
    category: 'wrong_app_attribute',
    literals: ['Failed to find application object'],
    pattern: /Failed to find application object:? ?'?([^'\s]{0,200})'?/,
    values: (m) => ({ attribute: m[1], server: 'gunicorn' }),
    confidence: 0.85,
  },
  {
    id: 'gunicorn.app-expression-unparsable',
    role: 'cause',
    category: 'wrong_app_attribute',
    literals: ['as an attribute name or function call'],
    pattern: /Failed to parse (?:"([^"]{0,300})"|'([^']{0,300})') as an attribute name or function call/,
    values: (m) => ({ expression: m[1] ?? m[2], server: 'gunicorn' }),
    confidence: 0.85,
  },
  {
    id: 'gunicorn.app-path-did-you-mean',
    role: 'cause',
    category: 'wrong_app_module_path',
    literals: ['Failed to find application, did you mean'],
    pattern: /did you mean '([^':]{1,200}):([^']{1,200})'\?/,
    values: (m) => ({ module: m[1], attribute: m[2], server: 'gunicorn' }),
    confidence: 0.9,
  },
  {
    id: 'gunicorn.app-not-callable',
    role: 'cause',
    category: 'wrong_app_attribute',
    literals: ['Application object must be callable'],
    confidence: 0.85,
    values: () => ({ server: 'gunicorn' }),
  },
  {
    id: 'gunicorn.worker-class-not-found',
    role: 'cause',
    category: 'module_not_found_missing_dependency',
    literals: ['invalid or not found'],
    pattern: /class uri '([^']{1,200})' invalid or not found/,
    values: (m) => ({ workerClass: m[1], module: m[1].split('.')[0], server: 'gunicorn' }),
    confidence: 0.75,
    key: (v) => `module:${v.module}`,
  },
  {
    id: 'gunicorn.port-not-valid',
    role: 'cause',
    category: 'exec_form_no_env_expansion',
    literals: ['is not a valid port number'],
    pattern: /'([^']{0,200})' is not a valid port number/,
    values: (m) => ({ port: m[1], server: 'gunicorn' }),
    decide: (v) => {
      if (v.port.startsWith('$')) return { values: { ...v, variable: envName(v.port) }, confidence: 0.95 };
      if (v.port.includes('tcp://')) return { category: 'k8s_service_env_collision', confidence: 0.85 };
      return { category: 'port_not_bound_or_wrong_host', confidence: 0.6 };
    },
  },
  {
    id: 'gunicorn.worker-timeout',
    role: 'cause',
    category: 'worker_timeout',
    literals: ['WORKER TIMEOUT'],
    pattern: /WORKER TIMEOUT \(pid:(\d{1,10})\)/,
    values: (m) => ({ pid: m[1], server: 'gunicorn' }),
    confidence: 0.75,
    key: () => 'worker-timeout',
  },
  {
    id: 'gunicorn.worker-sigkill',
    role: 'cause',
    category: 'out_of_memory',
    literals: ['was sent SIGKILL'],
    pattern: /Worker \(pid:(\d{1,10})\) was sent SIGKILL!( Perhaps out of memory\?)?/,
    values: (m) => ({ pid: m[1], signal: 'SIGKILL', server: 'gunicorn', ...(m[2] ? { hint: 'Perhaps out of memory?' } : {}) }),
    // gunicorn says "perhaps": a kill after a worker timeout or a platform stop looks the same (research §6, exit 137).
    confidence: 0.7,
    key: () => 'oom',
  },
  {
    id: 'gunicorn.worker-terminated-by-signal',
    role: 'symptom',
    symptom: 'process_killed',
    literals: ['was terminated due to signal'],
    pattern: /Worker with pid (\d{1,10}) was terminated due to signal (\d{1,3})/,
    values: (m) => ({ pid: m[1], signal: m[2], server: 'gunicorn' }),
    decide: (v) => (v.signal === '9' ? { role: 'cause', category: 'out_of_memory', confidence: 0.6, key: 'oom' } : {}),
  },
  {
    id: 'gunicorn.connection-in-use',
    role: 'cause',
    category: 'address_in_use',
    literals: ['Connection in use'],
    pattern: new RegExp(`Connection in use: ${ADDRESS.source}`),
    values: (m) => ({ ...address(m[1]), server: 'gunicorn' }),
    confidence: 0.9,
    key: (v) => v.port,
  },
  {
    id: 'gunicorn.cant-connect',
    role: 'cause',
    category: 'address_in_use',
    literals: ["Can't connect to ("],
    pattern: new RegExp(`Can't connect to ${ADDRESS.source}`),
    values: (m) => ({ ...address(m[1]), server: 'gunicorn' }),
    confidence: 0.85,
    key: (v) => v.port,
  },
  {
    id: 'gunicorn.invalid-address',
    role: 'cause',
    category: 'port_not_bound_or_wrong_host',
    literals: ['Invalid address: '],
    pattern: /Invalid address: (\S{1,200})/,
    values: (m) => ({ address: m[1], server: 'gunicorn' }),
    confidence: 0.65,
  },
  {
    id: 'gunicorn.worker-failed-to-boot',
    role: 'symptom',
    symptom: 'worker_failed_to_boot',
    literals: ['Worker failed to boot', 'App failed to load'],
    values: () => ({ server: 'gunicorn' }),
  },
  {
    id: 'gunicorn.worker-exited',
    role: 'symptom',
    symptom: 'worker_failed_to_boot',
    literals: ['exited with code'],
    pattern: /Worker \(pid:(\d{1,10})\) exited with code (\d{1,3})/,
    values: (m) => ({ pid: m[1], exitCode: m[2], server: 'gunicorn' }),
  },
  {
    id: 'gunicorn.listening',
    role: 'marker',
    marker: 'listening',
    literals: ['Listening at: '],
    pattern: /Listening at: (?:https?|unix):\/{0,2}(\[[0-9a-fA-F:.]{1,45}\]|[^\s:/]{1,253}):?(\d{0,5})/,
    values: (m) => ({ host: m[1], port: m[2], server: 'gunicorn' }),
    // `Listening at: http://127.0.0.1:8000` on a platform: PORT was unset and there was no --bind (research §6).
    decide: (v) => (isLoopback(v.host) ? { role: 'cause', category: 'port_not_bound_or_wrong_host', confidence: 0.75, key: 'loopback' } : {}),
  },
  {
    id: 'gunicorn.starting',
    role: 'marker',
    marker: 'deploy-start',
    literals: ['Starting gunicorn'],
    pattern: /Starting gunicorn (\d{1,3}(?:\.\d{1,4}){0,3})/,
    values: (m) => ({ server: 'gunicorn', version: m[1] }),
  },
]);
