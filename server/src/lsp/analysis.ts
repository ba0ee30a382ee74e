/**
 * Runs the engine for one document and remembers the result for as long as nothing it depends on changed
 * (the project's files, the settings), so diagnostics and code actions for the same state share one analysis.
 */

import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { LineIndex, type Engine, type Finding } from '../engine/index';
import { toAnalyzeSeverities } from '../settings';
import type { Configuration } from './configuration';
import { describeError } from './describe-error';
import type { FileResolver, Target, Workspace } from './workspace';

export interface Analysis {
  readonly uri: string;
  readonly target: Target;
  /** Identifies the state analysed; equal ids mean equal findings. */
  readonly resultId: string;
  /** Findings anchored in the document, in the text below. */
  readonly findings: readonly Finding[];
  /** Positions in the document as it was analysed. */
  readonly lines: LineIndex;
  readonly files: FileResolver;
}

export interface Analyzer {
  /** The analysis of a document, or undefined when it is not analysed (scheme, size, unknown file). */
  analyze(uri: string, token?: CancellationToken): Promise<Analysis | undefined>;
  /** Forget a closed document's analysis. */
  forget(uri: string): void;
}

/** Results kept for documents the client pulls without opening them. */
const MAX_CACHED = 64;

export function createAnalyzer(connection: Connection, workspace: Workspace, engine: Engine, configuration: Configuration): Analyzer {
  const cache = new Map<string, Analysis>();

  return {
    async analyze(uri, token) {
      if (!workspace.locate(uri)) return undefined;
      const { settings, generation } = await configuration.get(uri);
      // Let pending edits and cancellations arrive before the (synchronous) analysis starts.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');

      const target = workspace.locate(uri);
      if (!target) return undefined;
      const files = target.project.files;
      const resultId = `${target.project.generation}:${generation}:${files.version?.(target.path) ?? ''}`;
      const cached = cache.get(uri);
      if (cached?.resultId === resultId) return cached;

      // Undefined also for a document too large to be deploy config (the project's files do not read it).
      const text = files.read(target.path);
      if (text === undefined) return undefined;
      const findings = engine.analyze(files, {
        severities: toAnalyzeSeverities(settings),
        onlyFiles: [target.path],
        onRuleError: (ruleId, error) => connection.console.error(`Rule ${ruleId} failed on ${target.path}: ${describeError(error)}`),
      });
      const analysis: Analysis = { uri, target, resultId, findings, lines: new LineIndex(text), files: workspace.resolver(target.project) };
      cache.delete(uri);
      cache.set(uri, analysis);
      if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
      return analysis;
    },
    forget(uri) {
      cache.delete(uri);
    },
  };
}
