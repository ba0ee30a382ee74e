/**
 * Where a document belongs: one project per workspace folder (files on disk overlaid with the open editors),
 * a project rooted at its own folder for a file outside every workspace folder, and a project of its own for
 * an untitled document. Maps URIs to projects and project-relative paths and back.
 */

import { dirname, join } from 'node:path';
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileKindOf, type ProjectFiles } from '../engine/index';
import { diskFiles, type DiskFiles, type WalkLimits } from '../node/disk-files';
import { isTooLarge, type Documents } from './documents';
import { fsPathToUri, relativeInside, schemeOf, uriToFsPath } from './uris';

export type ProjectKind = 'folder' | 'loose' | 'untitled';

export interface WorkspaceProject {
  readonly kind: ProjectKind;
  /** The project's folder on disk; undefined for an untitled document. */
  readonly root: string | undefined;
  /** Disk files overlaid with the open editors: `read` returns the editor text, `version` the document version. */
  readonly files: ProjectFiles;
  /** Changes whenever the text of any of the project's files may have changed; never repeats. */
  readonly generation: number;
}

/** A document's place: its project and its project-relative path. */
export interface Target {
  readonly project: WorkspaceProject;
  readonly path: string;
}

/** How a project's files are reached from LSP: their URIs, the versions of the open ones. */
export interface FileResolver {
  uri(path: string): string | undefined;
  /** The open document's version, or null for a file that is not open in the editor. */
  version(path: string): number | null;
  read(path: string): string | undefined;
}

/** Names for untitled documents, which have no file name to tell their kind. */
const UNTITLED_NAMES: Readonly<Record<string, string>> = {
  procfile: 'Procfile',
  dockerfile: 'Dockerfile',
  python: 'main.py',
};

/**
 * The folder of a document outside every workspace folder becomes its project, but that folder may be a home
 * directory: its listing stops at a few levels and a few thousand files instead of walking everything below it.
 */
const LOOSE_FOLDER: WalkLimits = { maxFiles: 5_000, maxDepth: 4 };

let generations = 0;

class ProjectState implements WorkspaceProject {
  generation = ++generations;
  private openCache: { stamp: number; paths: Map<string, string> } | undefined;
  private listCache: { disk: readonly string[]; open: Map<string, string>; merged: string[] } | undefined;
  readonly files: ProjectFiles;

  constructor(
    readonly kind: ProjectKind,
    readonly root: string | undefined,
    readonly disk: DiskFiles | undefined,
    private readonly workspace: Workspace,
    private readonly documents: Documents,
    /** For an untitled project: its one document and the name it is analysed under. */
    readonly single?: { readonly uri: string; readonly path: string },
  ) {
    this.files = {
      list: () => this.list(),
      read: (path) => {
        const doc = this.openDocument(path);
        if (doc) return isTooLarge(doc.getText()) ? undefined : doc.getText();
        return this.disk?.read(path);
      },
      version: (path) => {
        const doc = this.openDocument(path);
        return doc ? `doc:${doc.version}` : this.disk?.version?.(path);
      },
    };
  }

  touch(): void {
    this.generation = ++generations;
  }

  /** Open documents of this project: project-relative path → URI. */
  openPaths(): Map<string, string> {
    const stamp = this.workspace.openStamp;
    if (this.openCache?.stamp === stamp) return this.openCache.paths;
    const paths = new Map<string, string>();
    if (this.single) {
      if (this.documents.get(this.single.uri)) paths.set(this.single.path, this.single.uri);
    } else {
      for (const uri of this.documents.keys()) {
        const target = this.workspace.locate(uri);
        if (target?.project === this) paths.set(target.path, uri);
      }
    }
    this.openCache = { stamp, paths };
    return paths;
  }

  openDocument(path: string): TextDocument | undefined {
    const uri = this.openPaths().get(path);
    return uri === undefined ? undefined : this.documents.get(uri);
  }

  private list(): readonly string[] {
    const disk = this.disk?.list() ?? [];
    const open = this.openPaths();
    if (this.listCache && this.listCache.disk === disk && this.listCache.open === open) return this.listCache.merged;
    const onDisk = new Set(disk);
    const merged = [...disk, ...[...open.keys()].filter((path) => !onDisk.has(path))];
    this.listCache = { disk, open, merged };
    return merged;
  }
}

export class Workspace {
  private readonly folders = new Map<string, ProjectState>();
  private readonly loose = new Map<string, ProjectState>();
  private readonly untitled = new Map<string, ProjectState>();
  /** Bumped when the set of open documents or folders changes, which moves documents between projects. */
  private stamp = 0;

  constructor(private readonly documents: Documents) {}

  get openStamp(): number {
    return this.stamp;
  }

