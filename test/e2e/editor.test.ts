/**
 * Scenarios a–d: the packaged extension in code-server, through the editor UI. Each scenario opens a fresh copy
 * of a fixture workspace (test/e2e/fixtures/<name>) in a new page; the assertions read what a user sees: the
 * squiggle, the hover, the Problems panel, the Quick Fix menu, and the file on disk after saving.
 */

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TIMEOUT, repoRoot, useCodeServer, waitFor, type Workbench } from './harness';

const scenario = useCodeServer('editor');

/** The squiggle is there, Problems lists the rule, and the hover shows the message and the rule's docs link. */
async function expectDiagnostic(workbench: Workbench, file: string, rule: string, messagePart: string, underlined: string) {
  await workbench.openFile(file);
  const squiggle = await workbench.waitForErrorSquiggle();
  assert.equal(await workbench.textUnder(squiggle), underlined, 'the squiggle underlines the wrong text');

  const rows = await workbench.openProblems();
  const row = rows.filter({ hasText: rule }).first();
  await row.waitFor({ state: 'visible', timeout: TIMEOUT.ui });
  const rowText = (await row.textContent()) ?? '';
  assert.ok(rowText.includes(messagePart), `the Problems entry does not say "${messagePart}": ${rowText}`);

  const hover = await workbench.hoverOver(squiggle);
  await waitFor(async () => ((await hover.textContent()) ?? '').includes(messagePart), TIMEOUT.ui, `the hover to say "${messagePart}"`);
  const link = hover.locator('a.code-link', { hasText: rule });
  await link.waitFor({ state: 'visible', timeout: TIMEOUT.ui });
  const href = (await link.getAttribute('href')) ?? '';
  assert.match(href, new RegExp(`^https://.+/docs/rules/${rule}\\.md$`), `the hover's rule link points to ${href}`);
  assert.ok(existsSync(join(repoRoot, 'docs', 'rules', `${rule}.md`)), `the hover links to docs/rules/${rule}.md, which does not exist`);
  await workbench.screenshot('hover');
  await workbench.page.mouse.move(0, 0);
  return squiggle;
}

/** Applies the fix, saves, checks the file on disk, and waits for the squiggle and the Problems entry to go. */
async function expectFix(workbench: Workbench, file: string, rule: string, fixTitle: string, expected: string) {
  await workbench.openFile(file);
  const squiggle = await workbench.waitForErrorSquiggle();
  await workbench.applyQuickFix(squiggle, fixTitle);
  await workbench.save();
  await workbench.expectFileContent(file, expected);
  await waitFor(async () => (await workbench.errorSquiggles.count()) === 0, TIMEOUT.diagnostics, `the ${rule} squiggle to go away after the fix`);
  const rows = await workbench.openProblems();
  await waitFor(async () => (await rows.filter({ hasText: rule }).count()) === 0, TIMEOUT.diagnostics, `the ${rule} entry to leave the Problems panel`);
}

const PROCFILE = 'web: gunicorn --chdir server wsgi:app --workers 2 --timeout 30 --bind 0.0.0.0:$PORT\n';

describe('editor (code-server, workspace trust off)', () => {
  test('a: a Procfile whose app cannot import its package shows a squiggle, a Problems entry and a hover with the docs link', () =>
    scenario('procfile-pythonpath', 'a-procfile-diagnostic', async (workbench) => {
      await expectDiagnostic(workbench, 'Procfile', 'first-party-import-unresolvable', "No module named 'backend'", 'wsgi');
    }));

  test('b: the quick fix "Prepend PYTHONPATH=." rewrites the Procfile exactly and the diagnostic goes away', () =>
    scenario('procfile-pythonpath', 'b-procfile-quick-fix', async (workbench) => {
      assert.equal(readFileSync(join(workbench.folder, 'Procfile'), 'utf8'), PROCFILE, 'the fixture changed');
      await expectFix(
        workbench,
        'Procfile',
        'first-party-import-unresolvable',
        'Prepend PYTHONPATH=. to the start command',
        'web: PYTHONPATH=. gunicorn --chdir server wsgi:app --workers 2 --timeout 30 --bind 0.0.0.0:$PORT\n',
      );
    }));

  test('c: railway.toml with uvicorn on its default loopback host: host-not-reachable, fixed by "Add --host 0.0.0.0"', () =>
    scenario('railway-uvicorn', 'c-railway-host', async (workbench) => {
      await expectDiagnostic(workbench, 'railway.toml', 'host-not-reachable', 'uvicorn listens on 127.0.0.1', 'main:app');
      await expectFix(
        workbench,
        'railway.toml',
        'host-not-reachable',
        'Add --host 0.0.0.0',
        '[build]\nbuilder = "RAILPACK"\n\n[deploy]\nstartCommand = "uvicorn main:app --port $PORT --host 0.0.0.0"\nhealthcheckPath = "/health"\n',
      );
    }));

  test('d: $PORT in an exec-form Dockerfile CMD: exec-form-env-not-expanded, fixed by running it through sh -c', () =>
    scenario('dockerfile-exec-port', 'd-dockerfile-exec-form', async (workbench) => {
      await expectDiagnostic(workbench, 'Dockerfile', 'exec-form-env-not-expanded', '`$PORT` is not expanded', '$PORT');
      await expectFix(
        workbench,
        'Dockerfile',
        'exec-form-env-not-expanded',
        'Run it through sh -c "exec …" so variables expand',
        [
          'FROM python:3.12-slim',
          'WORKDIR /app',
          'COPY requirements.txt .',
          'RUN pip install --no-cache-dir -r requirements.txt',
          'COPY . .',
          'CMD ["sh", "-c", "exec gunicorn --bind 0.0.0.0:${PORT} --workers 2 app:app"]',
          '',
        ].join('\n'),
      );
    }));
});
