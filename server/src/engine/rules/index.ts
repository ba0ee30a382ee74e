/** The registry: every rule, one line each. A tidy test keeps it in step with docs/rules and the settings schema. */

import type { Rule } from '../rule';
import { procfileSyntax } from './procfile-syntax';

export const allRules: readonly Rule[] = [
  procfileSyntax,
];
