/**
 * Builds the deploy plan: finds services (folders with their own deploy config or Python manifest), decides
 * which builder and Dockerfile Railway uses for each, lists every start command in precedence order
 * (research/platforms.md §1.4–1.5) with the runtime it will meet, and interprets them into launches.
 */

import { finalStage, parseDockerfile, type Dockerfile } from '../dockerfile/parse';
import { containerView } from '../dockerfile/view';
import { basename, dirname, joinPath } from '../files';
import type { ProcfileEntry } from '../procfile/parse';
import { railwayEntry } from '../procfile/parse';
import type { Project } from '../project';
import { projectView } from '../python/resolve';
import { allSections, builderOf, parseRailwayConfig, setting, stringValue, type RailwayConfig } from '../railway/config';
import { commandFromArgv, parseCommandLine } from '../shell/parse';
import type { CommandMode } from '../shell/model';
import { verbatimText, type MappedText } from '../text';
import type { TextEdit } from '../types';
import { parseIac, type IacService } from '../iac/parse';
import { IAC_PATH } from '../railway/migrate';
import { followScripts } from './scripts';
import type { CommandSource, DeployPlan, PlannedLaunch, Runtime, Service } from './types';
import { launchesOf } from './launches';
import { defaultStartCommand } from './railpack';

const MANIFESTS = ['requirements.txt', 'pyproject.toml', 'Pipfile'];

export function buildPlan(project: Project): DeployPlan {
  const services: Service[] = [];
  const usedDockerfiles = new Set<string>();
  const iac = iacServices(project);
  const roots = [...new Set([...serviceRoots(project), ...iac.keys()])].sort();
  for (const root of roots) {
    const service = buildService(project, root, iac.get(root) ?? []);
    if (service.dockerfile) usedDockerfiles.add(service.dockerfile.path);
    services.push(service);
  }
  // Dockerfiles no service uses (Dockerfile.prod, docker/Dockerfile): checked as images of their own.
  for (const path of project.filesOfKind('dockerfile')) {
    if (usedDockerfiles.has(path)) continue;
    const model = dockerfile(project, path);
    if (!model) continue;
    const context = guessContext(project, model);
    const sources = dockerSources(project, model, dockerRuntime(project, model, context, 'docker', false, `the image built from ${path}`));
    services.push({ root: dirname(path), railway: undefined, procfile: undefined, dockerfile: { path, model, context, reason: 'standalone' }, builder: 'DOCKERFILE', sources });
  }
  const launches: PlannedLaunch[] = [];
  for (const service of services) {
    for (const source of service.sources) launches.push(...launchesOf(source));
  }
  launches.push(...followScripts(project, services.flatMap((s) => s.sources)));
  return { services, launches };
}

export function railwayConfigAt(project: Project, path: string): RailwayConfig | undefined {
  const text = project.text(path);
  return text === undefined ? undefined : project.parsed('railway', path, text, () => parseRailwayConfig(path, text));
}

/** Every railway.toml and railway.json of the project that parses, with its path. */
export function parsedRailwayConfigs(project: Project): { path: string; config: RailwayConfig }[] {
  const out: { path: string; config: RailwayConfig }[] = [];
  for (const path of [...project.filesOfKind('railway-toml'), ...project.filesOfKind('railway-json')]) {
    const config = railwayConfigAt(project, path);
    if (config?.doc.root) out.push({ path, config });
  }
  return out;
}

export function dockerfile(project: Project, path: string): Dockerfile | undefined {
  const text = project.text(path);
  return text === undefined ? undefined : project.parsed('dockerfile', path, text, () => parseDockerfile(path, text));
}

function serviceRoots(project: Project): string[] {
  const roots = new Set<string>();
  for (const file of project.index.files) {
    const name = basename(file);
    if (name === 'railway.toml' || name === 'railway.json' || name === 'Procfile' || name === 'Dockerfile' || MANIFESTS.includes(name)) {
      roots.add(dirname(file));
    }
  }
  return [...roots].sort();
}

