/**
 * package.json is the extension's manifest: it must agree with the rule registry (the settings schema), with the
 * client (every contributed command is registered) and with what vsce and VS Code require to install it.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { allRules } from '../../server/src/engine/rules/index';
import { exists, listFiles, readJson, readText, repoRoot } from './repo';

interface Setting {
  readonly type?: string;
  readonly scope?: string;
  readonly default?: unknown;
  readonly enum?: readonly string[];
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly properties?: Record<string, Setting>;
  readonly additionalProperties?: Setting | boolean;
}

interface Manifest {
  readonly main: string;
  readonly bin: Record<string, string>;
  readonly icon?: string;
  readonly files?: unknown;
  readonly engines: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly activationEvents?: readonly string[];
  readonly contributes: {
    readonly commands: readonly { command: string; title: string; category?: string }[];
    readonly menus?: Record<string, readonly { command: string; when?: string }[]>;
    readonly configuration: { title: string; properties: Record<string, Setting> };
  };
}

const manifest = readJson<Manifest>('package.json');
const settings = manifest.contributes.configuration.properties;
const SEVERITY_SETTINGS = ['off', 'info', 'warning', 'error'];

describe('package.json', () => {
  describe('deployDoctor.rules', () => {
    const rules = settings['deployDoctor.rules'];

    test('is a per-folder map from rule id to severity', () => {
      assert.equal(rules.type, 'object');
      assert.equal(rules.scope, 'resource');
      assert.deepEqual(rules.default, {});
      assert.ok(rules.markdownDescription);
      const extra = rules.additionalProperties;
      assert.ok(typeof extra === 'object', 'additionalProperties should allow other ids with the same enum');
      assert.deepEqual(extra.enum, SEVERITY_SETTINGS);
    });

    test('lists exactly the registered rules (run "npm run generate:manifest" after adding one)', () => {
      assert.deepEqual(Object.keys(rules.properties ?? {}), allRules.map((r) => r.id));
    });

    for (const rule of allRules) {
      test(`describes ${rule.id} with the registry's summary and default`, () => {
        const property = rules.properties?.[rule.id];
        assert.ok(property, `${rule.id} is not in the settings schema`);
        assert.deepEqual(property.enum, SEVERITY_SETTINGS);
        assert.equal(property.default, rule.defaultSeverity);
        const description = property.markdownDescription ?? property.description ?? '';
        assert.ok(description.includes(rule.summary), `${rule.id}: the description does not state the rule's summary`);
        assert.ok(description.includes(rule.defaultSeverity), `${rule.id}: the description does not state the default severity`);
      });
    }
  });

  test('every setting has a scope, a default and a description', () => {
    for (const [key, setting] of Object.entries(settings)) {
      assert.ok(key.startsWith('deployDoctor.'), `${key} is not under deployDoctor.`);
      assert.ok(setting.scope, `${key} has no scope`);
      assert.ok(setting.default !== undefined, `${key} has no default`);
      assert.ok(setting.markdownDescription || setting.description, `${key} has no description`);
    }
    assert.equal(settings['deployDoctor.trace.server']?.scope, 'window');
    assert.deepEqual(settings['deployDoctor.trace.server']?.enum, ['off', 'messages', 'verbose']);
  });

  test('every contributed command is registered by the client', () => {
    const client = listFiles('client/src', (name) => name.endsWith('.ts') && !name.endsWith('.test.ts')).map(readText).join('\n');
    const unregistered = manifest.contributes.commands
      .map((c) => c.command)
      .filter((id) => !client.includes(`'${id}'`) && !client.includes(`"${id}"`) && !client.includes(`\`${id}\``));
    assert.deepEqual(unregistered, [], `commands in package.json that client/src never mentions: ${unregistered.join(', ')}`);
  });

  test('commands carry the Deploy Doctor category; menus name contributed commands', () => {
    const ids = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const c of manifest.contributes.commands) {
      assert.ok(c.command.startsWith('deployDoctor.'), c.command);
      assert.equal(c.category, 'Deploy Doctor', `${c.command} has no category`);
    }
    for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const item of items) assert.ok(ids.has(item.command), `menu ${menu} names unknown command ${item.command}`);
    }
  });

  test('entry points are bundles in dist/', () => {
    assert.match(manifest.main, /^(\.\/)?dist\/[^/]+\.js$/);
    for (const [name, path] of Object.entries(manifest.bin)) assert.match(path, /^(\.\/)?dist\/[^/]+\.js$/, `bin ${name}`);
  });

  test('the engine floor and the VS Code types agree (vsce refuses newer types than the engine)', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.100.0');
  });

  test('activation is explicit, never on startup', () => {
    const events = manifest.activationEvents ?? [];
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), 'the extension should not activate for every workspace');
    assert.ok(events.includes('onLanguage:dockerfile'));
  });

  test('the icon is a PNG of at least 128×128 pixels', () => {
    assert.ok(manifest.icon && exists(manifest.icon), `icon ${manifest.icon} does not exist`);
    const png = readFileSync(join(repoRoot, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width >= 128 && height >= 128, `icon is ${width}×${height}`);
  });

  test('packaging uses the .vscodeignore allowlist, not a "files" list (vsce refuses both)', () => {
    assert.ok(exists('.vscodeignore'));
    assert.equal(manifest.files, undefined);
    const lines = readText('.vscodeignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**', '.vscodeignore should start by ignoring everything');
    for (const needed of ['dist/', 'syntaxes/', 'media/']) {
      assert.ok(lines.some((l) => l.startsWith(`!${needed}`)), `.vscodeignore does not re-include ${needed}`);
    }
  });
});
