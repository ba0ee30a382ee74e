/**
 * The TextMate grammars and language configurations in syntaxes/: valid JSON, well-formed rules, every regex
 * accepted by Oniguruma (the regex engine VS Code runs grammars with), and wired up in package.json.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { grammarContributions, loadGrammar, onigError } from '../grammars/textmate';
import { exists, listFiles, readJson, readText } from './repo';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Rule = { [key: string]: Json };

const grammarFiles = listFiles('syntaxes', (name) => name.endsWith('.tmLanguage.json'));
const configurationFiles = listFiles('syntaxes', (name) => name.endsWith('.language-configuration.json'));

function isObject(value: Json | undefined): value is Rule {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Visit {
  readonly where: string;
  readonly rule: Rule;
}

/** Every rule object of a grammar: top-level patterns, repository entries, nested patterns and capture rules. */
function rulesOf(grammar: Rule): Visit[] {
  const out: Visit[] = [];
  const visit = (rule: Json | undefined, where: string): void => {
    assert.ok(isObject(rule), `${where} is not an object`);
    out.push({ where, rule });
    if (rule.patterns !== undefined) {
      assert.ok(Array.isArray(rule.patterns), `${where}.patterns is not an array`);
      rule.patterns.forEach((p, i) => visit(p, `${where}.patterns[${i}]`));
    }
    for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures'] as const) {
      const captures = rule[key];
      if (captures === undefined) continue;
      assert.ok(isObject(captures), `${where}.${key} is not an object`);
      for (const [group, capture] of Object.entries(captures)) {
        assert.match(group, /^\d+$/, `${where}.${key} has a non-numeric group "${group}"`);
        visit(capture, `${where}.${key}[${group}]`);
      }
    }
    if (rule.repository !== undefined) {
      assert.ok(isObject(rule.repository), `${where}.repository is not an object`);
      for (const [name, entry] of Object.entries(rule.repository)) visit(entry, `${where}.repository.${name}`);
    }
  };
  (grammar.patterns as Json[]).forEach((p, i) => visit(p, `patterns[${i}]`));
  if (isObject(grammar.repository)) {
    for (const [name, entry] of Object.entries(grammar.repository)) visit(entry, `repository.${name}`);
  }
  return out;
}

/** Oniguruma cannot compile an `end`/`while` that refers to groups of `begin` (\1) until they are filled in. */
function withoutBeginReferences(pattern: string): string {
  return pattern.replace(/\\([1-9])/g, 'x');
}