/** Services declared in `.railway/railway.ts`, by the project folder they build from. */
function iacServices(project: Project): Map<string, IacService[]> {
  const out = new Map<string, IacService[]>();
  const text = project.text(IAC_PATH);
  const parser = project.grammars.typescript;
  if (text === undefined || !parser) return out;
  const file = project.parsed('iac', IAC_PATH, text, () => parseIac(parser, IAC_PATH, text));
  for (const service of file.services) {
    // A service from a prebuilt image runs none of this repository's files.
    if (service.image) continue;
    const root = joinPath('', service.rootDirectory?.value ?? '');
    if (root.startsWith('..')) continue;
    out.set(root, [...(out.get(root) ?? []), service]);
  }
  return out;
}

function buildService(project: Project, root: string, iac: readonly IacService[]): Service {
  const at = (name: string): string => joinPath(root, name);
  const railway = railwayConfigAt(project, at('railway.toml')) ?? railwayConfigAt(project, at('railway.json'));
  const procfile = project.procfiles.find((p) => p.path === at('Procfile'));
  const onRailway = railway !== undefined || iac.length > 0 || project.index.isFile(IAC_PATH) || (root === '' ? false : hasRailwayConfig(project, ''));
  const configured = railway ? builderOf(railway) : undefined;
  const pathSetting = railway ? stringValue(setting(railway, 'build', 'dockerfilePath')?.value) : undefined;
  // In railway.ts the Dockerfile path is the documented service variable RAILWAY_DOCKERFILE_PATH.
  const iacDockerfile = iac.map((s) => s.env.get('RAILWAY_DOCKERFILE_PATH')?.value).find((v) => v !== undefined);

  // Which Dockerfile: dockerfilePath, else a `Dockerfile` in the service root (which Railway always uses).
  let docker: Service['dockerfile'];
  if (iacDockerfile !== undefined) {
    const path = iacDockerfile.startsWith('/') ? joinPath('', iacDockerfile) : joinPath(root, iacDockerfile);
    const model = dockerfile(project, path);
    if (model) docker = { path, model, context: root, reason: 'RAILWAY_DOCKERFILE_PATH' };
  } else if (pathSetting) {
    const path = pathSetting.value.startsWith('/') ? joinPath('', pathSetting.value) : joinPath(railway?.dir ?? root, pathSetting.value);
    const model = dockerfile(project, path);
    if (model) docker = { path, model, context: isInside(path, root) ? root : dirname(path), reason: 'dockerfilePath' };
  } else if (project.index.isFile(at('Dockerfile'))) {
    const model = dockerfile(project, at('Dockerfile'));
    if (model) docker = { path: at('Dockerfile'), model, context: root, reason: 'detected' };
  }
  const builder = docker ? 'DOCKERFILE' : configured ?? 'RAILPACK';

  const platform = onRailway ? 'railway' : 'heroku';
  const appRuntime: Runtime = {
    view: projectView(project.index, root, root ? `the service folder ${root}/` : 'the project root'),
    startDir: '',
    env: new Map(),
    platform,
    providesPort: true,
    installsProject: installsProject(project, root, docker?.model),
    mayInstallProject: !docker && mayInstallProject(project, root),
    name: onRailway ? `Railway (${builder === 'NIXPACKS' ? 'Nixpacks' : 'Railpack'})` : 'Heroku',
  };
  // The image the Dockerfile builds: Railway start commands and the image's own command run in it.
  const imageRuntime = docker && dockerRuntime(project, docker.model, docker.context, onRailway ? 'railway' : 'docker', onRailway, onRailway ? `Railway (from ${docker.path})` : `the image built from ${docker.path}`);
  const sources: CommandSource[] = [];

  for (const service of iac) {
    for (const start of service.start) {
      const env = start.environment ? (start.environment.startsWith('!') ? ` (environments other than ${start.environment.slice(1)})` : ` (environment ${start.environment})`) : '';
      sources.push(
        commandSource(project, {
          kind: 'railway',
          label: `start of service(${JSON.stringify(service.name)})${env} in ${IAC_PATH}`,
          file: IAC_PATH,
          text: start.text,
          mode: imageRuntime ? 'exec' : 'shell',
          runtime: imageRuntime ?? appRuntime,
          web: true,
          rewrite: (command) => [start.rewrite(command)],
        }),
      );
    }
  }

  if (railway) {
    for (const sections of allSections(railway)) {
      const value = stringValue(sections.deploy?.entries.get('startCommand')?.value);
      if (!value) continue;
      const key = `${sections.prefix}deploy.startCommand`;
      sources.push(
        commandSource(project, {
          kind: 'railway',
          label: `${key} in ${railway.path}`,
          file: railway.path,
          text: value.text,
          mode: imageRuntime ? 'exec' : 'shell',
          runtime: imageRuntime ?? appRuntime,
          web: !stringValue(setting(railway, 'deploy', 'cronSchedule')?.value),
          rewrite: (command) => [value.rewrite(command)],
        }),
      );
    }
  }

  if (procfile) {
    const chosen = onRailway ? railwayEntry(procfile) : procfile.byName.get('web');
    // Only a Railway start command (or a Dockerfile build) replaces the Procfile, not another Procfile entry.
    const shadowedBy = sources.length ? sources[0].label : onRailway && docker ? `the Dockerfile ${docker.path} (Railway ignores the Procfile for Dockerfile builds)` : undefined;
    for (const entry of procfile.byName.values()) {
      if (!entry.command.text || entry.name === 'release') continue;
      sources.push({
        ...commandSource(project, {
          kind: 'procfile',
          label: `the \`${entry.name}\` process in ${procfile.path}`,
          file: procfile.path,
          text: entry.command,
          mode: 'shell',
          runtime: appRuntime,
          web: entry === chosen || entry.name === 'web',
          rewrite: (command) => [procfileRewrite(procfile.path, entry, command)],
        }),
        procfileEntry: entry,
        ...(shadowedBy ? { shadowedBy } : {}),
      });
    }
  }

  if (docker && imageRuntime) {
    // Only a Railway start command replaces the image's command; a Procfile is not used for Dockerfile builds.
    const override = sources.find((s) => s.kind === 'railway' && !s.label.startsWith('environments.'));
    sources.push(...dockerSources(project, docker.model, imageRuntime, override?.label));
  }

  if (!sources.length && builder !== 'DOCKERFILE') {
    const implied = defaultStartCommand(project, root);
    if (implied) {
      sources.push(
        commandSource(project, {
          kind: 'builder-default',
          label: `the start command Railpack derives (\`${implied}\`)`,
          file: undefined,
          text: verbatimText('', implied, 0),
          mode: 'shell',
          runtime: { ...appRuntime, platform: 'railway', name: 'Railway (Railpack)' },
          web: true,
          rewrite: undefined,
        }),
      );
    }
  }
  return { root, railway, procfile, dockerfile: docker, builder, sources };
}

