/**
 * Interpreters for the programs Python web backends are started with. Option tables list the options that
 * take a value (from each program's documented CLI), so the positional app reference is found reliably; an
 * option the table does not know makes the positionals uncertain, and then no app reference is claimed.
 */

import { basename, dirname, normalizePath } from '../files';
import type { SimpleCommand, Word } from '../shell/model';
import { splitBindWord } from './bind';
import { parseAppRef, unwrapProgram, type Launch, type OptionValue, type ServerKind } from './launch';
import { allOptions, hasFlag, lastOption, parseOptions, table, type ParsedOptions } from './options';

const GUNICORN = table(
  '-c --config -b --bind --backlog -w --workers -k --worker-class --threads --worker-connections --max-requests --max-requests-jitter ' +
    '-t --timeout --graceful-timeout --keep-alive --limit-request-line --limit-request-fields --limit-request-field_size --limit-request-field-size ' +
    '--chdir --pythonpath -e --env -u --user -g --group -m --umask --worker-tmp-dir --access-logfile --access-logformat --error-logfile --log-file ' +
    '--log-level --log-config --log-config-json --log-syslog-to --log-syslog-prefix --log-syslog-facility --statsd-host --statsd-prefix -n --name ' +
    '--forwarded-allow-ips --proxy-allow-from -p --pid --keyfile --certfile --ssl-version --cert-reqs --ca-certs --ciphers --paste --paster ' +
    '--reload-engine --reload-extra-file --dogstatsd-tags --raw-env --header-map --forwarder-headers --worker-class-args --ssl-context --control-socket',
  '--reload --preload --daemon -D --check-config --print-config --capture-output --spew --no-sendfile --reuse-port --initgroups ' +
    '--enable-stdio-inheritance --strip-header-spaces --proxy-protocol --suppress-ragged-eofs --do-handshake-on-connect --help -h --version -v -R --disable-redirect-access-to-syslog',
);

const UVICORN = table(
  '--host --port --uds --fd --reload-dir --reload-include --reload-exclude --reload-delay --workers --loop --http --ws --ws-max-size ' +
    '--ws-max-queue --ws-ping-interval --ws-ping-timeout --ws-per-message-deflate --lifespan --interface --env-file --log-config --log-level ' +
    '--root-path --limit-concurrency --limit-max-requests --backlog --timeout-keep-alive --timeout-graceful-shutdown --timeout-worker-healthcheck ' +
    '--ssl-keyfile --ssl-certfile --ssl-keyfile-password --ssl-version --ssl-cert-reqs --ssl-ca-certs --ssl-ciphers --header --app-dir ' +
    '--h11-max-incomplete-event-size --forwarded-allow-ips',
  '--reload --factory --proxy-headers --no-proxy-headers --server-header --no-server-header --date-header --no-date-header ' +
    '--access-log --no-access-log --use-colors --no-use-colors --version --help',
);

const HYPERCORN = table(
  '-b --bind --insecure-bind --quic-bind -c --config -w --workers -k --worker-class --root-path --keep-alive --graceful-timeout ' +
    '--log-level --log-config --access-logfile --access-logformat --error-logfile --log-file -p --pid --backlog --keyfile --certfile ' +
    '--ca-certs --ciphers --server-name --statsd-host --statsd-prefix -u --umask --user -g --group --read-timeout --max-requests --max-requests-jitter --keyfile-password',
  '--reload --debug --verify-mode --help',
);

const DAPHNE = table(
  '-p --port -b --bind -u --unix-socket --fd -e --endpoint -v --verbosity -t --http-timeout --access-log --log-fmt --ping-interval ' +
    '--ping-timeout --application-close-timeout --root-path --websocket_timeout --websocket_connect_timeout --proxy-headers-host --proxy-headers-port --server-name',
  '--proxy-headers --no-server-name --help',
);

