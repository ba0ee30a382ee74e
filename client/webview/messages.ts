/**
 * What the extension host and the log panel say to each other. The host sends a view model made for rendering
 * (no workspace edits, no URIs: the panel refers to causes, locations and fixes by index within a result id);
 * the panel sends back user intents, which the host checks with `parseViewToHost` before acting on them.
 * Shared by client/src/deploy-log-panel (the host) and client/webview (the panel); imports nothing.
 */

export interface ViewEvidence {
  /** 1-based line in the log. */
  readonly line: number;
  readonly text: string;
}

export interface ViewSymptom {
  readonly id: string;
  readonly title: string;
  readonly message: string;
  readonly evidence: readonly ViewEvidence[];
}

export interface ViewLocation {
  /** `Procfile:1`. */
  readonly text: string;
  /** What is there: `the web process in Procfile`. */
  readonly label?: string;
}

export interface ViewFix {
  readonly title: string;
  /** The fix comes with edits the host can apply; otherwise it is advice. */
  readonly applicable: boolean;
  readonly preferred: boolean;
}

export interface ViewCause {
  readonly category: string;
  readonly title: string;
  readonly message: string;
  /** 0–1. */
  readonly confidence: number;
  readonly ruleId?: string;
  readonly evidence: readonly ViewEvidence[];
  readonly locations: readonly ViewLocation[];
  readonly fixes: readonly ViewFix[];
  /** The symptoms in the log this cause explains. */
  readonly symptoms: readonly ViewSymptom[];
}

export interface ViewResult {
  /** Names this result in intents, so an intent about an older result is refused. */
  readonly id: string;
  /** Most likely first. */
  readonly causes: readonly ViewCause[];
  /** Symptoms no cause explains. */
  readonly unexplained: readonly ViewSymptom[];
  /** `Railway`. */
  readonly platform: string;
  readonly lines: number;
  readonly redactions: number;
  /** The workspace folder the causes were linked to, by name. */
  readonly folder?: string;
}

export type FixStatus = 'applying' | 'applied' | 'failed';

/**
 * What the panel shows below the paste box, owned by the host: each change has a higher `revision`, so a panel
 * that was hidden (and reloaded) takes the host's copy only when it is newer than the one it saved.
 */
export interface Display {
  readonly revision: number;
  readonly busy: boolean;
  /** Where the log came from: `the clipboard (2.1 MB)`. */
  readonly source?: string;
  readonly error?: string;
  readonly result?: ViewResult;
  /** By `<cause>:<fix>`. */
  readonly fixes: Readonly<Record<string, { readonly status: FixStatus; readonly message?: string }>>;
  /** A short message, such as "Report copied". */
  readonly notice?: string;
}

/** What the panel keeps with `setState`, and what the serializer hands the host after a reload. */
export interface ViewState {
  /** The paste box; empty when it held more than MAX_KEPT_INPUT. */
  readonly input: string;
  readonly display: Display;
}

export const emptyDisplay: Display = { revision: 0, busy: false, fixes: {} };
export const emptyViewState: ViewState = { input: '', display: emptyDisplay };

/** Text kept in the panel's state at most; bigger logs are analysed but not kept for the next reload. */
export const MAX_KEPT_INPUT = 1024 * 1024;

export type InputSource = 'clipboard' | 'selection' | 'editor' | 'file';
export const INPUT_SOURCES: readonly InputSource[] = ['clipboard', 'selection', 'editor', 'file'];

/** Host → panel. */
export type HostToView =
  /** Show this display; with `input`, also put that text in the paste box. */
  | { readonly type: 'display'; readonly display: Display; readonly input?: string }
  /** Put the cursor in the paste box (the command was run to paste a log). */
  | { readonly type: 'focusInput' };

/** Panel → host. */
export type ViewToHost =
  /** The panel has loaded and listens. */
  | { readonly type: 'ready' }
  | { readonly type: 'analyze'; readonly text: string }
  | { readonly type: 'pickInput'; readonly source: InputSource }
  | { readonly type: 'openLocation'; readonly resultId: string; readonly cause: number; readonly location: number }
  | { readonly type: 'applyFix'; readonly resultId: string; readonly cause: number; readonly fix: number }
  | { readonly type: 'copyReport'; readonly resultId: string };

/**
 * A message from the panel, checked field by field; undefined for anything else. The panel renders untrusted
 * log text, so the host treats what it says as input to check, never as commands to run. The length of the
 * text to analyse is the caller's to check, so it can say why it refuses.
 */
export function parseViewToHost(value: unknown): ViewToHost | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'analyze':
      return typeof value.text === 'string' ? { type: 'analyze', text: value.text } : undefined;
    case 'pickInput':
      return (INPUT_SOURCES as readonly unknown[]).includes(value.source) ? { type: 'pickInput', source: value.source as InputSource } : undefined;
    case 'openLocation':
      return isId(value.resultId) && isIndex(value.cause) && isIndex(value.location)
        ? { type: 'openLocation', resultId: value.resultId, cause: value.cause, location: value.location }
        : undefined;
    case 'applyFix':
      return isId(value.resultId) && isIndex(value.cause) && isIndex(value.fix) ? { type: 'applyFix', resultId: value.resultId, cause: value.cause, fix: value.fix } : undefined;
    case 'copyReport':
      return isId(value.resultId) ? { type: 'copyReport', resultId: value.resultId } : undefined;
    default:
      return undefined;
  }
}

