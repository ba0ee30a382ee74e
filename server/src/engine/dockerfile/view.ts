/**
 * The file system inside an image, as far as the Dockerfile shows it: every COPY/ADD of the build context (and
 * of earlier stages, through `--from`) maps a container path to project files. Base-image contents are not
 * known, so only project files are ever found; the Python checks only ask about first-party modules.
 */

import type { FileIndex } from '../files';
import { basename, joinPath } from '../files';
import type { PathView } from '../python/resolve';
import { escapeRegExp } from '../text';
import { resolveContainerPath, type DockerStage, type Dockerfile } from './parse';

interface Mapping {
  /** Container path (absolute). */
  readonly container: string;
  /** Project path it shows. */
  readonly project: string;
  readonly dir: boolean;
}

const MAX_STAGE_DEPTH = 4;

export function containerView(index: FileIndex, dockerfile: Dockerfile, stage: DockerStage, context: string, ignored?: (projectPath: string) => boolean): PathView {
  const mappings = stageMappings(index, dockerfile, stage, context, 0);
  const visible = (path: string): boolean => !ignored?.(path);
  const lookup = (path: string): string | undefined => {
    for (let i = mappings.length - 1; i >= 0; i--) {
      const m = mappings[i];
      if (path === m.container) return m.project;
      if (m.dir && path.startsWith(m.container === '/' ? '/' : `${m.container}/`)) {
        const rest = path.slice(m.container === '/' ? 1 : m.container.length + 1);
        const candidate = joinPath(m.project, rest);
        if (index.isFile(candidate) || index.isDir(candidate)) return candidate;
      }
    }
    return undefined;
  };
  return {
    isFile: (p) => {
      const project = lookup(p);
      return project !== undefined && index.isFile(project) && visible(project);
    },
    isDir: (p) => {
      if (p === '/') return true;
      const project = lookup(p);
      if (project !== undefined && index.isDir(project)) return true;
      // Directories created implicitly by a COPY destination below them.
      const prefix = `${p}/`;
      return mappings.some((m) => m.container.startsWith(prefix));
    },
    caseVariants: (p) => {
      const slash = p.lastIndexOf('/');
      const parent = slash <= 0 ? '/' : p.slice(0, slash);
      const parentProject = lookup(parent);
      if (parentProject === undefined) return [];
      return index.caseVariants(joinPath(parentProject, basename(p))).map((v) => `${parent === '/' ? '' : parent}/${basename(v)}`);
    },
    toProject: (p) => lookup(p),
    fromProject: (p) => {
      for (let i = mappings.length - 1; i >= 0; i--) {
        const m = mappings[i];
        if (p === m.project) return m.container;
        if (m.dir && (m.project === '' || p.startsWith(`${m.project}/`))) {
          const rest = m.project === '' ? p : p.slice(m.project.length + 1);
          return m.container === '/' ? `/${rest}` : `${m.container}/${rest}`;
        }
      }
      return undefined;
    },
    describe: (p) => p,
  };
}

function stageMappings(index: FileIndex, dockerfile: Dockerfile, stage: DockerStage, context: string, depth: number): Mapping[] {
  const out: Mapping[] = [];
  for (const copy of stage.copies) {
    const dest = resolveContainerPath(copy.workdir, copy.dest.value);
    // `COPY file .` lands inside the working directory: Docker treats an existing directory as a directory.
    const destIsDir =
      copy.dest.value.endsWith('/') || copy.sources.length > 1 || copy.dest.value === '.' || dest === copy.workdir || isExistingDir(out, dest);
    if (copy.from !== undefined) {
      const fromStage = dockerfile.stages.find((s) => s.name === copy.from) ?? dockerfile.stages[Number(copy.from)];
      if (!fromStage || depth >= MAX_STAGE_DEPTH || fromStage === stage) continue;
      const inner = stageMappings(index, dockerfile, fromStage, context, depth + 1);
      for (const source of copy.sources) {
        const src = resolveContainerPath(fromStage.workdir, source.value);
        for (const m of inner) {
          // Re-root every mapping under the copied source path.
          if (m.container === src || m.container.startsWith(`${src}/`)) {
            const rest = m.container.slice(src.length);
            const target = destIsDir && m.container === src && !m.dir ? `${dest}/${basename(src)}` : `${dest}${rest}`;
            out.push({ container: target.replace(/\/+$/, '') || '/', project: m.project, dir: m.dir });
          } else if (src.startsWith(`${m.container}/`) && m.dir) {
            const project = joinPath(m.project, src.slice(m.container.length + 1));
            if (index.isDir(project)) out.push({ container: dest, project, dir: true });
            else if (index.isFile(project)) out.push({ container: destIsDir ? `${dest}/${basename(project)}` : dest, project, dir: false });
          }
        }
      }
      continue;
    }
    if (copy.keyword === 'ADD' && copy.sources.some((s) => /^(https?|git):\/\//.test(s.value) || /\.(tar|tgz|tar\.gz|tar\.bz2|tar\.xz)$/.test(s.value))) continue;
    for (const source of copy.sources) {
      const project = joinPath(context, source.value);
      if (/[*?[]/.test(source.value)) {
        // A glob: map each matching file in the source directory.
        const pattern = globRegex(basename(source.value));
        const dir = joinPath(context, source.value.slice(0, Math.max(0, source.value.lastIndexOf('/'))));
        for (const child of index.childrenOf(dir)) {
          if (pattern.test(basename(child))) out.push({ container: `${dest}/${basename(child)}`, project: child, dir: index.isDir(child) });
        }
        continue;
      }
      if (index.isDir(project)) out.push({ container: dest, project, dir: true });
      else if (index.isFile(project)) out.push({ container: destIsDir || isExistingDir(out, dest) ? `${dest}/${basename(project)}` : dest, project, dir: false });
    }
  }
  return out;
}

function isExistingDir(mappings: readonly Mapping[], path: string): boolean {
  return mappings.some((m) => m.dir && m.container === path);
}

function globRegex(glob: string): RegExp {
  let out = '^';
  for (const c of glob) {
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += escapeRegExp(c);
  }
  return new RegExp(`${out}$`);
}
