/** uvicorn (and click's option errors): `Error loading ASGI app…`, `--port` values, loopback and IPv6 binds, lifespan (research §6). */

import { envName, family, isLoopback, unquote } from './types';

export const uvicorn = family('uvicorn', [
  {
    id: 'uvicorn.module-not-importable',
    role: 'cause',
    category: 'wrong_app_module_path',
    literals: ['Could not import module "'],
    pattern: /Error loading ASGI app\. Could not import module "([^"]{1,200})"/,
    values: (m) => ({ module: m[1], server: 'uvicorn' }),
    confidence: 0.9,
    key: (v) => v.module,
  },
  {
    id: 'uvicorn.attribute-not-found',
    role: 'cause',
    category: 'wrong_app_attribute',
    literals: ['Error loading ASGI app. Attribute'],
    pattern: /Attribute "([^"]{1,200})" not found in module "([^"]{1,200})"/,
    values: (m) => ({ attribute: m[1], module: m[2], server: 'uvicorn' }),
    confidence: 0.9,
    key: (v) => `${v.module}:${v.attribute}`,
  },
  {
    id: 'uvicorn.import-string-format',
    role: 'cause',
    category: 'wrong_app_module_path',
    literals: ['must be in format "<module>:<attribute>"'],
    pattern: /Import string "([^"]{0,200})" must be in format/,
    values: (m) => ({ importString: m[1], server: 'uvicorn' }),
    confidence: 0.9,
  },
  {
    id: 'uvicorn.app-factory',
    role: 'cause',
    category: 'wrong_app_attribute',
    literals: ['Error loading ASGI app factory'],
    values: () => ({ server: 'uvicorn' }),
    confidence: 0.75,
  },
  {
    id: 'uvicorn.invalid-port',
    role: 'cause',
    category: 'exec_form_no_env_expansion',
    literals: ["Invalid value for '--port'", "Invalid value for '-p'"],
    pattern: /Invalid value for '(?:--port|-p)'(?: \/ '-p')?: '([^']{0,200})' is not a valid integer/,
    values: (m) => ({ port: m[1], server: 'uvicorn' }),
    decide: (v) => {
      if (v.port.startsWith('$')) return { values: { ...v, variable: envName(v.port) }, confidence: 0.95 };
      // A Kubernetes Service named `uvicorn` injects UVICORN_PORT=tcp://…, which click reads as --port.
      if (v.port.startsWith('tcp://')) return { category: 'k8s_service_env_collision', confidence: 0.9, values: { ...v, variable: 'UVICORN_PORT' } };
      return { category: 'port_not_bound_or_wrong_host', confidence: 0.6 };
    },
  },
  {
    id: 'uvicorn.port-option-without-value',
    role: 'cause',
    category: 'missing_env_var',
    literals: ["Option '--port' requires an argument"],
    values: () => ({ variable: 'PORT', server: 'uvicorn' }),
    confidence: 0.7,
    key: () => 'PORT',
  },
  {
    id: 'uvicorn.bind-error',
    role: 'cause',
    category: 'address_in_use',
    literals: ['error while attempting to bind on address'],
    pattern: /\[Errno (\d{1,5})\] error while attempting to bind on address \('?([^',)]{0,100})'?, (\d{1,5})[^)]{0,40}\):? ?([^\n]{0,120})/,
    values: (m) => ({ errno: m[1], host: unquote(m[2]), port: m[3], reason: m[4].trim(), server: 'uvicorn' }),
    decide: (v) => {
      const reason = v.reason.toLowerCase();
      if (v.errno === '98' || v.errno === '48' || v.errno === '10048' || reason.includes('address already in use')) return { confidence: 0.9, key: v.port };
      if (v.errno === '97' || reason.includes('address family not supported')) return { category: 'ipv6_bind_unavailable', confidence: 0.8 };
      if (v.errno === '99' || reason.includes('cannot assign requested address')) {
        return v.host.includes(':') ? { category: 'ipv6_bind_unavailable', confidence: 0.75 } : { category: 'port_not_bound_or_wrong_host', confidence: 0.65 };
      }
      return { category: 'port_not_bound_or_wrong_host', confidence: 0.55 };
    },
  },
  {
    id: 'uvicorn.running-on',
    role: 'marker',
    marker: 'listening',
    literals: ['Uvicorn running on '],
    pattern: /Uvicorn running on (?:https?|unix):\/{0,2}(\[[0-9a-fA-F:.]{1,45}\]|[^\s:/]{1,253}):?(\d{0,5})/,
    values: (m) => ({ host: m[1], port: m[2], server: 'uvicorn' }),
    decide: (v) => {
      // 127.0.0.1 is uvicorn's default: unreachable on Railway or Heroku (research §2.2, §6).
      if (isLoopback(v.host)) return { role: 'cause', category: 'port_not_bound_or_wrong_host', confidence: 0.75, key: 'loopback' };
      // `--host ::` refuses IPv4 (asyncio sets IPV6_V6ONLY): a problem only if an IPv4 probe failed, so weak alone.
      if (v.host === '[::]') return { role: 'cause', category: 'ipv6_bind_unavailable', confidence: 0.4, key: 'ipv6-only' };
      return {};
    },
  },
  {
    id: 'uvicorn.started-server-process',
    role: 'marker',
    marker: 'deploy-start',
    literals: ['Started server process'],
    values: () => ({ server: 'uvicorn' }),
  },
  {
    id: 'uvicorn.startup-failed',
    role: 'cause',
    category: 'startup_crash_in_lifespan',
    literals: ['Application startup failed'],
    values: () => ({ server: 'uvicorn' }),
    confidence: 0.7,
  },
]);
