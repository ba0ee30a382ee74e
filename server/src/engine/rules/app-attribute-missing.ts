/**
 * app-attribute-missing: the app module resolves but defines no such attribute at module level (assignments,
 * defs, classes and imports are scanned; a star import or module `__getattr__` makes the module open and the
 * rule silent). Recognises app factories and suggests `'pkg:create_app()'` for gunicorn or `--factory` for uvicorn.
 */

import { basename, dirname, joinPath } from '../files';
import { certainty, shadowNote } from '../plan/describe';
import { appendOptionEdits, replaceEdits } from '../plan/fixes';
import { launchImports } from '../plan/imports';
import type { PlannedLaunch } from '../plan/types';
import type { PyBinding, PySource } from '../python/source';
import { defineRule, type Report } from '../rule';
import type { Fix } from '../types';

/** Callees that construct a WSGI/ASGI application object. */
const APP_CONSTRUCTOR = /(^|\.)(Flask|FastAPI|Starlette|Quart|Sanic|Litestar|Bottle|App|API|Application|FlaskApp|AsyncApp|get_wsgi_application|get_asgi_application|make_app|create_app|Falcon|Dash|Robyn|Django)$/;
const FACTORY_NAME = /^(create_app|make_app|get_app|app_factory|build_app|create_application|application_factory)$/;

export const appAttributeMissing = defineRule({
  id: 'app-attribute-missing',
  defaultSeverity: 'error',
  summary: 'The app module resolves but defines no such attribute (or names a factory without calling it).',
  fileKinds: ['procfile', 'railway-toml', 'railway-json', 'railway-iac', 'dockerfile', 'shell'],
  check(project, report) {
    for (const planned of project.plan.launches) {
      const app = planned.launch.app;
      if (!app || !planned.source.file) continue;
      const entry = launchImports(project, planned)?.entry;
      if (!entry?.resolution.found || !entry.file) continue;
      const py = project.python(entry.file);
      if (!py || py.hasSyntaxError || py.openNamespace) continue;
      checkApp(planned, py, entry.file, report, (p) => project.python(p), (p) => project.index.isFile(p));
    }
  },
});

