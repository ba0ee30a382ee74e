/** Which kind of file a path is, by name, as the platforms recognise them. */

import { basename } from './files';
import type { FileKind } from './types';

export function fileKindOf(path: string): FileKind | undefined {
  const name = basename(path);
  if (name === 'Procfile' || name.startsWith('Procfile.')) return 'procfile';
  if (name === 'railway.toml') return 'railway-toml';
  if (name === 'railway.json') return 'railway-json';
  if (path === '.railway/railway.ts' || path.endsWith('/.railway/railway.ts')) return 'railway-iac';
  if (isDockerfileName(name)) return 'dockerfile';
  if (name.endsWith('.py')) return 'python';
  // Shell scripts matter when a start command runs them (`bash start.sh`).
  if (name.endsWith('.sh')) return 'shell';
  return undefined;
}

export function isDockerfileName(name: string): boolean {
  return (
    name === 'Dockerfile' ||
    name.startsWith('Dockerfile.') ||
    name.toLowerCase().endsWith('.dockerfile') ||
    name === 'Containerfile' ||
    name.startsWith('Containerfile.')
  );
}

/** Files whose content changes the deploy plan (the LSP refreshes diagnostics when one changes on disk). */
export function isDeployFile(path: string): boolean {
  const name = basename(path);
  return (
    fileKindOf(path) !== undefined ||
    name === 'requirements.txt' ||
    name === 'pyproject.toml' ||
    name === 'Pipfile' ||
    name === 'runtime.txt' ||
    name === '.python-version' ||
    name === 'nixpacks.toml' ||
    name === 'railpack.json' ||
    name === '.dockerignore' ||
    name === 'gunicorn.conf.py' ||
    name === 'app.json'
  );
}