const WAITRESS = table(
  '--host --port --listen --unix-socket --unix-socket-perms --url-scheme --url-prefix --ident --threads --backlog --recv-bytes --send-bytes ' +
    '--outbuf-overflow --outbuf-high-watermark --inbuf-overflow --connection-limit --cleanup-interval --channel-timeout --max-request-header-size ' +
    '--max-request-body-size --asyncore-loop-timeout --trusted-proxy --trusted-proxy-count --trusted-proxy-headers --clear-untrusted-proxy-headers',
  '--call --ipv4 --no-ipv4 --ipv6 --no-ipv6 --expose-tracebacks --no-expose-tracebacks --log-untrusted-proxy-headers --help',
);

const GRANIAN = table(
  '--interface --host --port --workers --threads --blocking-threads --runtime-mode --loop --backlog --http --ws --log-level --log-config ' +
    '--ssl-keyfile --ssl-certificate --url-path-prefix --respawn-interval --reload-paths --reload-ignore-dirs --working-dir --env-files --workers-lifetime',
  '--reload --factory --no-ws --log --no-log --access-log --help --version',
);

const FLASK_RUN = table('-h --host -p --port --cert --key --extra-files --exclude-patterns', '--reload --no-reload --debugger --no-debugger --with-threads --without-threads --help');
const FLASK_GLOBAL = table('-A --app -e --env-file', '--debug --no-debug --help --version');

const PYTHON_VALUE = new Set(['-W', '-X', '--check-hash-based-pycs']);

/** Servers that `python -m <name>` runs. */
const MODULE_SERVERS: Record<string, string> = {
  gunicorn: 'gunicorn',
  uvicorn: 'uvicorn',
  hypercorn: 'hypercorn',
  daphne: 'daphne',
  waitress: 'waitress-serve',
  flask: 'flask',
  granian: 'granian',
};

/** Reads a simple command as a launch of a known Python program; undefined for anything else. */
export function interpret(command: SimpleCommand): Launch | undefined {
  const unwrapped = unwrapProgram(command.words);
  if (!unwrapped) return undefined;
  const launch = interpretProgram(command, unwrapped.program, unwrapped.words.slice(1));
  return launch ? { ...launch, programWord: unwrapped.words[0] } : undefined;
}

function interpretProgram(command: SimpleCommand, program: string, args: readonly Word[]): Launch | undefined {
  if (/^python(3(\.\d+)?)?$/.test(program) || program === 'pypy3') return interpretPython(command, program, args);
  switch (program) {
    case 'gunicorn':
      return gunicorn(command, program, args, false);
    case 'uvicorn':
      return uvicorn(command, program, args, false);
    case 'hypercorn':
      return bindServer(command, program, 'hypercorn', args, HYPERCORN, '127.0.0.1', '8000');
    case 'daphne':
      return daphne(command, program, args);
    case 'waitress-serve':
      return waitress(command, program, args);
    case 'granian':
      return granian(command, program, args);
    case 'flask':
      return flask(command, program, args);
    case 'django-admin':
      return django(command, program, args, undefined);
    case 'celery':
    case 'alembic':
    case 'rq':
    case 'dramatiq':
    case 'huey_consumer':
      return base(command, program, 'task');
    default:
      return undefined;
  }
}

function base(command: SimpleCommand, program: string, kind: Launch['kind']): Launch {
  const last = command.words[command.words.length - 1];
  return {
    command,
    program,
    programWord: command.words[0],
    kind,
    pathInserts: [],
    binds: [],
    defaultHost: undefined,
    defaultPort: undefined,
    bindUnknown: false,
    appendAt: last ? last.range.end : command.range.end,
    ignoresPythonPath: false,
  };
}

