/**
 * The package version. esbuild inlines just this field of package.json into dist/cli.js; from source (tsx) the
 * same relative import reads the file at the repository root.
 */

import { version as packageVersion } from '../../../package.json';

export const VERSION: string = packageVersion;
