/**
 * healthcheck-path: Railway's healthcheck requests `healthcheckPath` and needs HTTP 200 (research/platforms.md
 * §2.1, §5.3). The path must start with `/`, and it should be a route the app declares (FastAPI, Flask, Starlette,
 * Quart, Sanic, Django URLconfs): a 404 fails every deploy, and a trailing-slash mismatch answers with a redirect,
 * which the healthcheck also counts as a failure.
 */

import { parsedRailwayConfigs } from '../plan/build';
import type { Project } from '../project';
import type { PyRoute } from '../python/source';
import { allSections, stringValue } from '../railway/config';
import { defineRule } from '../rule';
import { escapeRegExp } from '../text';
import type { Fix } from '../types';

const MAX_FILES = 600;

export const healthcheckPath = defineRule({
  id: 'healthcheck-path',
  defaultSeverity: 'warning',
  summary: 'The Railway healthcheck path is malformed or is not a route the app declares.',
  fileKinds: ['railway-toml', 'railway-json'],
  check(project, report) {
    for (const { path, config } of parsedRailwayConfigs(project)) {
      for (const sections of allSections(config)) {
        const node = stringValue(sections.deploy?.entries.get('healthcheckPath')?.value);
        if (!node) continue;
        const value = node.value;
        if (!value.startsWith('/')) {
          const fixed = `/${value.replace(/^https?:\/\/[^/]*\/?/, '')}`;
          report({
            file: path,
            range: node.range,
            severity: 'error',
            message: `\`healthcheckPath\` must be a path starting with \`/\`, like \`${fixed}\`.`,
            fixes: [{ title: `Use "${fixed}"`, edits: [node.rewrite(fixed)], isPreferred: true }],
          });
          continue;
        }
        const routes = appRoutes(project, config.dir);
        if (!routes.length) continue;
        const wanted = value.split('?')[0];
        if (routes.some((r) => matches(r.path, wanted))) continue;
        const slash = routes.find((r) => r.path.replace(/\/+$/, '') === wanted.replace(/\/+$/, ''));
        const fixes: Fix[] = slash ? [{ title: `Use "${slash.path}"`, edits: [node.rewrite(slash.path)], isPreferred: true }] : [];
        report({
          file: path,
          range: node.range,
          related: routes.slice(0, 5).map((r) => ({ file: r.file, range: r.range, message: `Route ${r.path}` })),
          message: slash
            ? `The app declares \`${slash.path}\`, not \`${wanted}\`: the trailing-slash redirect it answers with is a failed healthcheck (Railway needs HTTP 200).`
            : `No route \`${wanted}\` was found in the app (it declares ${routes.slice(0, 4).map((r) => `\`${r.path}\``).join(', ')}${routes.length > 4 ? ', …' : ''}): Railway's healthcheck would get 404 and fail every deploy. If the route is mounted under a prefix or built dynamically, ignore this.`,
          fixes,
        });
      }
    }
  },
});

interface FoundRoute extends PyRoute {
  readonly file: string;
}

function appRoutes(project: Project, root: string): FoundRoute[] {
  return project.remember(`routes:${root}`, () => {
    const out: FoundRoute[] = [];
    let scanned = 0;
    for (const file of project.index.files) {
      if (!file.endsWith('.py') || (root && !file.startsWith(`${root}/`))) continue;
      if (++scanned > MAX_FILES) break;
      for (const route of project.python(file)?.routes ?? []) out.push({ ...route, file });
    }
    return out;
  });
}

/** A route matches the path exactly, as the tail of a prefixed mount, or with path parameters. */
function matches(route: string, wanted: string): boolean {
  if (route === wanted) return true;
  // A router mounted under a prefix (`include_router(prefix="/api")`, Flask blueprints, Django include()).
  if (route.length > 1 && wanted.endsWith(route)) return true;
  // Path parameters: `/items/{id}` (FastAPI, Starlette), `/items/<int:id>` (Flask, Django).
  if (!/[{<]/.test(route)) return false;
  const pattern = route.split(/\{[^}]*\}|<[^>]*>/).map(escapeRegExp).join('[^/]+');
  return new RegExp(`^${pattern}$`).test(wanted);
}