function gunicorn(command: SimpleCommand, program: string, args: readonly Word[], viaModule: boolean): Launch | undefined {
  const parsed = parseOptions(args, GUNICORN);
  const binds = allOptions(parsed, '-b', '--bind');
  const chdir = lastOption(parsed, '--chdir');
  const pythonpath = allOptions(parsed, '--pythonpath');
  const appWord = singlePositional(parsed);
  const paste = hasFlag(parsed, '--paste', '--paster');
  const app = appWord && !paste ? parseAppRef(appWord, 'application', false) : undefined;
  const envArgs = command.env.get('GUNICORN_CMD_ARGS');
  const configured = hasFlag(parsed, '-c', '--config');
  const bind = binds[binds.length - 1];
  const split = bind ? splitBindWord(bind) : undefined;
  const workers = lastOption(parsed, '-w', '--workers')?.value;
  return {
    ...base(command, program, 'server'),
    server: 'gunicorn',
    app,
    chdir,
    pathInserts: [
      ...pythonpath.flatMap((p) => (p.value ?? '').split(',').filter(Boolean).map((dir) => ({ dir, origin: '--pythonpath', word: p.word }))),
      { dir: chdir?.value ?? '.', origin: chdir ? '--chdir' : 'gunicorn', word: chdir?.word },
      ...(viaModule ? [{ dir: '.', origin: 'python -m' }] : []),
    ],
    binds,
    host: split?.host,
    port: split?.port,
    // gunicorn binds 0.0.0.0:$PORT when PORT is set and no --bind is given, else 127.0.0.1:8000.
    defaultHost: undefined,
    defaultPort: undefined,
    // A config file (-c, or gunicorn.conf.py in the working directory, checked by rules) or GUNICORN_CMD_ARGS may bind.
    bindUnknown: bind ? split?.unknown === true || split?.unix === true : configured || envArgs !== undefined,
    workers,
  };
}

function uvicorn(command: SimpleCommand, program: string, args: readonly Word[], viaModule: boolean): Launch | undefined {
  const parsed = parseOptions(args, UVICORN);
  const appWord = singlePositional(parsed);
  const app = appWord ? parseAppRef(appWord, undefined, hasFlag(parsed, '--factory')) : undefined;
  const appDir = lastOption(parsed, '--app-dir');
  const host = lastOption(parsed, '--host');
  const port = lastOption(parsed, '--port');
  const uds = hasFlag(parsed, '--uds', '--fd');
  const envHost = command.env.get('UVICORN_HOST');
  const envPort = command.env.get('UVICORN_PORT');
  return {
    ...base(command, program, 'server'),
    server: 'uvicorn',
    app,
    appDir,
    pathInserts: [{ dir: appDir?.value ?? '.', origin: appDir ? '--app-dir' : 'uvicorn', word: appDir?.word }, ...(viaModule ? [{ dir: '.', origin: 'python -m' }] : [])],
    host,
    port,
    binds: [],
    defaultHost: envHost !== undefined ? envHost.value : '127.0.0.1',
    defaultPort: envPort !== undefined ? envPort.value : '8000',
    bindUnknown: uds,
    workers: lastOption(parsed, '--workers')?.value,
  };
}

function bindServer(command: SimpleCommand, program: string, server: ServerKind, args: readonly Word[], options: ReturnType<typeof table>, defaultHost: string, defaultPort: string): Launch {
  const parsed = parseOptions(args, options);
  const binds = allOptions(parsed, '-b', '--bind');
  const bind = binds[binds.length - 1];
  const split = bind ? splitBindWord(bind) : undefined;
  const appWord = singlePositional(parsed);
  return {
    ...base(command, program, 'server'),
    server,
    // hypercorn looks for `app` when the reference has no attribute.
    app: appWord ? parseAppRef(appWord, server === 'hypercorn' ? 'app' : undefined, false) : undefined,
    pathInserts: [{ dir: '.', origin: program }],
    binds,
    host: split?.host,
    port: split?.port,
    defaultHost,
    defaultPort,
    bindUnknown: split ? split.unknown || split.unix : hasFlag(parsed, '-c', '--config'),
    workers: lastOption(parsed, '-w', '--workers')?.value,
  };
}

