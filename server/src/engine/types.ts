/** The engine's data contract: findings, fixes and edits, all in UTF-16 offsets of a file's text. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A half-open range of UTF-16 offsets into one file's text. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** Replace `range` of `file` with `text`. Paths are project-relative with forward slashes. */
export interface TextEdit {
  readonly file: string;
  readonly range: OffsetRange;
  readonly text: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The one fix that is safe to apply without reading it (drives Auto Fix and fix-all). */
  readonly isPreferred?: boolean;
  /**
   * The fix converts the file's line endings. Editors keep a document's line ending as a property and turn
   * line breaks in text edits back into it, so hosts apply this as that property rather than as edits.
   */
  readonly lineEndings?: 'lf';
}

export interface RelatedLocation {
  readonly file: string;
  readonly range: OffsetRange;
  readonly message: string;
}

export type FindingTag = 'unnecessary' | 'deprecated';

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly file: string;
  readonly range: OffsetRange;
  readonly message: string;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
  readonly tags?: readonly FindingTag[];
  /**
   * What the finding is about, as stable keys the log diagnosis links by: `module:backend`, `attribute:app`,
   * `host`, `port`, `var:PORT`, `exec-form`. Not shown to users.
   */
  readonly about?: readonly string[];
}

/** The kinds of file the engine understands. */
export type FileKind = 'procfile' | 'railway-toml' | 'railway-json' | 'railway-iac' | 'dockerfile' | 'python' | 'shell';

export interface AnalyzeOptions {
  /** Per-rule severity overrides; `off` drops the rule. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** Only return findings anchored in these files (project-relative). All files when absent. */
  readonly onlyFiles?: readonly string[];
  /** The current time, for date-dependent rules (the Railway config-as-code cutoff). Tests inject it. */
  readonly now?: Date;
  /** Called when a rule throws; the analysis goes on without that rule's findings. */
  readonly onRuleError?: (ruleId: string, error: unknown) => void;
}
