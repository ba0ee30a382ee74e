/**
 * railway-config-schema: railway.toml / railway.json checked against Railway's config schema, with the help a
 * schema error alone does not give: a did-you-mean for misspelt keys, where settings that are often written in
 * these files (`[variables]`, `[[ports]]`, `healthcheck = false`) really live, the documented upper-case
 * spelling of enum values, and deprecated values (research/platforms.md §1.3).
 */

import type { ConfigEntry } from '../config/tree';
import { parsedRailwayConfigs } from '../plan/build';
import { allSections, type RailwayConfig } from '../railway/config';
import { defineRule, type Report } from '../rule';
import { allowedKeys, schemaProblems, type SchemaProblem } from '../railway/schema';
import type { Fix } from '../types';

export const railwayConfigSchema = defineRule({
  id: 'railway-config-schema',
  defaultSeverity: 'warning',
  summary: 'Keys and values in railway.toml / railway.json that Railway does not read as written.',
  fileKinds: ['railway-toml', 'railway-json'],
  check(project, report) {
    for (const { path, config } of parsedRailwayConfigs(project)) {
      const json = config.doc.format === 'json';
      for (const problem of schemaProblems(config.doc.root!)) reportProblem(path, json, problem, report);
      deprecations(path, config, report);
    }
  },
});

/** Settings often written in these files that Railway takes from somewhere else. */
const ELSEWHERE: Readonly<Record<string, string>> = {
  variables: 'Railway does not read variables from this file: set them on the service (the Variables tab or `railway variables --set`), and reference other services with `${{Postgres.DATABASE_URL}}`.',
  env: 'Railway does not read environment variables from this file: set them on the service (the Variables tab or `railway variables --set`).',
  vars: 'Railway does not read variables from this file: set them on the service (the Variables tab or `railway variables --set`).',
  'build.env': 'Build-time variables are service variables too (declare `ARG NAME` in a Dockerfile stage that uses one); this file cannot set them.',
  ports: 'There is no port setting: Railway routes to the port the app listens on, given in $PORT, or to the target port chosen on the domain.',
  'deploy.port': 'There is no port setting: Railway sets PORT for the app to listen on, and routes to it (or to the target port chosen on the domain).',
  'deploy.healthcheck': 'There is no healthcheck switch: set `healthcheckPath` to turn the healthcheck on, and remove it to turn it off.',
  service: 'There is no `[service]` table: build and deploy settings go under `[build]` and `[deploy]`; the service name is set in Railway.',
  watch: 'File watching is `build.watchPatterns`.',
};

function reportProblem(path: string, json: boolean, problem: SchemaProblem, report: (r: Report) => void): void {
  switch (problem.kind) {
    case 'unknown-key': {
      const { entry, parentPath, allowed } = problem;
      // An environment override (`environments.<name>.deploy`) takes the same keys as the base config.
      const local = parentPath[0] === 'environments' ? parentPath.slice(2) : parentPath;
      const elsewhere = ELSEWHERE[[...local, entry.key].join('.')];
      const suggestion = elsewhere ? undefined : closest(entry.key, allowed);
      const section = elsewhere || suggestion ? undefined : otherSection(parentPath, entry.key);
      const where = parentPath.length ? `\`[${parentPath.join('.')}]\`` : 'the top level';
      report({
        file: path,
        range: entry.keyRange,
        about: ['schema', ...(elsewhere || suggestion || section ? ['schema-hint'] : [])],
        message: elsewhere
          ? `\`${entry.key}\` is not a Railway config setting. ${elsewhere}`
          : suggestion
            ? `\`${entry.key}\` is not a Railway setting in ${where}: did you mean \`${suggestion}\`?`
            : section
              ? `\`${entry.key}\` belongs in \`[${section}]\`, not ${where}: Railway does not read it here.`
              : `\`${entry.key}\` is not a Railway setting in ${where} (it allows ${allowed.map((k) => `\`${k}\``).join(', ')}).`,
        fixes: suggestion ? [renameKey(path, json, entry, suggestion)] : [],
      });
      return;
    }
    case 'enum': {
      const node = problem.node;
      const name = problem.path[problem.path.length - 1];
      const value = node.kind === 'string' ? node.value : undefined;
      const upper = value?.toUpperCase();
      const documented = problem.allowed.filter((v) => v !== 'HEROKU' && v !== 'PAKETO');
      if (node.kind === 'string' && upper && problem.allowed.includes(upper)) {
        report({
          file: path,
          range: node.range,
          about: ['schema', 'schema-hint'],
          message: `Railway documents \`${name}\` values in upper case: \`"${upper}"\`. Whether it accepts \`"${value}"\` is not documented.`,
          fixes: [{ title: `Change to "${upper}"`, edits: [node.rewrite(upper)], isPreferred: true }],
        });
        return;
      }
      report({
        file: path,
        range: node.range,
        about: ['schema'],
        message: `${value !== undefined ? `\`"${value}"\`` : 'This value'} is not a valid \`${name}\`: use ${documented.map((v) => `\`"${v}"\``).join(', ')}.`,
      });
      return;
    }
    case 'type': {
      const node = problem.node;
      const name = problem.path[problem.path.length - 1];
      const fixes: Fix[] = [];
      if (node.kind === 'string' && /^\d+$/.test(node.value) && problem.expected.some((t) => t === 'integer' || t === 'number')) {
        fixes.push({ title: `Write ${node.value} as a number`, edits: [{ file: path, range: node.range, text: node.value }], isPreferred: true });
      }
      report({
        file: path,
        range: node.range,
        about: ['schema', ...(fixes.length ? ['schema-hint'] : [])],
        message: `\`${name}\` must be ${problem.expected.map(article).join(' or ')}.`,
        fixes,
      });
      return;
    }
    default:
      report({ file: path, range: problem.node.range, about: ['schema'], message: `\`${problem.path.join('.') || 'The config'}\` ${problem.message}.` });
  }
}

