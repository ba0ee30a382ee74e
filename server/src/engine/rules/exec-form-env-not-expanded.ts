/**
 * exec-form-env-not-expanded: `$VAR` in an exec-form (JSON array) CMD/ENTRYPOINT, or in a Railway start command
 * on a service built from a Dockerfile (Railway runs it without a shell): nothing expands it, so the program
 * gets the literal text `$PORT`. Shell syntax in such a command (`&&`, `cd`, `NAME=value` prefixes) fails the
 * same way. The fix wraps the command in `sh -c "exec …"` (research/platforms.md §1.5, §2.3; linters.md G1/G2).
 */

import { basename } from '../files';
import { shadowNote } from '../plan/describe';
import { wrapInShellEdits } from '../plan/fixes';
import type { CommandSource } from '../plan/types';
import { defineRule, type Report } from '../rule';
import { variablesIn, type SimpleCommand } from '../shell/model';

const SHELL_BUILTINS = new Set(['cd', 'export', 'source', '.', 'set', 'ulimit', 'umask']);

export const execFormEnvNotExpanded = defineRule({
  id: 'exec-form-env-not-expanded',
  defaultSeverity: 'error',
  summary: '`$VAR` or shell syntax in a command that runs without a shell (exec-form CMD/ENTRYPOINT, Railway start command on a Dockerfile build).',
  fileKinds: ['dockerfile', 'railway-toml', 'railway-json', 'railway-iac'],
  check(project, report) {
    // Commands the plan interpreted as a program it knows (gunicorn, uvicorn, python, …).
    const known = new Set(project.plan.launches.map((l) => l.launch.command));
    for (const service of project.plan.services) {
      for (const source of service.sources) {
        if (source.mode !== 'exec' || !source.file) continue;
        for (const command of source.line.commands) {
          if (command.mode !== 'exec' || command.wrappers.length) continue;
          checkCommand(source, command, known.has(command), report);
        }
      }
    }
  },
});

function where(source: CommandSource): string {
  if (source.kind === 'dockerfile') return `the exec form of ${source.docker?.command.keyword ?? 'CMD'} runs the program directly, without a shell`;
  return `Railway runs the start command of a Dockerfile service directly, without a shell`;
}

function checkCommand(source: CommandSource, command: SimpleCommand, known: boolean, report: (r: Report) => void): void {
  const file = source.file!;
  // The literal `$PORT` is certain; what an unknown program makes of it is not. A shadowed command is not run.
  const severity = known && !source.shadowedBy ? 'error' : 'warning';
  // No executable is called `cd` or `NAME=value`: that start fails whatever follows.
  const certain = source.shadowedBy ? 'warning' : 'error';
  const combined = source.docker?.appended !== undefined;
  const fixes = (): NonNullable<Report['fixes']> => {
    if (combined) return [];
    const edits = wrapInShellEdits({ source, words: command.words });
    return edits ? [{ title: 'Run it through sh -c "exec …" so variables expand', edits, isPreferred: true }] : [];
  };
  const first = command.words[0];
  const program = first?.value ?? first?.raw ?? '';
  if (first && /^[A-Za-z_][A-Za-z0-9_]*=/.test(program)) {
    report({
      file,
      about: ['exec-form', 'shell-syntax'],
      range: first.range,
      severity: certain,
      message: `\`${program}\` is not an environment assignment here: ${where(source)}, so it looks for an executable named \`${program}\`.${shadowNote(plannedLike(source))}`,
      fixes: fixes(),
    });
    return;
  }
  if (first && SHELL_BUILTINS.has(basename(program))) {
    report({
      file,
      about: ['exec-form', 'shell-syntax'],
      range: first.range,
      severity: certain,
      message: `\`${program}\` is a shell builtin, not a program: ${where(source)}, so it fails with "The executable \`${program}\` could not be found".${shadowNote(plannedLike(source))}`,
      fixes: fixes(),
    });
    return;
  }
  const operator = command.words.find((w) => w.value !== undefined && /^(&&|\|\||;|\||&)$/.test(w.value));
  if (operator) {
    report({
      file,
      about: ['exec-form', 'shell-syntax'],
      range: operator.range,
      severity,
      message: `\`${operator.value}\` is passed to ${program} as an argument: ${where(source)}, which does not chain commands.${shadowNote(plannedLike(source))}`,
      fixes: fixes(),
    });
    return;
  }
  for (const word of command.words) {
    const variable = variablesIn(word)[0];
    if (!variable) continue;
    report({
      file,
      about: ['exec-form', `var:${variable.name}`],
      range: variable.range,
      severity,
      message: `\`$${variable.name}\` is not expanded: ${where(source)}, so ${program} receives the literal text \`${word.raw}\`${consequence(program, variable.name, word.raw)}.${combined ? ' ENTRYPOINT and CMD are combined here; move the command into one `sh -c` form.' : ''}${shadowNote(plannedLike(source))}`,
      fixes: fixes(),
    });
    return;
  }
}

function consequence(program: string, name: string, raw: string): string {
  if (name !== 'PORT') return '';
  const p = basename(program);
  const port = raw.slice(raw.indexOf('$'));
  if (p === 'gunicorn') return ` (gunicorn exits with "'${port}' is not a valid port number")`;
  if (p === 'uvicorn') return ` (uvicorn exits with "Invalid value for '--port': '${port}' is not a valid integer")`;
  return '';
}

function plannedLike(source: CommandSource): Parameters<typeof shadowNote>[0] {
  return { source } as Parameters<typeof shadowNote>[0];
}
