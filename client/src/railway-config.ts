/**
 * How the client shares railway.toml and railway.json with other editor features: which documents get the server's
 * hover, completion and links, and whether VS Code's JSON support or Even Better TOML already check a file against
 * Railway's schema (the server then leaves those plain schema errors to them). No editor API here, so it is tested
 * on its own; language-client.ts gathers the facts.
 */

import type { EditorValidation } from '../../server/src/protocol';

/** VS Code's built-in JSON support, which validates railway.json against the schema this extension contributes. */
export const JSON_LANGUAGE_FEATURES = 'vscode.json-language-features';
/** Even Better TOML, which validates railway.toml against Railway's schema from SchemaStore by default. */
export const EVEN_BETTER_TOML = 'tamasfe.even-better-toml';

/** The settings that switch those checks off. */
export const JSON_VALIDATE_SETTING = 'json.validate.enable';
export const TOML_SCHEMA_SETTING = 'evenBetterToml.schema.enabled';

export interface ValidationFacts {
  /** The extension is installed and enabled. */
  readonly jsonExtension: boolean;
  /** The value of `json.validate.enable` (undefined when unset or unknown). */
  readonly jsonValidate: unknown;
  readonly tomlExtension: boolean;
  /** The value of `evenBetterToml.schema.enabled`. */
  readonly tomlSchemaEnabled: unknown;
}

/** A checker counts as on unless its setting is literally `false`: both default to on. */
export function decideEditorValidation(facts: ValidationFacts): Required<EditorValidation> {
  return {
    editorValidatesJson: facts.jsonExtension && facts.jsonValidate !== false,
    editorValidatesToml: facts.tomlExtension && facts.tomlSchemaEnabled !== false,
  };
}

export function sameEditorValidation(a: EditorValidation, b: EditorValidation): boolean {
  return a.editorValidatesJson === b.editorValidatesJson && a.editorValidatesToml === b.editorValidatesToml;
}

/** railway.toml and railway.json, by the last segment of a URI path or file path. */
export function isRailwayConfigPath(path: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return name === 'railway.toml' || name === 'railway.json';
}