function checkApp(
  planned: PlannedLaunch,
  py: PySource,
  file: string,
  report: (r: Report) => void,
  readPython: (path: string) => PySource | undefined,
  isFile: (path: string) => boolean,
): void {
  const { launch, source } = planned;
  const app = launch.app!;
  const server = launch.server;
  const attribute = app.attribute ?? app.defaultAttribute;
  const sourceFile = source.file!;
  const about = [`module:${app.module}`, `attribute:${app.attribute ?? app.defaultAttribute ?? ''}`];
  if (attribute === undefined) {
    // uvicorn needs `module:attribute`; other servers' behaviour without one is not certain enough to report.
    if (server !== 'uvicorn') return;
    const candidates = appObjects(py);
    const fixes: Fix[] = candidates.length === 1 ? attributeFixes(planned, `${app.module}:${candidates[0].name}`, app.word.range, true) : [];
    report({
      file: sourceFile,
      about,
      range: app.word.range,
      severity: certainty(planned, 'error'),
      message: `${server} needs \`module:attribute\`: it exits with "Import string "${app.text}" must be in format "<module>:<attribute>"".${candidates.length ? ` \`${app.module}\` defines ${list(candidates)}.` : ''}${shadowNote(planned)}`,
      fixes,
    });
    return;
  }
  const binding = py.bindings.get(attribute);
  const range = app.attributeRange ?? app.word.range;
  if (binding) {
    if (binding.kind === 'def' && !app.factory && (server === 'gunicorn' || server === 'waitress') && looksLikeFactory(binding)) {
      const fixes = factoryFixes(planned, attribute).map((f) => ({ ...f, isPreferred: undefined }));
      report({
        file: sourceFile,
        about,
        range,
        severity: certainty(planned, 'warning'),
        message: `\`${attribute}\` is an app factory: ${server} will use the function itself as the WSGI app and call \`${attribute}(environ, start_response)\` on every request. ${server === 'gunicorn' ? `Call it in the app reference: \`'${app.module}:${attribute}()'\`` : 'Add --call so waitress calls it once'}.${shadowNote(planned)}`,
        fixes,
      });
    }
    return;
  }
  const objects = appObjects(py);
  const factories = factoryFunctions(py);
  const fixes: Fix[] = [];
  if (objects.length === 1) fixes.push(...attributeFixes(planned, `${app.module}:${objects[0].name}`, app.word.range, true));
  else if (!objects.length && factories.length === 1) fixes.push(...factoryFixes(planned, factories[0].name));
  const shadowed = shadowedModule(file, attribute, readPython, isFile);
  const error = server === 'gunicorn' ? `Failed to find attribute '${attribute}' in '${app.module}'.` : server === 'uvicorn' ? `Error loading ASGI app. Attribute "${attribute}" not found in module "${app.module}".` : `module '${app.module}' has no attribute '${attribute}'.`;
  const hint = objects.length ? ` It defines ${list(objects)}.` : factories.length ? ` It has the factory ${list(factories)}.` : '';
  report({
    file: sourceFile,
    range,
    severity: certainty(planned, 'error'),
    message: `\`${app.module}\` (${file}) defines no \`${attribute}\` at module level, so ${server ?? launch.program} stops with "${error}"${shadowed ? ` The package \`${dirname(file)}/\` takes precedence over \`${shadowed}\`, which does define it.` : ''}${hint}${shadowNote(planned)}`,
    related: [{ file, range: { start: 0, end: 0 }, message: `The module ${launch.program} imports` }],
    fixes,
  });
}

/** How each server is told to call a factory: gunicorn `'m:f()'`, uvicorn/granian `--factory`, waitress `--call`. */
function factoryFixes(planned: PlannedLaunch, factory: string): Fix[] {
  const { launch, source } = planned;
  const app = launch.app!;
  const flag = launch.server === 'uvicorn' || launch.server === 'granian' ? '--factory' : launch.server === 'waitress' ? '--call' : undefined;
  if (flag) {
    const edits = [...(replaceEdits(source, launch.command, app.word.range, `${app.module}:${factory}`) ?? []), ...(launch.app?.factory ? [] : appendOptionEdits(planned, [flag]) ?? [])];
    return edits.length ? [{ title: `Use the factory: ${app.module}:${factory} ${flag}`, edits, isPreferred: true }] : [];
  }
  if (launch.server === 'gunicorn') return attributeFixes(planned, `${app.module}:${factory}()`, app.word.range, true);
  return [];
}

function attributeFixes(planned: PlannedLaunch, reference: string, range: { start: number; end: number }, preferred = false): Fix[] {
  const edits = replaceEdits(planned.source, planned.launch.command, range, quoteIfNeeded(reference));
  return edits ? [{ title: `Use \`${reference}\``, edits, ...(preferred ? { isPreferred: true } : {}) }] : [];
}

/** `pkg:create_app()` needs quotes in a shell; plain references do not. */
function quoteIfNeeded(reference: string): string {
  return /[()'" ]/.test(reference) ? `'${reference}'` : reference;
}

function appObjects(py: PySource): PyBinding[] {
  return [...py.bindings.values()].filter((b) => b.kind === 'assign' && b.callee !== undefined && APP_CONSTRUCTOR.test(b.callee));
}

function factoryFunctions(py: PySource): PyBinding[] {
  return [...py.bindings.values()].filter((b) => b.kind === 'def' && looksLikeFactory(b));
}

function looksLikeFactory(binding: PyBinding): boolean {
  if (binding.kind !== 'def' || (binding.requiredParams ?? 0) > 0) return false;
  if (FACTORY_NAME.test(binding.name)) return true;
  return (binding.returns ?? []).some((r) => r.endsWith('()') && APP_CONSTRUCTOR.test(r.slice(0, -2)));
}

/** `app/__init__.py` was found, but a sibling `app.py` defines the attribute (the classic shadowing mistake). */
function shadowedModule(file: string, attribute: string, readPython: (p: string) => PySource | undefined, isFile: (p: string) => boolean): string | undefined {
  if (basename(file) !== '__init__.py') return undefined;
  const pkg = dirname(file);
  const sibling = joinPath(dirname(pkg), `${basename(pkg)}.py`);
  if (!isFile(sibling)) return undefined;
  return readPython(sibling)?.bindings.has(attribute) ? sibling : undefined;
}

function list(bindings: readonly PyBinding[]): string {
  return bindings
    .slice(0, 3)
    .map((b) => `\`${b.name}\``)
    .join(', ');
}
