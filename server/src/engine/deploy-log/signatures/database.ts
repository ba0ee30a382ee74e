/** Databases and caches: refused connections (usually a fallback to localhost), private-network DNS, URL schemes (research §2.4, §7). */

import { family, isLoopback, isWordCode, unquote } from './types';
import type { Decision } from './types';

const PRIVATE_HOST = /\.railway\.internal\b/;

/** The host name that ends where `.railway.internal` starts. */
function privateHost(text: string, at: number): string {
  let b = at;
  while (b > 0) {
    const c = text.charCodeAt(b - 1);
    if (!isWordCode(c) && c !== 45 /* - */ && c !== 46 /* . */) break;
    b--;
  }
  return `${text.slice(b, at)}.railway.internal`;
}
const NOT_RESOLVED = /Name or service not known|Temporary failure in name resolution|ENOTFOUND|getaddrinfo|nodename nor servname|No address associated with hostname|EAI_AGAIN/;

function refused(host: string, port: string, service: string): Decision {
  const variable = service === 'redis' ? 'REDIS_URL' : service === 'mysql' ? 'MYSQL_URL' : 'DATABASE_URL';
  // A refused connection to localhost: the URL variable is not set on this service, so the client's default won (research §7).
  if (isLoopback(host)) return { values: { host, port, service, variable }, confidence: 0.85, key: `${service}:${host}` };
  if (host.endsWith('.railway.internal')) return { category: 'private_network_dns_or_ipv6', values: { host, port, service, variable }, confidence: 0.75, key: host };
  return { values: { host, port, service, variable }, confidence: 0.7, key: `${service}:${host}` };
}

function serviceOfPort(port: string): string {
  return port === '6379' ? 'redis' : port === '3306' ? 'mysql' : port === '27017' ? 'mongodb' : 'postgres';
}