function hasRailwayConfig(project: Project, dir: string): boolean {
  return project.index.isFile(joinPath(dir, 'railway.toml')) || project.index.isFile(joinPath(dir, 'railway.json'));
}

function isInside(path: string, root: string): boolean {
  return root === '' ? !path.startsWith('../') : path.startsWith(`${root}/`);
}

interface SourceInput {
  kind: CommandSource['kind'];
  label: string;
  file: string | undefined;
  text: MappedText;
  mode: CommandMode;
  runtime: Runtime;
  web: boolean;
  rewrite: CommandSource['rewrite'];
}

function commandSource(project: Project, input: SourceInput): CommandSource {
  const line = parseCommandLine(project.grammars.bash, input.text, input.mode);
  const range = input.file ? input.text.rangeToSource({ start: 0, end: input.text.text.length }) : undefined;
  return { ...input, range, line };
}

function dockerSources(project: Project, model: Dockerfile, runtime: Runtime, shadowedBy?: string): CommandSource[] {
  const stage = finalStage(model);
  if (!stage) return [];
  const command = stage.entrypoint && stage.entrypoint.form === 'exec' && stage.cmd?.form === 'exec' ? stage.entrypoint : stage.cmd ?? stage.entrypoint;
  if (!command) return [];
  const combined = stage.entrypoint && stage.cmd && command === stage.entrypoint ? stage.cmd : undefined;
  const line =
    command.form === 'exec'
      ? commandFromArgv(project.grammars.bash, [...command.args, ...(combined?.form === 'exec' ? combined.args : [])], command.argsRange.start, (s) => s)
      : parseCommandLine(project.grammars.bash, command.text as MappedText, 'shell');
  return [
    {
      kind: 'dockerfile',
      label: `${command.keyword} in ${model.path}`,
      file: model.path,
      range: command.argsRange,
      text: command.text,
      mode: command.form === 'exec' ? 'exec' : 'shell',
      line,
      runtime,
      web: true,
      rewrite: (text) => [{ file: model.path, range: command.argsRange, text: dockerExecForm(['sh', '-c', text]) }],
      docker: { dockerfile: model, command, ...(combined ? { appended: combined } : {}) },
      ...(shadowedBy ? { shadowedBy } : {}),
    },
  ];
}