function daphne(command: SimpleCommand, program: string, args: readonly Word[]): Launch {
  const parsed = parseOptions(args, DAPHNE);
  const appWord = singlePositional(parsed);
  return {
    ...base(command, program, 'server'),
    server: 'daphne',
    app: appWord ? parseAppRef(appWord, undefined, false) : undefined,
    pathInserts: [{ dir: '.', origin: 'daphne' }],
    host: lastOption(parsed, '-b', '--bind'),
    port: lastOption(parsed, '-p', '--port'),
    binds: [],
    defaultHost: '127.0.0.1',
    defaultPort: '8000',
    bindUnknown: hasFlag(parsed, '-u', '--unix-socket', '--fd', '-e', '--endpoint'),
  };
}

function waitress(command: SimpleCommand, program: string, args: readonly Word[]): Launch {
  const parsed = parseOptions(args, WAITRESS);
  const appWord = singlePositional(parsed);
  const listen = allOptions(parsed, '--listen');
  const last = listen[listen.length - 1];
  const split = last ? splitBindWord(last) : undefined;
  return {
    ...base(command, program, 'server'),
    server: 'waitress',
    app: appWord ? parseAppRef(appWord, undefined, hasFlag(parsed, '--call')) : undefined,
    pathInserts: [{ dir: '.', origin: 'waitress-serve' }],
    host: lastOption(parsed, '--host') ?? split?.host,
    port: lastOption(parsed, '--port') ?? split?.port,
    binds: listen,
    // waitress listens on all interfaces, port 8080, by default.
    defaultHost: '0.0.0.0',
    defaultPort: '8080',
    bindUnknown: hasFlag(parsed, '--unix-socket'),
  };
}

function granian(command: SimpleCommand, program: string, args: readonly Word[]): Launch {
  const parsed = parseOptions(args, GRANIAN);
  const appWord = singlePositional(parsed);
  const workingDir = lastOption(parsed, '--working-dir');
  return {
    ...base(command, program, 'server'),
    server: 'granian',
    app: appWord ? parseAppRef(appWord, undefined, hasFlag(parsed, '--factory')) : undefined,
    pathInserts: [{ dir: workingDir?.value ?? '.', origin: workingDir ? '--working-dir' : 'granian', word: workingDir?.word }],
    host: lastOption(parsed, '--host'),
    port: lastOption(parsed, '--port'),
    binds: [],
    defaultHost: '127.0.0.1',
    defaultPort: '8000',
    bindUnknown: false,
  };
}

function flask(command: SimpleCommand, program: string, args: readonly Word[]): Launch | undefined {
  // `flask [--app x] run [options]`: global options come before the sub-command.
  const runIndex = args.findIndex((w) => w.value === 'run');
  if (runIndex < 0) return base(command, program, 'task');
  const global = parseOptions(args.slice(0, runIndex), FLASK_GLOBAL);
  const run = parseOptions(args.slice(runIndex + 1), FLASK_RUN);
  const appOption = lastOption(global, '-A', '--app');
  const envApp = command.env.get('FLASK_APP');
  const appWord = appOption?.word ?? envApp;
  const app = appWord ? parseAppRef(appWord, 'app', false) : undefined;
  const envHost = command.env.get('FLASK_RUN_HOST');
  const envPort = command.env.get('FLASK_RUN_PORT');
  return {
    ...base(command, program, 'server'),
    server: 'flask',
    app: app && !app.text.endsWith('.py') ? app : undefined,
    pathInserts: [{ dir: '.', origin: 'flask' }],
    host: lastOption(run, '-h', '--host'),
    port: lastOption(run, '-p', '--port'),
    binds: [],
    defaultHost: envHost !== undefined ? envHost.value : '127.0.0.1',
    defaultPort: envPort !== undefined ? envPort.value : '5000',
    bindUnknown: false,
  };
}

