/**
 * The start command Railpack derives when none is configured (research/platforms.md §3.2), so that services
 * without a start command are still checked for what will actually run.
 */

import { joinPath } from '../files';
import type { Project } from '../project';

const MAIN_FILES = ['main.py', 'app.py', 'start.py', 'bot.py', 'hello.py', 'server.py'];

export function defaultStartCommand(project: Project, root: string): string | undefined {
  const manifests = ['requirements.txt', 'pyproject.toml', 'Pipfile'].map((m) => project.text(joinPath(root, m)) ?? '').join('\n').toLowerCase();
  const isPython = manifests.trim().length > 0 || MAIN_FILES.some((f) => project.index.isFile(joinPath(root, f)));
  if (!isPython) return undefined;
  const uses = (dep: string): boolean => new RegExp(`(^|[\\s"'\\[,])${dep}([\\s"'\\]<>=~!;,\\[]|$)`, 'm').test(manifests);
  const main = MAIN_FILES.find((f) => project.index.isFile(joinPath(root, f)));
  // Django's default needs WSGI_APPLICATION found in the sources; too uncertain to reproduce, so not derived here.
  if (project.index.isFile(joinPath(root, 'manage.py')) && uses('django')) return undefined;
  if (main && (uses('fastapi') || uses('python-fasthtml')) && uses('uvicorn')) return 'uvicorn main:app --host 0.0.0.0 --port ${PORT:-8000}';
  if (main && uses('flask') && uses('gunicorn')) return 'gunicorn --bind 0.0.0.0:${PORT:-8000} main:app';
  return main ? `python ${main}` : undefined;
}