function deprecations(path: string, config: RailwayConfig, report: (r: Report) => void): void {
  for (const sections of allSections(config)) {
    for (const [name, section] of [['build', sections.build], ['deploy', sections.deploy]] as const) {
      for (const entry of section?.entries.values() ?? []) {
        const value = entry.value;
        if (entry.key === 'builder' && value.kind === 'string' && value.value.toUpperCase() === 'NIXPACKS') {
          report({
            file: path,
            range: value.range,
            tags: ['deprecated'],
            about: ['schema', 'schema-hint'],
            message: `Nixpacks is deprecated (maintenance mode): new services build with Railpack, which reads the same start command and Procfile but installs and starts Python differently — check a build before switching (\`${sections.prefix}${name}.builder\`).`,
            fixes: [{ title: 'Switch to "RAILPACK"', edits: [value.rewrite('RAILPACK')] }],
          });
        }
        if (entry.key === 'numReplicas') {
          report({
            file: path,
            range: entry.keyRange,
            tags: ['deprecated'],
            about: ['schema', 'schema-hint'],
            message: '`numReplicas` was removed from Railway\'s config-as-code reference: set replicas per region with `multiRegionConfig`.',
          });
        }
      }
    }
  }
}

function renameKey(path: string, json: boolean, entry: ConfigEntry, name: string): Fix {
  return { title: `Rename to \`${name}\``, edits: [{ file: path, range: entry.keyRange, text: json ? JSON.stringify(name) : name }], isPreferred: true };
}

/** The allowed key nearest to a misspelt one: same letters in another case, or at most two edits away. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameCase = allowed.find((a) => a.toLowerCase() === lower || a.toLowerCase() === lower.replace(/[_-]/g, ''));
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = key.length > 8 ? 3 : 2;
  for (const candidate of allowed) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best === undefined)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** A key that belongs in the other section (`startCommand` under `[build]`), by the schema's key lists. */
function otherSection(parentPath: readonly string[], key: string): string | undefined {
  const last = parentPath[parentPath.length - 1];
  const prefix = parentPath.slice(0, -1).join('.');
  const join = (section: string): string => (prefix ? `${prefix}.${section}` : section);
  if (last === 'build' && allowedKeys(['deploy']).includes(key)) return join('deploy');
  if (last === 'deploy' && allowedKeys(['build']).includes(key)) return join('build');
  if (!parentPath.length && allowedKeys(['deploy']).includes(key)) return 'deploy';
  if (!parentPath.length && allowedKeys(['build']).includes(key)) return 'build';
  return undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = next;
    }
  }
  return row[b.length];
}

function article(type: string): string {
  return type === 'integer' ? 'an integer' : type === 'array' ? 'a list' : type === 'object' ? 'a table' : `a ${type}`;
}