export function dockerExecForm(args: readonly string[]): string {
  return `[${args.map((a) => JSON.stringify(a)).join(', ')}]`;
}

/** The image built from a Dockerfile: its files, WORKDIR and ENV; the platform or `ENV PORT` provides PORT. */
function dockerRuntime(project: Project, model: Dockerfile, context: string, platform: Runtime['platform'], providesPort: boolean, name: string): Runtime {
  const stage = finalStage(model);
  const env = new Map<string, string>();
  for (const [k, v] of stage?.env ?? []) env.set(k, v.value);
  return {
    view: stage ? containerView(project.index, model, stage, context) : projectView(project.index, context),
    startDir: stage?.workdir ?? '/',
    env,
    platform,
    providesPort: providesPort || env.has('PORT'),
    installsProject: installsProject(project, context, model),
    mayInstallProject: false,
    name,
  };
}

/** The build context a standalone Dockerfile most likely uses: the folder where most of its COPY sources exist. */
function guessContext(project: Project, model: Dockerfile): string {
  const sources = model.stages.flatMap((s) => s.copies.filter((c) => c.from === undefined).flatMap((c) => c.sources.map((x) => x.value)));
  const candidates: string[] = [];
  for (let dir = dirname(model.path); ; dir = dirname(dir)) {
    candidates.push(dir);
    if (dir === '') break;
  }
  let best = candidates[0];
  let bestScore = -1;
  for (const dir of candidates) {
    const score = sources.filter((s) => s === '.' || s === './' || project.index.isFile(joinPath(dir, s)) || project.index.isDir(joinPath(dir, s))).length;
    if (score > bestScore) {
      best = dir;
      bestScore = score;
    }
  }
  return best;
}

/** Evidence that the project is pip-installed into the environment (then `src/` packages import fine). */
function installsProject(project: Project, root: string, docker: Dockerfile | undefined): boolean {
  const requirements = project.text(joinPath(root, 'requirements.txt'));
  if (requirements && /^\s*(-e\s+)?(\.|\.\/|file:\.?\/?)\s*(\[.*\])?\s*$/m.test(requirements)) return true;
  if (docker) {
    for (const stage of docker.stages) {
      for (const run of stage.runs) {
        if (/\bpip3?\s+install\b[^&;|]*\s(-e\s+)?(\.|\/app|\.\/)(\s|$|\[)/.test(run.text)) return true;
        if (/\bpoetry\s+install\b/.test(run.text) && !/--no-root/.test(run.text)) return true;
        if (/\buv\s+sync\b/.test(run.text) && !/--no-install-project/.test(run.text)) return true;
        if (/\buv\s+pip\s+install\b[^&;|]*\s(-e\s+)?\.(\s|$)/.test(run.text)) return true;
      }
    }
  }
  return false;
}

/**
 * Builders that install from pyproject.toml (uv, Poetry, PDM) may install the project itself into the
 * environment; whether they do depends on versions and flags the engine cannot see.
 */
function mayInstallProject(project: Project, root: string): boolean {
  if (project.index.isFile(joinPath(root, 'requirements.txt'))) return false;
  const pyproject = project.text(joinPath(root, 'pyproject.toml'));
  return pyproject !== undefined && /^\s*\[(build-system|tool\.poetry)\]/m.test(pyproject);
}

/** Procfile entries are plain text to the end of the line. */
function procfileRewrite(path: string, entry: ProcfileEntry, command: string): TextEdit {
  return { file: path, range: entry.commandRange, text: command.replace(/[\r\n]+/g, ' ') };
}
