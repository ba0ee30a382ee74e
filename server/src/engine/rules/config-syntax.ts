/**
 * config-syntax: TOML and JSON syntax errors in railway.toml / railway.json, at the exact position, while the
 * file is being typed. Railway cannot read a file that does not parse, so the whole config is lost.
 */

import { railwayConfigAt } from '../plan/build';
import { defineRule } from '../rule';

export const configSyntax = defineRule({
  id: 'config-syntax',
  defaultSeverity: 'error',
  summary: 'TOML and JSON syntax errors in Railway config files.',
  fileKinds: ['railway-toml', 'railway-json'],
  check(project, report) {
    for (const path of [...project.filesOfKind('railway-toml'), ...project.filesOfKind('railway-json')]) {
      const config = railwayConfigAt(project, path);
      if (!config) continue;
      for (const error of config.doc.errors) {
        const comment = /comments are not allowed/.test(error.message);
        report({
          file: path,
          range: error.range,
          severity: comment ? 'warning' : 'error',
          message: comment
            ? `${error.message}: Railway's JSON reader may reject the file. Remove the comment, or use railway.toml, where comments are allowed.`
            : `${error.message}. Railway cannot read ${path} until this is fixed, so none of its settings apply.`,
        });
      }
    }
  },
});
