/**
 * railway.toml / railway.json read as Railway reads them: the build and deploy sections, with per-environment
 * overrides (research/platforms.md §1.2–1.3). Both formats become the same config tree first.
 */

import { parseJsonConfig } from '../config/json';
import { parseTomlConfig } from '../config/toml';
import { getEntry, type ConfigDocument, type ConfigEntry, type ConfigNode, type ConfigObject, type ConfigString } from '../config/tree';
import { dirname } from '../files';

export interface RailwayConfig {
  readonly path: string;
  readonly dir: string;
  readonly doc: ConfigDocument;
}

export function parseRailwayConfig(path: string, text: string): RailwayConfig {
  const doc = path.endsWith('.json') ? parseJsonConfig(path, text) : parseTomlConfig(path, text);
  return { path, dir: dirname(path), doc };
}

/** A setting from the base config (`deploy.startCommand`). */
export function setting(config: RailwayConfig, section: 'build' | 'deploy', key: string): ConfigEntry | undefined {
  return getEntry(config.doc.root, section, key);
}

export function stringValue(node: ConfigNode | undefined): ConfigString | undefined {
  return node?.kind === 'string' ? node : undefined;
}

/** The builder named in the file, upper-cased (Railway documents upper case; old files use lower case). */
export function builderOf(config: RailwayConfig): string | undefined {
  const node = stringValue(setting(config, 'build', 'builder')?.value);
  return node?.value.toUpperCase();
}

export interface ConfigSections {
  /** '' for the base config, `environments.<name>.` for an override. */
  readonly prefix: string;
  readonly environment?: string;
  readonly build?: ConfigObject;
  readonly deploy?: ConfigObject;
}

/** The base `build`/`deploy` sections and those of every `environments.<name>` override. */
export function allSections(config: RailwayConfig): ConfigSections[] {
  const root = config.doc.root;
  if (!root) return [];
  const pick = (obj: ConfigObject, key: string): ConfigObject | undefined => {
    const v = obj.entries.get(key)?.value;
    return v?.kind === 'object' ? v : undefined;
  };
  const out: ConfigSections[] = [{ prefix: '', build: pick(root, 'build'), deploy: pick(root, 'deploy') }];
  const envs = pick(root, 'environments');
  for (const [name, env] of envs?.entries ?? []) {
    if (env.value.kind === 'object') out.push({ prefix: `environments.${name}.`, environment: name, build: pick(env.value, 'build'), deploy: pick(env.value, 'deploy') });
  }
  return out;
}

/**
 * Where to add a line to a TOML table of a railway.toml: just after its `[name]` header (a trailing comment and
 * CRLF allowed), or a new table appended at the end when there is none.
 */
export function tomlInsertion(text: string, table: string, line: string): { at: number; text: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const header = new RegExp(`^\\[${table.replace(/\./g, '\\.')}\\][ \\t]*(?:#[^\\r\\n]*)?(?=\\r?$)`, 'm').exec(text);
  if (header) return { at: header.index + header[0].length, text: `${eol}${line}` };
  const lead = text.length && !/\n$/.test(text) ? eol : '';
  return { at: text.length, text: `${lead}${eol}[${table}]${eol}${line}${eol}` };
}
