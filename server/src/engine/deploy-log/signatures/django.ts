/** Django: ALLOWED_HOSTS, ImproperlyConfigured, static files, the development server (research §7). */

import { family, isLoopback } from './types';
import type { Decision } from './types';

const SET_VARIABLE = /(?:Set the|set the|Missing|missing) ([A-Z][A-Z0-9_]{1,64}) (?:environment variable|env var)/;
const SETTING_EMPTY = /The ([A-Z][A-Z0-9_]{1,64}) setting must not be empty/;
const WSGI_NOT_LOADED = /WSGI application '([^']{1,200})' could not be loaded/;
const DRIVER_MISSING = /Error loading (psycopg2?|MySQLdb|mysqlclient|cx_Oracle) module/;

function improperlyConfigured(message: string): Decision | undefined {
  let m: RegExpExecArray | null;
  if (message.includes('STATIC_ROOT')) return { category: 'static_files_not_collected', confidence: 0.8, values: { setting: 'STATIC_ROOT' }, key: 'static' };
  if ((m = SET_VARIABLE.exec(message))) return { category: 'missing_env_var', confidence: 0.85, values: { variable: m[1] }, key: m[1] };
  if ((m = SETTING_EMPTY.exec(message))) return { category: 'missing_env_var', confidence: 0.8, values: { variable: m[1], setting: m[1] }, key: m[1] };
  if (message.includes('settings.DATABASES is improperly configured')) return { category: 'missing_env_var', confidence: 0.6, values: { variable: 'DATABASE_URL', setting: 'DATABASES' }, key: 'DATABASE_URL' };
  if (message.includes('but settings are not configured')) return { category: 'missing_env_var', confidence: 0.7, values: { variable: 'DJANGO_SETTINGS_MODULE' }, key: 'DJANGO_SETTINGS_MODULE' };
  if ((m = DRIVER_MISSING.exec(message))) return { category: 'module_not_found_missing_dependency', confidence: 0.85, values: { module: m[1] }, key: `module:${m[1]}` };
  if ((m = WSGI_NOT_LOADED.exec(message))) return { category: 'wrong_app_module_path', confidence: 0.75, values: { module: m[1] }, key: m[1] };
  return undefined;
}

export const django = family('django', [
  {
    id: 'django.disallowed-host',
    role: 'cause',
    category: 'django_allowed_hosts',
    literals: ['Invalid HTTP_HOST header'],
    pattern: /Invalid HTTP_HOST header: '([^']{1,253})'/,
    values: (m) => ({ host: m[1], setting: 'ALLOWED_HOSTS' }),
    confidence: 0.9,
    key: (v) => v.host,
  },
  {
    id: 'django.improperly-configured',
    role: 'cause',
    category: 'missing_env_var',
    literals: ['ImproperlyConfigured'],
    pattern: /ImproperlyConfigured:? ([^\n]{0,500})/,
    extra: [SET_VARIABLE, SETTING_EMPTY, WSGI_NOT_LOADED, DRIVER_MISSING],
    values: (m) => ({ message: m[1] }),
    decide: (v) => {
      const d = improperlyConfigured(v.message);
      return d ? { ...d, values: { ...v, ...d.values } } : undefined;
    },
  },
  {
    id: 'django.staticfiles-manifest',
    role: 'cause',
    category: 'static_files_not_collected',
    literals: ['Missing staticfiles manifest entry for'],
    pattern: /Missing staticfiles manifest entry for '([^']{1,300})'/,
    values: (m) => ({ path: m[1] }),
    confidence: 0.85,
    key: () => 'static',
  },
  {
    id: 'django.collectstatic-failed',
    role: 'cause',
    category: 'static_files_not_collected',
    literals: ['Unable to generate Django static files'],
    values: () => ({ platform: 'heroku', step: 'collectstatic' }),
    confidence: 0.6,
    key: () => 'static',
  },
  {
    id: 'django.runserver-loopback',
    role: 'marker',
    marker: 'listening',
    literals: ['Starting development server at '],
    pattern: /Starting development server at https?:\/\/(\[[0-9a-fA-F:.]{1,45}\]|[^\s:/]{1,253}):(\d{1,5})/,
    values: (m) => ({ host: m[1], port: m[2], server: 'runserver' }),
    decide: (v) => (isLoopback(v.host) ? { role: 'cause', category: 'port_not_bound_or_wrong_host', confidence: 0.75, key: 'loopback' } : {}),
  },
]);
