/**
 * Writes `.railway/railway.ts` from the project's railway.toml / railway.json files, in the shape Railway's
 * Infrastructure-as-Code reference documents (`defineRailway`, `project`, `service` with `build`, `start`,
 * `healthcheck`, `healthcheckTimeout`, `replicas`, `env`; railwayapp/docs content/docs/infrastructure-as-code/
 * reference.md). Settings the DSL has no field for are listed in a comment, never dropped silently.
 */

import { basename } from '../files';
import { toValue } from '../config/tree';
import { allSections, type ConfigSections, type RailwayConfig } from './config';

export const IAC_PATH = '.railway/railway.ts';

interface ServiceFields {
  readonly name: string;
  readonly fields: string[];
  readonly notCarried: string[];
  readonly rootDirectory: string;
  readonly configPath: string;
}

/** The content of `.railway/railway.ts` for these configs (one service per config file). */
export function migrationFile(configs: readonly RailwayConfig[]): string {
  const used = new Set<string>();
  const services = configs.filter((c) => c.doc.root).map((c) => serviceFields(c, used));
  const lines: string[] = [];
  lines.push('import { defineRailway, project, service } from "railway/iac";', '');
  lines.push(`// Migrated by Deploy Doctor from ${services.map((s) => s.configPath).join(', ')}.`);
  lines.push('// Service and project names must match the ones in Railway (`railway config pull` writes them for you).');
  lines.push('// Check the result with `railway config plan`, then remove the old file(s): Railway refuses a service');
  lines.push('// managed by both railway.toml/railway.json and .railway/railway.ts.');
  for (const s of services) {
    if (s.rootDirectory) lines.push(`// ${s.name}: the service's Root Directory is ${s.rootDirectory}/ — set it with source: github("owner/repo", { rootDirectory: ${JSON.stringify(s.rootDirectory)} }).`);
    for (const item of s.notCarried) lines.push(`// ${s.name}: not carried over, keep it in the service's settings on Railway: ${item}`);
  }
  lines.push('', 'export default defineRailway((ctx) => {');
  const names: string[] = [];
  for (const s of services) {
    const variable = identifier(s.name, names);
    names.push(variable);
    if (!s.fields.length) lines.push(`  const ${variable} = service(${JSON.stringify(s.name)});`);
    else {
      lines.push(`  const ${variable} = service(${JSON.stringify(s.name)}, {`);
      for (const field of s.fields) lines.push(`    ${field},`);
      lines.push('  });');
    }
    lines.push('');
  }
  lines.push(`  return project("app", {`, `    resources: [${names.join(', ')}],`, '  });', '});', '');
  return lines.join('\n');
}

function serviceFields(config: RailwayConfig, used: Set<string>): ServiceFields {
  const [base, ...overrides] = allSections(config);
  const fields: string[] = [];
  const notCarried: string[] = [];
  const value = (sections: ConfigSections, sectionName: 'build' | 'deploy', key: string): unknown => {
    const node = sections[sectionName]?.entries.get(key)?.value;
    return node ? toValue(node) : undefined;
  };
  /** A field whose value may differ per environment: `ctx.environment === "production" ? … : …`. */
  const field = (name: string, sectionName: 'build' | 'deploy', key: string, render: (v: unknown) => string | undefined): void => {
    const baseValue = value(base, sectionName, key);
    const variants = overrides.map((o) => ({ env: o.environment, v: value(o, sectionName, key) })).filter((x) => x.v !== undefined);
    let expression = baseValue !== undefined ? render(baseValue) : undefined;
    if (baseValue !== undefined && expression === undefined) notCarried.push(`${sectionName}.${key} = ${JSON.stringify(baseValue)}`);
    for (const variant of variants.reverse()) {
      const rendered = render(variant.v);
      if (rendered === undefined) {
        notCarried.push(`environments.${variant.env}.${sectionName}.${key} = ${JSON.stringify(variant.v)}`);
        continue;
      }
      expression = `ctx.environment === ${JSON.stringify(variant.env)} ? ${rendered} : ${expression ?? 'undefined'}`;
    }
    if (expression !== undefined) fields.push(`${name}: ${expression}`);
  };
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? JSON.stringify(v) : undefined);
  const integer = (v: unknown): string | undefined => (typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' && /^\d+$/.test(v) ? v : undefined);
  field('build', 'build', 'buildCommand', text);
  field('start', 'deploy', 'startCommand', text);
  field('healthcheck', 'deploy', 'healthcheckPath', text);
  field('healthcheckTimeout', 'deploy', 'healthcheckTimeout', integer);
  field('replicas', 'deploy', 'numReplicas', integer);
  field('replicas', 'deploy', 'multiRegionConfig', (v) => {
    if (!v || typeof v !== 'object') return undefined;
    const entries = Object.entries(v as Record<string, { numReplicas?: unknown }>).filter(([, r]) => typeof r?.numReplicas === 'number');
    return entries.length ? `{ ${entries.map(([region, r]) => `${JSON.stringify(region)}: ${r.numReplicas as number}`).join(', ')} }` : undefined;
  });
  // A Dockerfile path is the documented service variable RAILWAY_DOCKERFILE_PATH.
  const dockerfilePath = value(base, 'build', 'dockerfilePath');
  if (typeof dockerfilePath === 'string') fields.push(`env: { RAILWAY_DOCKERFILE_PATH: ${JSON.stringify(dockerfilePath)} }`);
  const carried = new Set(['build.buildCommand', 'deploy.startCommand', 'deploy.healthcheckPath', 'deploy.healthcheckTimeout', 'deploy.numReplicas', 'deploy.multiRegionConfig', 'build.dockerfilePath']);
  for (const [sectionName, obj] of [['build', base.build], ['deploy', base.deploy]] as const) {
    for (const [key, entry] of obj?.entries ?? []) {
      if (carried.has(`${sectionName}.${key}`)) continue;
      // The builder follows from the files (a Dockerfile is always used); anything else has no DSL field yet.
      if (key === 'builder' && String(toValue(entry.value)).toUpperCase() !== 'NIXPACKS') continue;
      notCarried.push(`${sectionName}.${key} = ${JSON.stringify(toValue(entry.value))}`);
    }
  }
  const rootDirectory = config.dir;
  let name = rootDirectory ? basename(rootDirectory) : 'web';
  for (let i = 2; used.has(name); i++) name = `${rootDirectory ? basename(rootDirectory) : 'web'}-${i}`;
  used.add(name);
  return { name, fields: dedupeReplicas(fields), notCarried, rootDirectory, configPath: config.path };
}

/** `numReplicas` and `multiRegionConfig` both become `replicas`; the region map wins. */
function dedupeReplicas(fields: string[]): string[] {
  const replicas = fields.filter((f) => f.startsWith('replicas:'));
  if (replicas.length < 2) return fields;
  return fields.filter((f) => !f.startsWith('replicas:') || f === replicas[replicas.length - 1]);
}

function identifier(name: string, taken: readonly string[]): string {
  const base = name.replace(/[^A-Za-z0-9_$]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^[^A-Za-z_$]+/, '') || 'svc';
  const reserved = new Set(['service', 'project', 'defineRailway', 'ctx']);
  const keyword = /^(await|break|case|catch|class|const|continue|debugger|default|delete|do|else|enum|export|extends|false|finally|for|function|if|import|in|instanceof|let|new|null|return|static|super|switch|this|throw|true|try|typeof|var|void|while|with|yield)$/;
  let id = reserved.has(base) || keyword.test(base) ? `${base}Service` : base;
  for (let i = 2; taken.includes(id); i++) id = `${base}${i}`;
  return id;
}
