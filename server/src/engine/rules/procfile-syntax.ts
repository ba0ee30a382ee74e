/**
 * procfile-syntax: Procfile lines that Heroku, foreman or Railway read differently or reject. Railway's
 * builders read the Procfile as YAML (gopkg.in/yaml.v2), Heroku with a line regex, foreman and honcho with a
 * looser one (research/linters.md §5, platforms.md §3.5 and §4.1).
 */

import { basename, dirname, joinPath } from '../files';
import type { ProcfileEntry, Procfile } from '../procfile/parse';
import type { Project } from '../project';
import { IAC_PATH } from '../railway/migrate';
import { defineRule, type Report } from '../rule';
import type { Fix, TextEdit } from '../types';

export const procfileSyntax = defineRule({
  id: 'procfile-syntax',
  defaultSeverity: 'error',
  summary: 'Procfile lines that Heroku, foreman or Railway read differently or reject.',
  fileKinds: ['procfile'],
  check(project, report) {
    for (const procfile of project.procfiles) checkProcfile(project, procfile, report);
  },
});

/** Characters that cannot start a YAML plain scalar (the command) in block context. */
const YAML_INDICATOR = /^(["'[\]{}*&!|>%@`,#]|[-?:](\s|$))/;

function checkProcfile(project: Project, procfile: Procfile, report: (r: Report) => void): void {
  const file = procfile.path;
  // `Procfile.dev` and friends are read by foreman or honcho locally, never by a platform.
  const platformFile = basename(file) === 'Procfile';
  const railway = platformFile && usesRailway(project, dirname(file));
  const yamlSeverity = railway ? 'error' : 'warning';
  const onRailway = railway ? 'Railway reads the Procfile as YAML' : 'Railway would read this Procfile as YAML';

  if (procfile.carriageReturns.length && platformFile) {
    const edits: TextEdit[] = procfile.carriageReturns.map((i) => ({
      file,
      range: { start: i, end: i + 1 },
      text: procfile.text[i + 1] === '\n' ? '' : '\n',
    }));
    const first = procfile.carriageReturns[0];
    report({
      file,
      range: { start: first, end: first + 1 },
      severity: 'warning',
      message:
        'This Procfile has Windows line endings (CRLF): Heroku hands the trailing `\\r` to the shell as part of the last argument, so the command fails in ways that are hard to see. Save it with LF line endings.',
      fixes: [{ title: 'Convert the Procfile to LF line endings', edits, isPreferred: true, lineEndings: 'lf' }],
    });
  }

  const hasWeb = procfile.entries.some((e) => e.name === 'web');
  for (const line of procfile.unparsable) {
    const fixes: Fix[] = hasWeb
      ? []
      : [{ title: 'Make this line the `web` process', edits: [{ file, range: { start: line.range.start, end: line.range.start }, text: 'web: ' }] }];
    report({
      file,
      range: trimRange(line.text, line.range.start),
      ...(platformFile ? {} : { severity: 'warning' as const }),
      message: platformFile
        ? `This line is not \`<process type>: <command>\`: Heroku and foreman ignore it, and ${onRailway} and fails the build on it.`
        : 'This line is not `<process type>: <command>`: foreman and honcho skip it.',
      fixes,
    });
  }

  const seen = new Map<string, ProcfileEntry>();
  for (const entry of procfile.entries) {
    checkName(file, entry, platformFile, report);
    if (platformFile) checkSpacing(file, entry, yamlSeverity, onRailway, report);
    if (!entry.command.text) {
      report({ file, range: entry.nameRange, message: `The \`${entry.name}\` process has no command.` });
    } else if (platformFile) {
      checkYamlValue(file, entry, yamlSeverity, onRailway, report);
    }
    const earlier = seen.get(entry.name);
    if (earlier) {
      report({
        file,
        range: earlier.nameRange,
        severity: 'warning',
        tags: ['unnecessary'],
        message: `\`${entry.name}\` is defined again on line ${entry.line + 1}: Heroku and Railway run only the last definition, and honcho refuses the file.`,
        related: [{ file, range: entry.nameRange, message: `The \`${entry.name}\` definition that is used` }],
        fixes: [{ title: `Remove this earlier \`${entry.name}\` line`, edits: [removeLine(procfile, earlier)] }],
      });
    }
    seen.set(entry.name, entry);
  }

  if (platformFile && !railway && procfile.entries.length && !hasWeb && !procfile.unparsable.length) {
    const first = procfile.entries[0];
    report({
      file,
      range: first.nameRange,
      severity: 'warning',
      message:
        'This Procfile has no `web` process: Heroku routes HTTP traffic only to `web` dynos, so requests fail with H14 "No web processes running".',
    });
  }
}

function checkName(file: string, entry: ProcfileEntry, platformFile: boolean, report: (r: Report) => void): void {
  const name = entry.name;
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    report({
      file,
      range: entry.nameRange,
      ...(platformFile ? {} : { severity: 'warning' as const }),
      message: `\`${name}\` is not a valid process type: use letters, digits and \`-\` only. ${platformFile ? 'Heroku rejects the line and foreman skips it.' : 'foreman and honcho skip the line.'}`,
    });
    return;
  }
  // Only platforms normalise or look up names; foreman and honcho take them as written.
  if (!platformFile) return;
  const normalised = name.toLowerCase().replace(/_/g, '-');
  if (normalised !== name) {
    const becomesWeb = normalised === 'web';
    report({
      file,
      range: entry.nameRange,
      severity: 'warning',
      message: becomesWeb
        ? `\`${name}\` is not \`web\`: Railway looks for the exact name \`web\`, and Heroku renames it with a warning.`
        : `Process types should be lowercase with \`-\` (\`${normalised}\`): Heroku renames \`${name}\` with a warning and Railway keeps it as written.`,
      fixes: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(normalised)
        ? [{ title: `Rename to \`${normalised}\``, edits: [{ file, range: entry.nameRange, text: normalised }], isPreferred: true }]
        : [],
    });
  } else if (name.startsWith('-') || name.endsWith('-') || name.length > 63) {
    report({
      file,
      range: entry.nameRange,
      severity: 'warning',
      message: `\`${name}\` is not a valid Heroku process type: it must be 1–63 characters and may not start or end with \`-\`.`,
    });
  }
}

function checkSpacing(file: string, entry: ProcfileEntry, severity: 'error' | 'warning', onRailway: string, report: (r: Report) => void): void {
  if (entry.indent) {
    report({
      file,
      range: { start: entry.lineRange.start, end: entry.nameRange.start },
      severity: entry.indent.includes('\t') ? severity : 'warning',
      message: entry.indent.includes('\t')
        ? `This line is indented with a tab: ${onRailway} and rejects tabs in indentation; foreman and honcho skip the line.`
        : `This line is indented: ${onRailway}, where an indented line belongs to the line above and the process can silently disappear.`,
      fixes: [{ title: 'Remove the indentation', edits: [{ file, range: { start: entry.lineRange.start, end: entry.nameRange.start }, text: '' }], isPreferred: true }],
    });
  }
  if (!entry.command.text) return;
  const gapRange = { start: entry.colon + 1, end: entry.commandRange.start };
  if (!entry.gap) {
    report({
      file,
      range: { start: entry.nameRange.start, end: entry.colon + 1 },
      message: `Put a space after \`${entry.name}:\`. Heroku's Procfile format needs it, and ${onRailway}, where \`${entry.name}:${entry.command.text.split(/\s/)[0]}\` is not a key.`,
      fixes: [{ title: `Insert a space after \`${entry.name}:\``, edits: [{ file, range: gapRange, text: ' ' }], isPreferred: true }],
    });
  } else if (entry.gap.includes('\t')) {
    report({
      file,
      range: gapRange,
      severity,
      message: `A tab follows \`${entry.name}:\`. ${onRailway}, and YAML does not allow a tab there: the build fails.`,
      fixes: [{ title: 'Replace the tab with a space', edits: [{ file, range: gapRange, text: ' ' }], isPreferred: true }],
    });
  }
}

/** Where Heroku's plain text and Railway's YAML reading of the command disagree. */
function checkYamlValue(file: string, entry: ProcfileEntry, severity: 'error' | 'warning', onRailway: string, report: (r: Report) => void): void {
  const command = entry.command.text;
  const at = (i: number): number => entry.command.toSource(i);
  const advice = 'Move the command to the `startCommand` of railway.toml or into a script file; quoting it for YAML would hand the quotes to the shell on Heroku.';
  if (YAML_INDICATOR.test(command)) {
    report({
      file,
      range: { start: at(0), end: at(1) },
      severity,
      message: `The command starts with \`${command[0]}\`, which YAML reads as syntax, not text: ${onRailway} and fails the build on this line. ${advice}`,
    });
    return;
  }
  const colon = findMappingColon(command);
  if (colon >= 0) {
    report({
      file,
      range: { start: at(colon), end: at(colon + 1) },
      severity,
      message: `\`: \` inside the command makes YAML read a second key on this line ("mapping values are not allowed"): ${onRailway} and fails the build. ${advice}`,
    });
  }
  const comment = command.search(/[ \t]#/);
  if (comment >= 0) {
    report({
      file,
      range: { start: at(comment + 1), end: entry.commandRange.end },
      severity: 'warning',
      message: `${onRailway}, where \` #\` starts a comment: Railway runs the command without this part, while Heroku passes it to the shell.`,
    });
  }
}

/** Index of a `:` that YAML would take as a mapping indicator in a plain scalar, or -1. */
function findMappingColon(command: string): number {
  for (let i = command.indexOf(':'); i >= 0; i = command.indexOf(':', i + 1)) {
    const next = command[i + 1];
    if (next === undefined || next === ' ' || next === '\t') {
      // Text after ` #` is a comment, where colons are harmless.
      if (/[ \t]#/.test(command.slice(0, i))) return -1;
      return i;
    }
  }
  return -1;
}

function usesRailway(project: Project, dir: string): boolean {
  const hasConfig = (d: string): boolean => project.index.isFile(joinPath(d, 'railway.toml')) || project.index.isFile(joinPath(d, 'railway.json'));
  return hasConfig(dir) || hasConfig('') || project.index.isFile(IAC_PATH);
}

function removeLine(procfile: Procfile, entry: ProcfileEntry): TextEdit {
  return { file: procfile.path, range: procfile.lines.lineWithBreak(entry.line), text: '' };
}

function trimRange(text: string, offset: number): { start: number; end: number } {
  const lead = text.length - text.trimStart().length;
  return { start: offset + lead, end: offset + text.trimEnd().length };
}
