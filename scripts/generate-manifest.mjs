#!/usr/bin/env node
// Rewrites the per-rule entries of the `deployDoctor.rules` setting in package.json from the rule registry, so
// the settings schema lists exactly the rules that exist, with their summaries and default severities. Only that
// one JSON node is replaced; the rest of the file keeps its formatting. `--check` changes nothing and exits 1
// when package.json is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jsonc from 'jsonc-parser';
import { tsImport } from 'tsx/esm/api';

const manifestPath = fileURLToPath(new URL('../package.json', import.meta.url));
const check = process.argv.includes('--check');

const { allRules } = await tsImport('../server/src/engine/rules/index.ts', import.meta.url);
const { docsUrl } = await tsImport('../server/src/engine/docs.ts', import.meta.url);

const severities = ['off', 'info', 'warning', 'error'];
const severityDescriptions = [
  'Do not run this rule.',
  'Report as information.',
  'Report as a warning.',
  'Report as an error.',
];

function ruleProperty(rule) {
  return {
    type: 'string',
    enum: severities,
    enumDescriptions: severityDescriptions,
    default: rule.defaultSeverity,
    markdownDescription: `${rule.summary} Default: \`${rule.defaultSeverity}\`. [Documentation](${docsUrl(rule.id)})`,
  };
}

const properties = Object.fromEntries(allRules.map((rule) => [rule.id, ruleProperty(rule)]));
const path = ['contributes', 'configuration', 'properties', 'deployDoctor.rules', 'properties'];

const text = readFileSync(manifestPath, 'utf8');
if (!jsonc.findNodeAtLocation(jsonc.parseTree(text), path.slice(0, -1))) {
  console.error('package.json has no contributes.configuration.properties["deployDoctor.rules"] to fill in.');
  process.exit(2);
}
const edits = jsonc.modify(text, path, properties, {
  formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' },
});
const updated = jsonc.applyEdits(text, edits);

if (updated === text) {
  console.log(`package.json lists all ${allRules.length} rules; nothing to change.`);
} else if (check) {
  console.error('package.json is out of date with the rule registry; run "npm run generate:manifest".');
  process.exit(1);
} else {
  writeFileSync(manifestPath, updated);
  console.log(`Updated deployDoctor.rules in package.json: ${allRules.map((r) => r.id).join(', ')}.`);
}
