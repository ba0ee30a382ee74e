/**
 * Settings per resource: pulled from the client with `workspace/configuration` (scoped to the document, so a
 * workspace folder can override them), cached per URI, and forgotten when the client reports a change — after
 * which the client is asked to pull diagnostics again. Clients without `workspace/configuration` push the
 * section with `didChangeConfiguration`, which then applies to every document.
 */

import { DidChangeConfigurationNotification, type Connection } from 'vscode-languageserver';
import { defaultSettings, parseSettings, type Settings } from '../settings';

export const SECTION = 'deployDoctor';

export interface Configuration {
  /** The settings for a document, and a number that changes whenever cached settings are dropped. */
  get(uri: string): Promise<{ settings: Settings; generation: number }>;
}

export interface ConfigurationOptions {
  /** The client answers `workspace/configuration`. */
  readonly pull: boolean;
  /** The client lets the server register for `didChangeConfiguration` (VS Code only sends it then). */
  readonly dynamicRegistration: boolean;
  /** Called after a change that may alter findings. */
  readonly onChange: () => void;
}

export function registerConfiguration(connection: Connection, options: ConfigurationOptions): Configuration & { initialized(): void } {
  const cache = new Map<string, Promise<Settings>>();
  let pushed: Settings = defaultSettings;
  let generation = 0;
  const reported = new Set<string>();

  const parse = (raw: unknown): Settings => {
    const { settings, problems } = parseSettings(raw);
    for (const problem of problems) {
      // Each problem once: settings are pulled for every document.
      if (reported.has(problem)) continue;
      reported.add(problem);
      connection.console.warn(problem);
    }
    return settings;
  };

  const pull = async (uri: string): Promise<Settings> => {
    try {
      const [raw] = (await connection.workspace.getConfiguration([{ scopeUri: uri, section: SECTION }])) as unknown[];
      return parse(raw);
    } catch (error) {
      connection.console.error(`Could not read the ${SECTION} settings: ${error instanceof Error ? error.message : String(error)}`);
      return defaultSettings;
    }
  };

  connection.onDidChangeConfiguration((params) => {
    const hadSettings = cache.size > 0 || !options.pull;
    cache.clear();
    generation++;
    if (!options.pull) {
      const raw = (params.settings as Record<string, unknown> | null | undefined)?.[SECTION];
      pushed = parse(raw);
    }
    // VS Code sends one notification right after registration; nothing has used settings yet then.
    if (hadSettings) options.onChange();
  });

  return {
    initialized() {
      if (options.dynamicRegistration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch((error: unknown) => {
          connection.console.warn(`Could not register for configuration changes: ${String(error)}`);
        });
      }
    },
    async get(uri) {
      if (!options.pull) return { settings: pushed, generation };
      const at = generation;
      let settings = cache.get(uri);
      if (!settings) {
        settings = pull(uri);
        cache.set(uri, settings);
      }
      return { settings: await settings, generation: at };
    },
  };
}
