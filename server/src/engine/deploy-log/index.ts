/**
 * Deploy log analysis: the public API of `engine/deploy-log` (DESIGN §2, §3).
 *
 *   const scanner = createLogScanner();
 *   for await (const chunk of stream) scanner.push(chunk);   // chunks may split lines anywhere
 *   const diagnosis = scanner.finish();
 *
 * `diagnoseLog(text)` is the same over one chunk. Memory does not grow with the size of the log. Causes come
 * with empty `locations` and `fixes`; `linkDiagnosis` (link.ts, the engine's `linkLog`) fills them in from the
 * project afterwards.
 */

import { READER_PATTERNS } from './reader';
import { REDACT_PATTERNS } from './redact';
import { SCANNER_PATTERNS, Scanner } from './scanner';
import { catalogPatterns } from './signatures/index';
import type { LogDiagnosis } from './types';

export type { Category, EvidenceLine, LogCause, LogDiagnosis, LogFix, LogLocation, LogPlatform, LogSymptom, SymptomId } from './types';

export interface LogScanner {
  /** Feeds the next piece of the log; a chunk may end in the middle of a line. */
  push(chunk: string): void;
  /** Ends the log and returns the diagnosis (the same object on later calls). */
  finish(): LogDiagnosis;
}

export function createLogScanner(): LogScanner {
  const scanner = new Scanner();
  return {
    push: (chunk) => {
      try {
        scanner.push(chunk);
      } catch {
        // Never throw on input: a line that breaks a signature is skipped.
      }
    },
    finish: () => scanner.finish(),
  };
}

export function diagnoseLog(text: string): LogDiagnosis {
  const scanner = createLogScanner();
  scanner.push(text);
  return scanner.finish();
}

/** Every RegExp the analyzer uses (reader, catalog, scanner, redaction), for the ReDoS check. */
export function allLogPatterns(): RegExp[] {
  return [...READER_PATTERNS, ...catalogPatterns(), ...SCANNER_PATTERNS, ...REDACT_PATTERNS];
}