  /** Adds and removes workspace folders (given as URIs); non-file folders are ignored. */
  changeFolders(added: readonly string[], removed: readonly string[] = []): void {
    for (const uri of removed) {
      const root = uriToFsPath(uri);
      if (root !== undefined) this.folders.delete(root);
    }
    for (const uri of added) {
      const root = uriToFsPath(uri);
      if (root !== undefined && !this.folders.has(root)) {
        this.folders.set(root, new ProjectState('folder', root, diskFiles(root), this, this.documents));
      }
    }
    this.openSetChanged();
    for (const project of this.allProjects()) project.touch();
  }

  /** The project and path of a document, or undefined for schemes the server does not analyse. */
  locate(uri: string): Target | undefined {
    const scheme = schemeOf(uri);
    if (scheme === 'untitled') return this.locateUntitled(uri);
    const fsPath = uriToFsPath(uri);
    if (fsPath === undefined) return undefined;
    let best: { project: ProjectState; path: string } | undefined;
    for (const [root, project] of this.folders) {
      const path = relativeInside(root, fsPath);
      // The innermost folder wins when workspace folders are nested.
      if (path !== undefined && (!best || path.length < best.path.length)) best = { project, path };
    }
    if (best) return best;
    const dir = dirname(fsPath);
    let project = this.loose.get(dir);
    if (!project) {
      project = new ProjectState('loose', dir, diskFiles(dir, LOOSE_FOLDER), this, this.documents);
      this.loose.set(dir, project);
    }
    const path = relativeInside(dir, fsPath);
    return path === undefined ? undefined : { project, path };
  }

  /** The project of a workspace folder, given as a URI; undefined when the URI is not a workspace folder. */
  folderProject(uri: string): WorkspaceProject | undefined {
    const root = uriToFsPath(uri);
    return root === undefined ? undefined : this.folders.get(root);
  }

  /** URIs, versions and texts of a project's files. */
  resolver(project: WorkspaceProject): FileResolver {
    const state = project as ProjectState;
    return {
      uri: (path) => {
        const open = state.openPaths().get(path);
        if (open !== undefined) return open;
        return state.root === undefined ? undefined : fsPathToUri(join(state.root, ...path.split('/')));
      },
      version: (path) => state.openDocument(path)?.version ?? null,
      read: (path) => state.files.read(path),
    };
  }

  /** A document was opened or closed: it now reads from the editor, or from disk again. Returns where it belongs. */
  documentOpenedOrClosed(uri: string): Target | undefined {
    this.openSetChanged();
    const target = this.documentChanged(uri);
    if (!this.documents.get(uri)) {
      this.untitled.delete(uri);
      this.dropUnusedLooseProjects();
    }
    return target;
  }

  /** A document's text changed: its project's findings may change. Returns where the document belongs. */
  documentChanged(uri: string): Target | undefined {
    const target = this.locate(uri);
    (target?.project as ProjectState | undefined)?.touch();
    return target;
  }

  /**
   * Files changed on disk: forgets what the disk layers cached about them, and calls `changed` with each project
   * and path a file belongs to. Returns whether any of them belongs to a project (and so may change findings).
   */
  filesChanged(changes: readonly FileEvent[], changed?: (target: Target) => void): boolean {
    let any = false;
    for (const { uri, type } of changes) {
      const fsPath = uriToFsPath(uri);
      if (fsPath === undefined) continue;
      const change = type === FileChangeType.Created ? 'created' : type === FileChangeType.Deleted ? 'deleted' : 'changed';
      for (const project of [...this.folders.values(), ...this.loose.values()]) {
        const path = project.root === undefined ? undefined : relativeInside(project.root, fsPath);
        if (path === undefined) continue;
        project.disk?.invalidate(path, change);
        project.touch();
        changed?.({ project, path });
        any = true;
      }
    }
    return any;
  }

  private locateUntitled(uri: string): Target | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    // `untitled:/home/me/Procfile` carries the name it will be saved under; `untitled:Untitled-1` does not.
    const name = decoded(uri.slice(uri.lastIndexOf('/') + 1));
    const path = name && fileKindOf(name) ? name : UNTITLED_NAMES[doc.languageId];
    if (path === undefined) return undefined;
    let project = this.untitled.get(uri);
    // The user may change an untitled document's language, and with it the name it is analysed under.
    if (project?.single?.path !== path) {
      project = new ProjectState('untitled', undefined, undefined, this, this.documents, { uri, path });
      this.untitled.set(uri, project);
    }
    return { project, path };
  }

  private openSetChanged(): void {
    this.stamp++;
  }

  private dropUnusedLooseProjects(): void {
    for (const [dir, project] of this.loose) if (project.openPaths().size === 0) this.loose.delete(dir);
  }

  private allProjects(): ProjectState[] {
    return [...this.folders.values(), ...this.loose.values(), ...this.untitled.values()];
  }
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
