/**
 * The Deploy Plan tree as plain data, built from the server's plans without the editor API (tree.ts turns nodes
 * into tree items): per service its start command and where it is written, the sources it shadows, its Dockerfile
 * and its healthcheck. A multi-root workspace gets a node per folder that has services.
 */

import type { DeployPlanLocation, DeployPlanResult, DeployPlanService, DeployPlanSource } from '../../../server/src/protocol';

export interface FolderPlan {
  readonly name: string;
  readonly uri: string;
  readonly plan: DeployPlanResult;
}

export type PlanNodeKind = 'folder' | 'service' | 'start' | 'no-start' | 'shadowed' | 'other' | 'dockerfile' | 'healthcheck';

export interface PlanNode {
  /** Stable across refreshes, so the tree keeps what the user expanded. */
  readonly id: string;
  readonly kind: PlanNodeKind;
  readonly label: string;
  readonly description?: string;
  /** Markdown. */
  readonly tooltip: string;
  /** A codicon id. */
  readonly icon: string;
  /** Drawn in a muted colour (a source that does not run). */
  readonly muted?: boolean;
  /** Where a click takes the user. */
  readonly location?: Pick<DeployPlanLocation, 'uri' | 'range'>;
  readonly children?: readonly PlanNode[];
}

/** Longest command shown in a label; the tooltip has all of it. */
export const MAX_LABEL_COMMAND = 60;

/** The tree's top level: the services, or, when more than one folder has some, the folders. */
export function planTree(folders: readonly FolderPlan[]): PlanNode[] {
  const withServices = folders.filter((f) => f.plan.services.length > 0);
  if (withServices.length <= 1) return withServices.flatMap((f) => f.plan.services.map((s) => serviceNode(f.uri, s)));
  return withServices.map((f) => ({
    id: f.uri,
    kind: 'folder' as const,
    label: f.name,
    description: count(f.plan.services.length, 'service'),
    tooltip: `**${escapeMarkdown(f.name)}**: ${count(f.plan.services.length, 'service')}`,
    icon: 'root-folder',
    children: f.plan.services.map((s) => serviceNode(f.uri, s)),
  }));
}

export function serviceNode(folderUri: string, service: DeployPlanService): PlanNode {
  const id = `${folderUri}#${service.root}`;
  const children: PlanNode[] = [startNode(id, service)];
  service.others.forEach((source, index) => children.push(otherNode(`${id}/source/${index}`, source)));
  if (service.dockerfile) children.push(dockerfileNode(`${id}/dockerfile`, service.dockerfile));
  if (service.healthcheck) children.push(healthcheckNode(`${id}/healthcheck`, service.healthcheck));
  return {
    id,
    kind: 'service',
    label: service.name,
    description: `${service.builder} · ${service.platform}`,
    tooltip: [
      `**${escapeMarkdown(service.name)}**`,
      `Folder: ${service.root ? code(service.root) : 'the project root'}`,
      `Platform: ${escapeMarkdown(service.platform)}`,
      `Builder: ${code(service.builder)}`,
    ].join('\n\n'),
    icon: 'server-process',
    children,
  };
}

function startNode(serviceId: string, service: DeployPlanService): PlanNode {
  const start = service.start;
  if (!start) {
    return {
      id: `${serviceId}/start`,
      kind: 'no-start',
      label: 'Start: not set',
      description: 'the platform decides',
      tooltip: `No file here sets a start command: the service's settings on the platform or the builder's default (${code(service.builder)}) decide what runs.`,
      icon: 'question',
    };
  }
  return {
    id: `${serviceId}/start`,
    kind: 'start',
    label: `Start: ${commandText(start)}`,
    description: plain(start.label),
    tooltip: [`**Start command**, from ${start.label}${lineOf(start.location)}`, fenced(start.command), shellSentence(start), launchesSentence(start)].filter(Boolean).join('\n\n'),
    icon: 'play',
    ...(start.location ? { location: start.location } : {}),
  };
}

function otherNode(id: string, source: DeployPlanSource): PlanNode {
  const shadowed = source.shadowedBy !== undefined;
  return {
    id,
    kind: shadowed ? 'shadowed' : 'other',
    label: `${shadowed ? 'Shadowed' : 'Also'}: ${commandText(source)}`,
    description: shadowed ? `shadowed by ${plain(source.shadowedBy ?? '')}` : plain(source.label),
    tooltip: [
      shadowed ? `**Does not run**: ${source.label}${lineOf(source.location)}` : `**${source.label}**${lineOf(source.location)}`,
      fenced(source.command),
      shadowed ? `Shadowed by ${source.shadowedBy}, which the platform runs instead.` : '',
      shellSentence(source),
    ]
      .filter(Boolean)
      .join('\n\n'),
    icon: shadowed ? 'circle-slash' : 'terminal',
    ...(shadowed ? { muted: true } : {}),
    ...(source.location ? { location: source.location } : {}),
  };
}

function dockerfileNode(id: string, dockerfile: DeployPlanLocation): PlanNode {
  return {
    id,
    kind: 'dockerfile',
    label: `Dockerfile: ${dockerfile.file}`,
    tooltip: `The service builds from ${code(dockerfile.file)}.`,
    icon: 'file-code',
    location: dockerfile,
  };
}

function healthcheckNode(id: string, healthcheck: NonNullable<DeployPlanService['healthcheck']>): PlanNode {
  return {
    id,
    kind: 'healthcheck',
    label: `Healthcheck: ${healthcheck.path}`,
    ...(healthcheck.location ? { description: healthcheck.location.file } : {}),
    tooltip: `Railway requests ${code(healthcheck.path)} on a new deploy and switches traffic to it only once that answers HTTP 200.`,
    icon: 'pulse',
    ...(healthcheck.location ? { location: healthcheck.location } : {}),
  };
}

/** The command on one line, shortened; a source without one text (an exec-form CMD) by its label. */
export function commandText(source: Pick<DeployPlanSource, 'command' | 'label'>): string {
  const oneLine = source.command.replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim();
  if (!oneLine) return plain(source.label);
  return oneLine.length > MAX_LABEL_COMMAND ? `${oneLine.slice(0, MAX_LABEL_COMMAND - 1)}…` : oneLine;
}

function shellSentence(source: DeployPlanSource): string {
  return source.runsWithShell
    ? 'Runs through a shell: `$PORT` and other variables are expanded, `&&` chains work.'
    : 'Runs without a shell: the words are run as they are, so `$PORT` and other variables are not expanded.';
}

function launchesSentence(source: DeployPlanSource): string {
  if (!source.launches.length) return '';
  const parts = source.launches.map((l) => `${code(l.server ?? l.program)}${l.app ? ` serving ${code(l.app)}` : ''}`);
  return `Starts ${parts.join(', then ')}.`;
}

function lineOf(location: DeployPlanLocation | undefined): string {
  return location ? ` (line ${location.range.start.line + 1})` : '';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A label's Markdown code spans as plain text, for descriptions (which are not Markdown). */
export function plain(text: string): string {
  return text.replace(/`/g, '');
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block for a command, with a fence longer than any backtick run inside it; empty for no command. */
export function fenced(command: string): string {
  if (!command.trim()) return '';
  const longest = Math.max(2, ...[...command.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}sh\n${command}\n${fence}`;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (c) => `\\${c}`);
}