describe('grammars', () => {
  test('syntaxes/ holds grammars and language configurations', () => {
    assert.ok(grammarFiles.length >= 2, `expected the Procfile and TOML grammars, found ${grammarFiles.join(', ')}`);
    assert.ok(configurationFiles.length >= 2);
  });

  for (const file of [...grammarFiles, ...configurationFiles]) {
    test(`${file} is valid JSON`, () => {
      assert.doesNotThrow(() => JSON.parse(readText(file)), `${file} does not parse as JSON`);
    });
  }

  for (const file of grammarFiles) {
    describe(file, () => {
      const grammar = readJson<Rule>(file);
      const suffix = `.${String(grammar.scopeName).split('.').pop()}`;

      test('has a scope name, top-level patterns and a repository', () => {
        assert.match(String(grammar.scopeName), /^source\.[a-z]+$/);
        assert.equal(typeof grammar.name, 'string');
        assert.ok(Array.isArray(grammar.patterns) && grammar.patterns.length > 0);
        assert.ok(isObject(grammar.repository));
      });

      test('every rule is well formed and every include resolves', () => {
        const repository = grammar.repository as Rule;
        for (const { where, rule } of rulesOf(grammar)) {
          const kinds = ['include', 'match', 'begin'].filter((k) => rule[k] !== undefined);
          assert.ok(kinds.length <= 1, `${where} mixes ${kinds.join(' and ')}`);
          assert.ok(rule.match === undefined || rule.patterns === undefined, `${where} has match and patterns (use captures)`);
          if (rule.begin !== undefined) {
            assert.ok((rule.end === undefined) !== (rule.while === undefined), `${where} has begin but not exactly one of end/while`);
          } else {
            assert.equal(rule.end, undefined, `${where} has end without begin`);
            assert.equal(rule.while, undefined, `${where} has while without begin`);
          }
          if (rule.include !== undefined) {
            const include = String(rule.include);
            if (include.startsWith('#')) assert.ok(include.slice(1) in repository, `${where} includes missing ${include}`);
            else assert.ok(include === '$self' || include === '$base', `${where} includes another grammar (${include})`);
          }
          const isCapture = /Captures\[\d+\]$|captures\[\d+\]$/.test(where);
          const isContainer = rule.patterns !== undefined && kinds.length === 0;
          if (!isCapture && !isContainer) {
            assert.ok(kinds.length === 1, `${where} has neither match, begin, include nor patterns`);
          }
        }
      });

      test(`every scope name ends in ${suffix}`, () => {
        for (const { where, rule } of rulesOf(grammar)) {
          for (const key of ['name', 'contentName'] as const) {
            if (rule[key] === undefined) continue;
            for (const scope of String(rule[key]).split(/\s+/)) {
              assert.ok(scope.endsWith(suffix), `${where}.${key} "${scope}" does not end in ${suffix}`);
            }
          }
        }
      });

      test('every regex compiles in Oniguruma', async () => {
        for (const { where, rule } of rulesOf(grammar)) {
          for (const key of ['match', 'begin', 'end', 'while'] as const) {
            if (rule[key] === undefined) continue;
            assert.equal(typeof rule[key], 'string', `${where}.${key} is not a string`);
            const source = key === 'end' || key === 'while' ? withoutBeginReferences(String(rule[key])) : String(rule[key]);
            const error = await onigError(source);
            assert.equal(error, undefined, `${where}.${key} /${rule[key]}/ does not compile: ${error}`);
          }
        }
      });
    });
  }

  test('every grammar in package.json exists, names its file’s scope and a contributed language', () => {
    const manifest = readJson<{ contributes: { languages: { id: string; configuration?: string }[] } }>('package.json');
    const languages = new Set(manifest.contributes.languages.map((l) => l.id));
    const contributions = [...grammarContributions().values()];
    assert.ok(contributions.length > 0, 'package.json contributes no grammars');
    for (const g of contributions) {
      const path = g.path.replace(/^\.\//, '');
      assert.ok(exists(path), `grammar ${g.path} does not exist`);
      assert.equal(readJson<Rule>(path).scopeName, g.scopeName, `${g.path} declares another scope name`);
      assert.ok(g.language && languages.has(g.language), `grammar ${g.scopeName} names an uncontributed language ${g.language}`);
    }
    for (const file of grammarFiles) {
      assert.ok(contributions.some((g) => g.path.replace(/^\.\//, '') === file), `${file} is not contributed in package.json`);
    }
  });

  test('every language configuration in package.json exists and declares # comments', () => {
    const manifest = readJson<{ contributes: { languages: { id: string; configuration?: string }[] } }>('package.json');
    for (const language of manifest.contributes.languages) {
      if (!language.configuration) continue;
      const path = language.configuration.replace(/^\.\//, '');
      assert.ok(exists(path), `${language.id}: ${language.configuration} does not exist`);
      const configuration = readJson<{ comments?: { lineComment?: string } }>(path);
      assert.equal(configuration.comments?.lineComment, '#', `${path} should declare # line comments`);
    }
  });

  test('vscode-textmate loads every contributed grammar', async () => {
    for (const scopeName of grammarContributions().keys()) {
      const grammar = await loadGrammar(scopeName);
      assert.ok(grammar.tokenizeLine('x = 1', null).tokens.length > 0);
    }
  });

  test('long adversarial lines tokenize in linear time', async () => {
    // Inputs that make ambiguous, nested quantifiers backtrack exponentially: many near-matches in a row. Such a
    // regex takes minutes on lines this long; the budget only has to absorb nesting depth and a busy machine.
    const pieces = ['A=a', 'a=', '"', "'", '\\', '[', '{', '${', '$(', '`', 'a.', '"a".', '1_', '0', '-', ':', '#', ' = ', '&'];
    const repeat = (p: string): string => p.repeat(Math.ceil(2000 / p.length));
    const lines = pieces.flatMap((p) => [repeat(p), `web: ${repeat(p)} x`, `k = ${repeat(p)}`]);
    for (const scopeName of grammarContributions().keys()) {
      const grammar = await loadGrammar(scopeName);
      for (const line of lines) {
        const started = performance.now();
        grammar.tokenizeLine(line, null);
        const ms = performance.now() - started;
        assert.ok(ms < 1000, `${scopeName} took ${Math.round(ms)} ms on ${JSON.stringify(line.slice(0, 40))}…`);
      }
    }
  });
});
