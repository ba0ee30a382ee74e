/** The deploy plan: per service, what each platform will run, from where, with which files and environment. */

import type { Dockerfile, DockerCommand } from '../dockerfile/parse';
import type { Procfile, ProcfileEntry } from '../procfile/parse';
import type { PathView } from '../python/resolve';
import type { RailwayConfig } from '../railway/config';
import type { CommandLine, CommandMode } from '../shell/model';
import type { Launch } from '../start-command/launch';
import type { MappedText } from '../text';
import type { OffsetRange, TextEdit } from '../types';

export type Platform = 'railway' | 'heroku' | 'docker';

/** Where a command runs: the files it sees, its start directory and the environment the platform gives it. */
export interface Runtime {
  readonly view: PathView;
  /** View path of the directory the command line starts in. */
  readonly startDir: string;
  /** Variables set by the image (Dockerfile ENV) that the command inherits. */
  readonly env: ReadonlyMap<string, string>;
  readonly platform: Platform;
  /** The platform sets PORT (Railway, Heroku) or the image does (ENV PORT). */
  readonly providesPort: boolean;
  /** The project itself is pip-installed (`-e .`, `pip install .`), so first-party packages resolve from site-packages. */
  readonly installsProject: boolean;
  /** The builder may install the project (a pyproject.toml with a build system and no requirements.txt). */
  readonly mayInstallProject: boolean;
  /** `Railway (Railpack)`, `the image built from Dockerfile`, … for messages. */
  readonly name: string;
}

export type SourceKind = 'railway' | 'procfile' | 'dockerfile' | 'script' | 'builder-default';

/** One place a start command is written (or implied), with how it will be run. */
export interface CommandSource {
  readonly kind: SourceKind;
  /** `the web process in Procfile`, `deploy.startCommand in railway.toml`, `CMD in Dockerfile`. */
  readonly label: string;
  readonly file: string | undefined;
  /** The command text's range in `file`. */
  readonly range: OffsetRange | undefined;
  readonly text: MappedText | undefined;
  readonly mode: CommandMode;
  readonly line: CommandLine;
  readonly runtime: Runtime;
  /** The process receives the platform's HTTP traffic. */
  readonly web: boolean;
  /** Replaces the whole command with another, written in the syntax of its file. */
  readonly rewrite: ((command: string) => TextEdit[]) | undefined;
  readonly procfileEntry?: ProcfileEntry;
  /** `command` is the CMD, or the exec-form ENTRYPOINT with `appended` the exec-form CMD that follows its arguments. */
  readonly docker?: { readonly dockerfile: Dockerfile; readonly command: DockerCommand; readonly appended?: DockerCommand };
  /** A source of higher precedence that the platform runs instead of this one. */
  readonly shadowedBy?: string;
}

/** A launch found in a source, with where it starts in the runtime's view. */
export interface PlannedLaunch {
  readonly source: CommandSource;
  readonly launch: Launch;
  /** View path of the process's working directory, undefined when `cd` went somewhere unknown. */
  readonly cwd: string | undefined;
}

export interface Service {
  /** Project directory of the service ('' is the repository root). */
  readonly root: string;
  readonly railway: RailwayConfig | undefined;
  readonly procfile: Procfile | undefined;
  readonly dockerfile: { readonly path: string; readonly model: Dockerfile; readonly context: string; readonly reason: string } | undefined;
  /** The builder Railway would use. */
  readonly builder: 'DOCKERFILE' | 'RAILPACK' | 'NIXPACKS' | string;
  readonly sources: readonly CommandSource[];
}

export interface DeployPlan {
  readonly services: readonly Service[];
  readonly launches: readonly PlannedLaunch[];
}