/** A host message as the panel accepts it; undefined for anything else. */
export function parseHostToView(value: unknown): HostToView | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'display': {
      const display = parseDisplay(value.display);
      if (!display || !optionalString(value.input)) return undefined;
      return { type: 'display', display, ...(typeof value.input === 'string' ? { input: value.input } : {}) };
    }
    case 'focusInput':
      return { type: 'focusInput' };
    default:
      return undefined;
  }
}

/** A saved state with the shape the renderer relies on; undefined when it is not one (saved by another version). */
export function parseViewState(value: unknown): ViewState | undefined {
  if (!isRecord(value) || typeof value.input !== 'string') return undefined;
  const display = parseDisplay(value.display);
  return display && { input: value.input, display };
}

/** Unknown fields are dropped. */
export function parseDisplay(value: unknown): Display | undefined {
  if (!isRecord(value) || !isCount(value.revision) || typeof value.busy !== 'boolean') return undefined;
  if (!optionalString(value.source) || !optionalString(value.error) || !optionalString(value.notice)) return undefined;
  const result = value.result === undefined ? undefined : parseResult(value.result);
  if (value.result !== undefined && !result) return undefined;
  const fixes: Record<string, { status: FixStatus; message?: string }> = {};
  if (isRecord(value.fixes)) {
    for (const [key, entry] of Object.entries(value.fixes)) {
      if (/^\d+:\d+$/.test(key) && isRecord(entry) && isFixStatus(entry.status) && optionalString(entry.message)) {
        fixes[key] = { status: entry.status, ...(typeof entry.message === 'string' ? { message: entry.message } : {}) };
      }
    }
  }
  return {
    revision: value.revision,
    busy: value.busy,
    fixes,
    ...(typeof value.source === 'string' ? { source: value.source } : {}),
    ...(typeof value.error === 'string' ? { error: value.error } : {}),
    ...(typeof value.notice === 'string' ? { notice: value.notice } : {}),
    ...(result ? { result } : {}),
  };
}

/** The key of a fix in `Display.fixes`. */
export function fixKey(cause: number, fix: number): string {
  return `${cause}:${fix}`;
}

function parseResult(value: unknown): ViewResult | undefined {
  if (!isRecord(value) || !isId(value.id) || !Array.isArray(value.causes) || !Array.isArray(value.unexplained)) return undefined;
  if (typeof value.platform !== 'string' || !isCount(value.lines) || !isCount(value.redactions) || !optionalString(value.folder)) return undefined;
  const causes = value.causes.map(parseCause);
  const unexplained = value.unexplained.map(parseSymptom);
  if (causes.some((c) => !c) || unexplained.some((s) => !s)) return undefined;
  return {
    id: value.id,
    causes: causes as ViewCause[],
    unexplained: unexplained as ViewSymptom[],
    platform: value.platform,
    lines: value.lines,
    redactions: value.redactions,
    ...(typeof value.folder === 'string' ? { folder: value.folder } : {}),
  };
}

function parseCause(value: unknown): ViewCause | undefined {
  if (!isRecord(value)) return undefined;
  const { category, title, message, confidence, ruleId } = value;
  if (typeof category !== 'string' || typeof title !== 'string' || typeof message !== 'string' || typeof confidence !== 'number' || !optionalString(ruleId)) return undefined;
  const evidence = parseList(value.evidence, parseEvidence);
  const locations = parseList(value.locations, parseLocation);
  const fixes = parseList(value.fixes, parseFix);
  const symptoms = parseList(value.symptoms, parseSymptom);
  if (!evidence || !locations || !fixes || !symptoms) return undefined;
  return { category, title, message, confidence, evidence, locations, fixes, symptoms, ...(typeof ruleId === 'string' ? { ruleId } : {}) };
}

function parseSymptom(value: unknown): ViewSymptom | undefined {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.title !== 'string' || typeof value.message !== 'string') return undefined;
  const evidence = parseList(value.evidence, parseEvidence);
  return evidence && { id: value.id, title: value.title, message: value.message, evidence };
}

function parseEvidence(value: unknown): ViewEvidence | undefined {
  return isRecord(value) && isCount(value.line) && typeof value.text === 'string' ? { line: value.line, text: value.text } : undefined;
}

function parseLocation(value: unknown): ViewLocation | undefined {
  if (!isRecord(value) || typeof value.text !== 'string' || !optionalString(value.label)) return undefined;
  return { text: value.text, ...(typeof value.label === 'string' ? { label: value.label } : {}) };
}

function parseFix(value: unknown): ViewFix | undefined {
  return isRecord(value) && typeof value.title === 'string' && typeof value.applicable === 'boolean' && typeof value.preferred === 'boolean'
    ? { title: value.title, applicable: value.applicable, preferred: value.preferred }
    : undefined;
}

function parseList<T>(value: unknown, parse: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: T[] = [];
  for (const item of value) {
    const parsed = parse(item);
    if (parsed === undefined) return undefined;
    out.push(parsed);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 10_000;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(value);
}

function isFixStatus(value: unknown): value is FixStatus {
  return value === 'applying' || value === 'applied' || value === 'failed';
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}
