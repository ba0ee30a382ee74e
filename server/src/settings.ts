/**
 * The one place settings are parsed: the `deployDoctor` section as the client sends it (untrusted JSON) becomes
 * `Settings`, and `toAnalyzeSeverities` maps the rule map to what the engine takes, so the engine never sees
 * VS Code-shaped settings.
 */

import type { SeveritySetting } from './engine/index';

export type TraceSetting = 'off' | 'messages' | 'verbose';

export interface Settings {
  /** Per-rule severity overrides, keyed by rule id. */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly trace: { readonly server: TraceSetting };
}

export const defaultSettings: Settings = {
  rules: {},
  trace: { server: 'off' },
};

export interface ParsedSettings {
  readonly settings: Settings;
  /** One sentence per value that was ignored, for the log. */
  readonly problems: readonly string[];
}

const SEVERITIES: ReadonlySet<string> = new Set<SeveritySetting>(['off', 'hint', 'info', 'warning', 'error']);
const TRACES: ReadonlySet<string> = new Set<TraceSetting>(['off', 'messages', 'verbose']);
/** Rule ids are kebab-case; anything else is a typo or an attempt to smuggle something in. */
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Parses the `deployDoctor` configuration section; invalid values fall back to the defaults. */
export function parseSettings(raw: unknown): ParsedSettings {
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings: defaultSettings, problems };
  if (!isObject(raw)) {
    problems.push('deployDoctor settings are not an object; using the defaults.');
    return { settings: defaultSettings, problems };
  }
  return {
    settings: { rules: parseRules(raw.rules, problems), trace: { server: parseTrace(raw.trace, problems) } },
    problems,
  };
}

function parseRules(raw: unknown, problems: string[]): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = Object.create(null) as Record<string, SeveritySetting>;
  if (raw === undefined || raw === null) return rules;
  if (!isObject(raw)) {
    problems.push('deployDoctor.rules must map rule ids to "off", "hint", "info", "warning" or "error".');
    return rules;
  }
  for (const [id, value] of Object.entries(raw)) {
    if (!RULE_ID.test(id)) {
      problems.push(`deployDoctor.rules: "${printable(id)}" is not a rule id.`);
      continue;
    }
    const severity = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    if (severity === undefined || !SEVERITIES.has(severity)) {
      problems.push(`deployDoctor.rules.${id}: ${printable(JSON.stringify(value) ?? String(value))} is not one of "off", "hint", "info", "warning", "error".`);
      continue;
    }
    rules[id] = severity as SeveritySetting;
  }
  return rules;
}

function parseTrace(raw: unknown, problems: string[]): TraceSetting {
  if (raw === undefined || raw === null) return defaultSettings.trace.server;
  const server = isObject(raw) ? raw.server : undefined;
  if (server === undefined) return defaultSettings.trace.server;
  if (typeof server === 'string' && TRACES.has(server)) return server as TraceSetting;
  problems.push('deployDoctor.trace.server must be "off", "messages" or "verbose".');
  return defaultSettings.trace.server;
}

/** The engine's severity overrides for these settings. */
export function toAnalyzeSeverities(settings: Settings): Readonly<Record<string, SeveritySetting>> {
  return settings.rules;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keeps log lines short and single-line whatever the user typed. */
function printable(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
