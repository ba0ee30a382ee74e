/** Highlighting of Procfiles by syntaxes/procfile.tmLanguage.json: process types, and commands read like shell. */

import { describe, test } from 'node:test';
import { highlight } from './textmate';

const procfile = (text: string) => highlight('source.procfile', text);

const PROCESS = 'entity.name.tag.process-type.procfile';
const COMMAND = 'entity.name.function.command.procfile';
const OPTION = 'constant.other.option.procfile';
const VARIABLE = 'variable.other.procfile';

describe('Procfile grammar', () => {
  test('process type, command, options and $PORT', async () => {
    const h = await procfile('web: gunicorn app:app --bind 0.0.0.0:$PORT --workers 2');
    h.scoped('web', PROCESS);
    h.scoped(':', 'punctuation.separator.key-value.procfile');
    h.scoped('gunicorn', COMMAND);
    h.notScoped('app:app', COMMAND);
    h.notScoped(':app', 'punctuation.separator.key-value.procfile');
    h.scoped('--bind', OPTION);
    h.scoped('--', 'punctuation.definition.option.procfile');
    h.scoped('$PORT', VARIABLE);
    h.scoped('$', 'punctuation.definition.variable.procfile');
    h.scoped('--workers', OPTION);
    h.scoped('gunicorn app:app --bind 0.0.0.0:$PORT --workers 2', 'meta.command.procfile');
  });

  test('comments, whole-line and trailing', async () => {
    const h = await procfile(['# processes', 'web: gunicorn app:app # serve', 'worker: echo a#b'].join('\n'));
    h.scoped('# processes', 'comment.line.number-sign.procfile');
    h.scoped('# serve', 'comment.line.number-sign.procfile');
    h.notScoped('#b', 'comment.line.number-sign.procfile');
    h.scoped('worker', PROCESS);
  });

  test('environment assignments before the command', async () => {
    const h = await procfile('release: PYTHONPATH=. DEBUG="0" python manage.py migrate && python manage.py collectstatic --noinput');
    h.scoped('release', PROCESS);
    h.scoped('PYTHONPATH', 'variable.other.assignment.procfile');
    h.scoped('=', 'keyword.operator.assignment.procfile');
    h.scoped('DEBUG', 'variable.other.assignment.procfile');
    h.scoped('"0"', 'string.quoted.double.procfile');
    h.scoped('python', COMMAND);
    h.notScoped('manage.py', COMMAND);
    h.scoped('&&', 'keyword.operator.logical.procfile');
    h.scoped('python', COMMAND, 1);
    h.scoped('--noinput', OPTION);
  });

  test('a command of assignments only', async () => {
    const h = await procfile('web: FOO=bar');
    h.scoped('FOO', 'variable.other.assignment.procfile');
    h.notScoped('FOO', COMMAND);
  });

  test('options with =values', async () => {
    const h = await procfile('worker: celery -A app worker --loglevel=info');
    h.scoped('celery', COMMAND);
    h.scoped('-A', OPTION);
    h.scoped('--loglevel', OPTION);
    h.notScoped('info', OPTION);
  });

  test('parameter expansion with a default', async () => {
    const h = await procfile('web: uvicorn main:app --host 0.0.0.0 --port ${PORT:-8000}');
    h.scoped('${PORT:-8000}', 'meta.parameter-expansion.procfile');
    h.scoped('${', 'punctuation.definition.variable.begin.procfile');
    h.scoped('PORT', VARIABLE);
    h.scoped(':-', 'keyword.operator.expansion.procfile');
    h.scoped('}', 'punctuation.definition.variable.end.procfile');
  });

  test('quoted strings: variables expand in double quotes only', async () => {
    const h = await procfile(`web: sh -c "cd backend && exec gunicorn app:app --bind :\\$PORT $X" 'single $NOT'`);
    h.scoped('sh', COMMAND);
    h.scoped('-c', OPTION);
    h.scoped('"cd backend && exec gunicorn app:app --bind :\\$PORT $X"', 'string.quoted.double.procfile');
    h.scoped('\\$', 'constant.character.escape.procfile');
    h.scoped('$X', VARIABLE);
    h.scoped(`'single $NOT'`, 'string.quoted.single.procfile');
    h.notScoped('$NOT', VARIABLE);
  });

  test('lists, pipes and redirections', async () => {
    const h = await procfile('web: cd src; gunicorn app:app 2>&1 | tee log & wait');
    h.scoped('cd', COMMAND);
    h.scoped(';', 'keyword.operator.list.procfile');
    h.scoped('gunicorn', COMMAND);
    h.scoped('2>&', 'keyword.operator.redirect.procfile');
    h.notScoped('1 |', COMMAND);
    h.scoped('|', 'keyword.operator.pipe.procfile');
    h.scoped('tee', COMMAND);
    h.scoped('&', 'keyword.operator.list.procfile', 1);
    h.scoped('wait', COMMAND);
  });

  test('command substitution', async () => {
    const h = await procfile('web: echo $(date +%s) `whoami`');
    h.scoped('$(date +%s)', 'meta.command-substitution.procfile');
    h.scoped('date', COMMAND);
    h.scoped('`whoami`', 'meta.command-substitution.procfile');
    h.scoped('whoami', COMMAND);
  });

  test('an unterminated quote or expansion stays on its line', async () => {
    const h = await procfile(['web: echo "oops', "worker: echo 'oops", 'clock: echo ${OOPS', 'beat: celery beat'].join('\n'));
    h.scoped('worker', PROCESS);
    h.scoped('clock', PROCESS);
    h.scoped('beat', PROCESS);
    h.scoped('celery', COMMAND);
  });

  test('lines without a process type are not highlighted as processes', async () => {
    const h = await procfile(['gunicorn app:app', '  web:gunicorn app:app'].join('\n'));
    h.notScoped('gunicorn app:app', PROCESS);
    h.scoped('web', PROCESS);
    h.scoped('gunicorn', COMMAND, 1);
  });
});
