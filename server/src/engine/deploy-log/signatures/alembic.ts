/** alembic and Django migrations (research §7). */

import { family } from './types';

export const alembic = family('alembic', [
  {
    id: 'alembic.cant-locate-revision',
    role: 'cause',
    category: 'migration_failure',
    literals: ["Can't locate revision identified by"],
    pattern: /Can't locate revision identified by '([^']{1,100})'/,
    values: (m) => ({ revision: m[1], tool: 'alembic' }),
    confidence: 0.85,
    key: (v) => v.revision,
  },
  {
    id: 'alembic.multiple-heads',
    role: 'cause',
    category: 'migration_failure',
    literals: ['Multiple head revisions are present'],
    values: () => ({ reason: 'multiple heads', tool: 'alembic' }),
    confidence: 0.85,
    key: () => 'heads',
  },
  {
    id: 'alembic.not-up-to-date',
    role: 'cause',
    category: 'migration_failure',
    literals: ['Target database is not up to date'],
    values: () => ({ reason: 'database behind head', tool: 'alembic' }),
    confidence: 0.7,
    key: () => 'behind',
  },
  {
    id: 'alembic.command-error',
    role: 'cause',
    category: 'migration_failure',
    literals: ['alembic.util.exc.CommandError', 'alembic.util.CommandError'],
    pattern: /alembic\.util(?:\.exc)?\.CommandError: ([^\n]{0,300})/,
    values: (m) => ({ reason: m[1], tool: 'alembic' }),
    confidence: 0.65,
  },
  {
    id: 'alembic.django-migration-graph',
    role: 'cause',
    category: 'migration_failure',
    literals: ['InconsistentMigrationHistory', 'NodeNotFoundError', 'Conflicting migrations detected'],
    pattern: /(InconsistentMigrationHistory|NodeNotFoundError|Conflicting migrations detected)/,
    values: (m) => ({ reason: m[1], tool: 'django' }),
    confidence: 0.8,
  },
  {
    id: 'alembic.table-missing',
    role: 'cause',
    category: 'migration_failure',
    literals: ['does not exist', 'no such table', 'UndefinedTable'],
    pattern: /(?:relation "([^"]{1,200})" does not exist|no such table: ([\w.]{1,200})|UndefinedTable)/,
    values: (m) => ({ table: m[1] ?? m[2] ?? '', reason: 'table missing: migrations not applied' }),
    confidence: 0.6,
    key: (v) => v.table,
  },
]);
