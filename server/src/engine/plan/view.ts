/**
 * The deploy plan as plain data for the "Deploy Plan" view and the `deployDoctor/deployPlan` request: per service,
 * the builder, the start command the platform runs and where it is written, what it shadows, and the healthcheck.
 */

import { getEntry } from '../config/tree';
import type { Project } from '../project';
import { allSections } from '../railway/config';
import { shellQuote } from '../text';
import type { OffsetRange } from '../types';
import type { CommandSource, Service } from './types';
import type { PlanLocation, PlanService, PlanSource, PlanView } from './view-types';

export type { PlanLocation, PlanService, PlanSource, PlanView } from './view-types';

export function deployPlanView(project: Project): PlanView {
  const plan = project.plan;
  const services: PlanService[] = [];
  for (const service of plan.services) {
    if (!service.sources.length && !service.railway && !service.dockerfile) continue;
    const sources = service.sources.map((s) => toSource(project, s));
    const effective = sources.find((s) => !s.shadowedBy);
    services.push({
      root: service.root,
      name: service.root || 'project root',
      platform: service.sources[0]?.runtime.name ?? (service.railway ? 'Railway' : 'Heroku'),
      builder: service.builder,
      ...(service.dockerfile ? { dockerfile: location(project, service.dockerfile.path, { start: 0, end: 0 }) } : {}),
      ...(effective ? { start: effective } : {}),
      others: sources.filter((s) => s !== effective),
      ...healthcheck(project, service),
    });
  }
  return { services };
}

function toSource(project: Project, source: CommandSource): PlanSource {
  const launches = plannedLaunches(project, source);
  return {
    label: source.label,
    command: source.text?.text ?? execCommand(source) ?? '',
    ...(source.file && source.range ? { location: location(project, source.file, source.range) } : {}),
    ...(source.shadowedBy ? { shadowedBy: source.shadowedBy } : {}),
    runsWithShell: source.mode === 'shell',
    launches,
  };
}

function plannedLaunches(project: Project, source: CommandSource): PlanSource['launches'] {
  return project.plan.launches
    .filter((l) => l.source === source)
    .map((l) => ({ program: l.launch.program, ...(l.launch.server ? { server: l.launch.server } : {}), ...(l.launch.app ? { app: l.launch.app.text } : {}) }));
}

function healthcheck(project: Project, service: Service): Pick<PlanService, 'healthcheck'> {
  if (!service.railway) return {};
  const base = allSections(service.railway)[0];
  const entry = base?.deploy ? getEntry(base.deploy, 'healthcheckPath') : undefined;
  if (entry?.value.kind !== 'string') return {};
  return { healthcheck: { path: entry.value.value, location: location(project, service.railway.path, entry.value.range) } };
}

function location(project: Project, file: string, range: OffsetRange): PlanLocation {
  const start = { line: 0, character: 0 };
  return { file, range: project.lines(file)?.rangeAt(range) ?? { start, end: start } };
}

/** An exec-form `CMD` (after its `ENTRYPOINT`) written as a shell would read it: `gunicorn --bind '0.0.0.0:$PORT' app:app`. */
function execCommand(source: CommandSource): string | undefined {
  const docker = source.docker;
  if (!docker) return undefined;
  const commands = [docker.command, docker.appended].filter((c) => c !== undefined);
  if (!commands.length || commands.some((c) => c.form !== 'exec')) return undefined;
  const parts = commands.flatMap((c) => c.args.map((a) => a.text));
  return parts.length ? parts.map(shellQuote).join(' ') : undefined;
}
