/**
 * What the diagnosis keeps while it reads: one aggregate per cause or symptom key (category or symptom id plus
 * the signature's key), with a count and capped evidence — the first occurrence's and the last one's.
 */

import type { Category, SymptomId } from './types';

/** A log line as evidence, before redaction. */
export interface RawEvidence {
  readonly line: number;
  readonly text: string;
}

/** Evidence lines kept per occurrence. */
export const MAX_EVIDENCE = 6;

export interface Aggregate {
  readonly kind: 'cause' | 'symptom';
  readonly key: string;
  signature: string;
  category?: Category;
  symptom?: SymptomId;
  confidence: number;
  values: Record<string, string>;
  first: RawEvidence[];
  last: RawEvidence[];
  count: number;
  firstLine: number;
  lastLine: number;
}