export const database = family('database', [
  {
    id: 'database.postgres-refused',
    role: 'cause',
    category: 'database_unreachable',
    literals: ['connection to server at "'],
    pattern: /connection to server at "([^"]{1,253})"(?: \(([^)]{1,100})\))?, port (\d{1,5}) failed: ([^\n]{0,200})/,
    values: (m) => ({ host: m[1], address: m[2] ?? '', port: m[3], reason: m[4] }),
    decide: (v) => {
      const d = refused(v.host, v.port, 'postgres');
      if (v.reason.includes('password authentication failed')) return { ...d, values: { ...d.values, reason: 'password authentication failed' }, confidence: 0.8 };
      return d;
    },
  },
  {
    id: 'database.postgres-refused-legacy',
    role: 'cause',
    category: 'database_unreachable',
    literals: ['Is the server running on host'],
    pattern: /Is the server running on host "([^"]{1,253})"(?: \([^)]{1,100}\))? and accepting\s{0,4}TCP\/IP connections on port (\d{1,5})/,
    values: (m) => ({ host: m[1], port: m[2] }),
    decide: (v) => refused(v.host, v.port, 'postgres'),
  },
  {
    id: 'database.postgres-socket',
    role: 'cause',
    category: 'database_unreachable',
    literals: ['connection to server on socket', 'could not connect to server: No such file or directory'],
    values: () => ({ host: 'unix socket', service: 'postgres', variable: 'DATABASE_URL' }),
    confidence: 0.75,
    key: () => 'postgres:socket',
  },
  {
    id: 'database.host-not-resolved',
    role: 'cause',
    category: 'database_unreachable',
    literals: ['could not translate host name'],
    pattern: /could not translate host name "([^"]{1,253})" to address(?:: ([^\n]{0,120}))?/,
    values: (m, c) => ({ host: m[1], reason: m[2] ?? '', phase: c.source === 'build' ? 'build' : '' }),
    decide: (v) =>
      v.host.endsWith('.railway.internal')
        ? // The private network exists at runtime only: migrations in the build, `railway run` on a laptop, another project (research §2.4, §7).
          { category: 'private_network_dns_or_ipv6', confidence: 0.9, key: v.host }
        : { confidence: 0.75, key: v.host },
  },
  {
    id: 'database.private-host-unresolved',
    role: 'cause',
    category: 'private_network_dns_or_ipv6',
    literals: ['.railway.internal'],
    pattern: PRIVATE_HOST,
    extra: [NOT_RESOLVED],
    values: (m, c) => (NOT_RESOLVED.test(c.text) ? { host: privateHost(c.text, m.index) } : undefined),
    confidence: 0.85,
    key: (v) => v.host,
  },
  {
    id: 'database.redis-refused',
    role: 'cause',
    category: 'database_unreachable',
    literals: ['connecting to '],
    pattern: /Error (-?\d{1,5}) connecting to ([^\s:]{1,253}):(\d{1,5})\.? ?([^\n]{0,120})/,
    values: (m) => ({ errno: m[1], host: m[2], port: m[3], reason: m[4] }),
    decide: (v) => {
      if (v.host.endsWith('.railway.internal')) return { category: 'private_network_dns_or_ipv6', confidence: 0.85, values: { ...v, service: 'redis', variable: 'REDIS_URL' }, key: v.host };
      return refused(v.host, v.port, 'redis');
    },
  },
  {
    id: 'database.connect-call-failed',
    role: 'cause',
    category: 'database_unreachable',
    literals: ['Connect call failed', 'ECONNREFUSED'],
    pattern: /(?:Connect call failed \(([^)]{1,300})\)|ECONNREFUSED (\S{1,80}))/,
    values: (m) => {
      if (m[1]) {
        const parts = m[1].split(',');
        return { host: unquote(parts[0]), port: (parts[1] ?? '').trim() };
      }
      const colon = m[2].lastIndexOf(':');
      return { host: m[2].slice(0, Math.max(0, colon)), port: m[2].slice(colon + 1) };
    },
    decide: (v) => refused(v.host, v.port, serviceOfPort(v.port)),
  },
  {
    id: 'database.mysql-refused',
    role: 'cause',
    category: 'database_unreachable',
    literals: ["Can't connect to MySQL server", "Can't connect to local MySQL server"],
    pattern: /Can't connect to (?:local )?MySQL server(?: on '([^']{1,253})')?/,
    values: (m) => ({ host: m[1] ? unquote(m[1]).split(':')[0] : 'localhost' }),
    decide: (v) => refused(v.host, '3306', 'mysql'),
  },
  {
    id: 'database.password-failed',
    role: 'cause',
    category: 'database_unreachable',
    literals: ['password authentication failed for user'],
    pattern: /password authentication failed for user "([^"]{1,100})"/,
    values: (m) => ({ user: m[1], reason: 'password authentication failed', variable: 'DATABASE_URL' }),
    confidence: 0.8,
    key: () => 'auth',
  },
  {
    id: 'database.database-missing',
    role: 'cause',
    category: 'database_unreachable',
    literals: ['does not exist'],
    pattern: /database "([^"]{1,100})" does not exist/,
    values: (m) => ({ database: m[1], variable: 'DATABASE_URL' }),
    confidence: 0.75,
  },
  {
    id: 'database.postgres-scheme',
    role: 'cause',
    category: 'database_unreachable',
    literals: ["Can't load plugin: sqlalchemy.dialects:"],
    pattern: /Can't load plugin: sqlalchemy\.dialects:([\w.+]{1,40})/,
    values: (m) => ({ dialect: m[1], variable: 'DATABASE_URL', ...(m[1] === 'postgres' ? { scheme: 'postgres://', expected: 'postgresql://' } : {}) }),
    // SQLAlchemy 1.4+ dropped the `postgres://` alias that Heroku and Render URLs use (research §7).
    decide: (v) => ({ confidence: v.dialect === 'postgres' ? 0.9 : 0.7, key: 'scheme' }),
  },
  {
    id: 'database.url-empty',
    role: 'cause',
    category: 'missing_env_var',
    literals: ['Could not parse SQLAlchemy URL from string', 'Could not parse rfc1738 URL from string'],
    pattern: /Could not parse (?:SQLAlchemy|rfc1738) URL from string '([^']{0,200})'/,
    values: (m) => ({ url: m[1], variable: 'DATABASE_URL' }),
    decide: (v) => (v.url === '' || v.url.startsWith('$') ? { confidence: 0.8, key: 'DATABASE_URL' } : { category: 'database_unreachable', confidence: 0.6, key: 'url' }),
  },
  {
    id: 'database.server-closed',
    role: 'cause',
    category: 'database_unreachable',
    literals: ['server closed the connection unexpectedly', 'SSL connection has been closed unexpectedly'],
    values: () => ({ service: 'postgres' }),
    confidence: 0.5,
    key: () => 'closed',
  },
]);
