/**
 * Which Railway config files an editor extension already validates against Railway's schema (VS Code's JSON
 * support for railway.json, Even Better TOML for railway.toml), as the client reports it in `initializationOptions`
 * and `deployDoctor/editorValidation`. In those files the diagnostics leave out the plain schema errors the other
 * checker shows too, and keep the findings that say more (did-you-mean, where a setting really lives, the
 * documented spelling, a fix): the policy of docs/rules/railway-config-schema.md. The CLI is not affected.
 */

import type { Finding } from '../engine/index';
import type { EditorValidation } from '../protocol';

/** Findings the engine marks as a schema error, and those it marks as saying more than a schema checker can. */
const SCHEMA = 'schema';
const SCHEMA_HINT = 'schema-hint';

export interface EditorValidationState {
  current(): Required<EditorValidation>;
  /** Takes new options from the client; true when they changed what is reported. */
  update(raw: unknown): boolean;
  /** Changes whenever `current()` does; part of each diagnostic report's result id. */
  key(): string;
  /** Whether a finding is left to the editor's own schema checker. */
  leftToEditor(finding: Pick<Finding, 'file' | 'about'>): boolean;
}

/** Reads untrusted options: only a literal `true` turns a flag on. */
export function parseEditorValidation(raw: unknown): Required<EditorValidation> {
  const options = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return { editorValidatesJson: options.editorValidatesJson === true, editorValidatesToml: options.editorValidatesToml === true };
}

export function createEditorValidation(initial: unknown): EditorValidationState {
  let options = parseEditorValidation(initial);
  return {
    current: () => options,
    update(raw) {
      const next = parseEditorValidation(raw);
      const changed = next.editorValidatesJson !== options.editorValidatesJson || next.editorValidatesToml !== options.editorValidatesToml;
      options = next;
      return changed;
    },
    key: () => `${options.editorValidatesJson ? 'j' : '-'}${options.editorValidatesToml ? 't' : '-'}`,
    leftToEditor: (finding) => leftToEditor(options, finding),
  };
}

export function leftToEditor(options: Required<EditorValidation>, finding: Pick<Finding, 'file' | 'about'>): boolean {
  const about = finding.about ?? [];
  if (!about.includes(SCHEMA) || about.includes(SCHEMA_HINT)) return false;
  const name = finding.file.slice(finding.file.lastIndexOf('/') + 1);
  return (name === 'railway.json' && options.editorValidatesJson) || (name === 'railway.toml' && options.editorValidatesToml);
}