function interpretPython(command: SimpleCommand, program: string, args: readonly Word[]): Launch | undefined {
  let ignoresPythonPath = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const v = word.value;
    if (v === undefined) return undefined;
    if (v === '-m' || (v.startsWith('-m') && v.length > 2 && !v.startsWith('--'))) {
      const moduleWord = v === '-m' ? args[i + 1] : word;
      const name = v === '-m' ? moduleWord?.value : v.slice(2);
      if (!moduleWord || name === undefined) return undefined;
      const rest = args.slice(v === '-m' ? i + 2 : i + 1);
      const viaServer = MODULE_SERVERS[name];
      if (viaServer) {
        const inner = viaServer === 'gunicorn' ? gunicorn(command, program, rest, true) : viaServer === 'uvicorn' ? uvicorn(command, program, rest, true) : interpretProgram(command, viaServer, rest);
        if (!inner) return undefined;
        const inserts = inner.pathInserts.some((p) => p.origin === 'python -m') ? inner.pathInserts : [...inner.pathInserts, { dir: '.', origin: 'python -m' }];
        return { ...inner, program: `${program} -m ${name}`, ignoresPythonPath, pathInserts: inserts };
      }
      return { ...base(command, program, 'module'), module: { name, word: moduleWord }, pathInserts: [{ dir: '.', origin: 'python -m' }], ignoresPythonPath };
    }
    if (v === '-c' || v === '-') return undefined;
    if (v === '-E' || v === '-I' || /^-[a-zA-Z]*[EI]/.test(v)) ignoresPythonPath = true;
    if (v.startsWith('-')) {
      if (PYTHON_VALUE.has(v)) i++;
      continue;
    }
    // Absolute paths stay absolute (`python /app/main.py` in an image); relative ones are tidied.
    const path = v.startsWith('/') ? `/${normalizePath(v)}` : normalizePath(v);
    if (!path.endsWith('.py') && !/^[A-Za-z0-9_./-]+$/.test(path)) return undefined;
    const scriptDir = dirname(path) || (path.startsWith('/') ? '/' : '.');
    if (basename(path) === 'manage.py') return django(command, program, args.slice(i + 1), { path, word, dir: scriptDir, ignoresPythonPath });
    return { ...base(command, program, 'script'), script: { path, word }, pathInserts: [{ dir: scriptDir, origin: 'script' }], ignoresPythonPath };
  }
  return undefined;
}

/** `python manage.py runserver [addrport]` (a server) or another management command (a task). */
function django(
  command: SimpleCommand,
  program: string,
  args: readonly Word[],
  script: { path: string; word: Word; dir: string; ignoresPythonPath: boolean } | undefined,
): Launch {
  const sub = args.find((w) => !w.value?.startsWith('-'));
  const shared = {
    script: script ? { path: script.path, word: script.word } : undefined,
    pathInserts: [{ dir: script?.dir ?? '.', origin: script ? 'script' : 'django-admin' }],
    ignoresPythonPath: script?.ignoresPythonPath ?? false,
  };
  if (sub?.value !== 'runserver') return { ...base(command, program, 'task'), ...shared };
  const rest = args.slice(args.indexOf(sub) + 1).filter((w) => !w.value?.startsWith('-'));
  // `runserver [addr:]port`: a lone port (a number, or a single variable such as `$PORT`), else an address.
  const bind: OptionValue | undefined = rest[0] && { value: rest[0].value, word: rest[0], option: rest[0], valueStart: rest[0].range.start };
  const portOnly = bind !== undefined && (bind.value === undefined ? bind.word.parts.length === 1 : /^\d+$/.test(bind.value));
  const { host, port } = !bind ? { host: undefined, port: undefined } : portOnly ? { host: undefined, port: bind } : splitBindWord(bind);
  const ipv6 = args.some((w) => w.value === '-6' || w.value === '--ipv6');
  return {
    ...base(command, program, 'server'),
    ...shared,
    server: 'django',
    host: host?.value === '0' ? { ...host, value: '0.0.0.0' } : host,
    port,
    binds: bind ? [bind] : [],
    defaultHost: ipv6 ? '::1' : '127.0.0.1',
    defaultPort: '8000',
    bindUnknown: false,
  };
}

/** The app reference: the only positional, and only when every option was understood. */
function singlePositional(parsed: ParsedOptions): Word | undefined {
  if (parsed.positionals.length !== 1) return parsed.unknownOption ? undefined : parsed.positionals[parsed.positionals.length - 1];
  return parsed.positionals[0];
}

