#!/usr/bin/env node
// Captures real failure output of broken Python web apps into test/fixtures/logs/captured/, as fixtures for the
// deploy-log analyzer. It runs the Debian builds of gunicorn, uvicorn, Flask, FastAPI and Django against small
// apps broken on purpose (a missing module, a wrong app attribute, an unexpanded `$PORT`, a busy port, a failing
// lifespan startup, Django host and settings errors, a syntax error, loopback binds) and saves what they print.
//
// CI does not run this: the captured files are committed. To refresh them (Debian/Ubuntu, as root):
//   apt-get update && apt-get install -y gunicorn uvicorn python3-flask python3-fastapi python3-django
//   node scripts/capture-logs.mjs
// Paths of the temporary project folder are replaced with /app (where Railway and Heroku run apps), so the
// files hold no machine-specific paths.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, 'test', 'fixtures', 'logs', 'captured');
const PYTHON = '/usr/bin/python3';
const GUNICORN = '/usr/bin/gunicorn';
const UVICORN = '/usr/bin/uvicorn';

function checkTools() {
  const missing = [];
  for (const [name, path] of [['python3', PYTHON], ['gunicorn', GUNICORN], ['uvicorn', UVICORN]]) {
    if (spawnSync(path, ['--version'], { encoding: 'utf8' }).error) missing.push(name);
  }
  const modules = spawnSync(PYTHON, ['-c', 'import flask, fastapi, django'], { encoding: 'utf8' });
  if (modules.status !== 0) missing.push('python3-flask / python3-fastapi / python3-django');
  if (missing.length) {
    console.error(`capture-logs: missing ${missing.join(', ')}.`);
    console.error('Install them with: apt-get update && apt-get install -y gunicorn uvicorn python3-flask python3-fastapi python3-django');
    process.exit(2);
  }
}

function write(dir, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

let nextPort = 18000 + Math.floor(Math.random() * 2000);
const port = () => nextPort++;

/** Runs a command, kills it after `seconds` (SIGTERM, as a platform stop would), returns stdout+stderr interleaved. */
function run(cmd, args, { cwd, env = {}, seconds = 6 }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', PYTHONUNBUFFERED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), seconds * 1000);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
}

async function request(url, host) {
  // A request with a Host header the app does not allow (Node's fetch forbids setting Host; use a raw socket).
  const { connect } = await import('node:net');
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(u.port), u.hostname, () => socket.end(`GET ${u.pathname} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    socket.on('data', () => {});
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const FLASK_APP = 'from flask import Flask\n\napplication = Flask(__name__)\n\n\n@application.get("/health")\ndef health():\n    return "ok"\n';
const FASTAPI_APP = 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n';

const scenarios = {
  // `python backend/src/main.py` puts backend/src on sys.path, not the project root (research §1.6).
  'script-missing-module': async (dir) => {
    write(dir, { 'backend/__init__.py': '', 'backend/core.py': 'VALUE = 1\n', 'backend/src/main.py': 'from backend.core import VALUE\n\nprint(VALUE)\n' });
    return run(PYTHON, ['backend/src/main.py'], { cwd: dir });
  },
  // gunicorn started in backend/ while the code imports `backend.…` (seed 000's shape).
  'gunicorn-worker-missing-module': async (dir) => {
    write(dir, { 'backend/__init__.py': '', 'backend/app.py': FLASK_APP, 'backend/wsgi.py': 'from backend.app import application as app\n' });
    return run(GUNICORN, ['--bind', `0.0.0.0:${port()}`, 'wsgi:app'], { cwd: join(dir, 'backend') });
  },
  'gunicorn-wrong-attribute': async (dir) => {
    write(dir, { 'app.py': FLASK_APP });
    return run(GUNICORN, ['--bind', `0.0.0.0:${port()}`, 'app:app'], { cwd: dir });
  },
  // An exec-form CMD passes `$PORT` literally.
  'gunicorn-port-literal': async (dir) => {
    write(dir, { 'app.py': FLASK_APP });
    return run(GUNICORN, ['--bind', '0.0.0.0:$PORT', 'app:application'], { cwd: dir });
  },
  // No PORT and no --bind: gunicorn listens on 127.0.0.1:8000.
  'gunicorn-loopback': async (dir) => {
    write(dir, { 'app.py': FLASK_APP });
    return run(GUNICORN, ['app:application'], { cwd: dir, seconds: 3 });
  },
  'gunicorn-port-in-use': async (dir) => {
    write(dir, { 'app.py': FLASK_APP });
    const p = port();
    const first = spawn(GUNICORN, ['--bind', `0.0.0.0:${p}`, 'app:application'], { cwd: dir, env: { PATH: '/usr/bin:/bin' }, stdio: 'ignore' });
    await sleep(1500);
    const text = await run(GUNICORN, ['--bind', `0.0.0.0:${p}`, 'app:application'], { cwd: dir, seconds: 12 });
    first.kill('SIGTERM');
    return text;
  },
  'gunicorn-syntax-error': async (dir) => {
    write(dir, { 'app.py': 'from flask import Flask\n\napplication = Flask(__name__\n\n\n@application.get("/")\ndef index():\n    return "ok"\n' });
    return run(GUNICORN, ['--bind', `0.0.0.0:${port()}`, 'app:application'], { cwd: dir });
  },
  'gunicorn-missing-env-var': async (dir) => {
    write(dir, { 'app.py': `import os\n\n${FLASK_APP}\napplication.config["DATABASE_URL"] = os.environ["DATABASE_URL"]\n` });
    return run(GUNICORN, ['--bind', `0.0.0.0:${port()}`, 'app:application'], { cwd: dir });
  },
  'uvicorn-module-not-found': async (dir) => {
    write(dir, { 'main.py': FASTAPI_APP });
    return run(UVICORN, ['api.main:app', '--port', String(port())], { cwd: dir });
  },
  'uvicorn-attribute-not-found': async (dir) => {
    write(dir, { 'main.py': FASTAPI_APP });
    return run(UVICORN, ['main:application', '--port', String(port())], { cwd: dir });
  },
  'uvicorn-port-literal': async (dir) => {
    write(dir, { 'main.py': FASTAPI_APP });
    return run(UVICORN, ['main:app', '--host', '0.0.0.0', '--port', '$PORT'], { cwd: dir });
  },
  'uvicorn-loopback': async (dir) => {
    write(dir, { 'main.py': FASTAPI_APP });
    return run(UVICORN, ['main:app', '--port', String(port())], { cwd: dir, seconds: 3 });
  },
  'uvicorn-port-in-use': async (dir) => {
    write(dir, { 'main.py': FASTAPI_APP });
    const p = port();
    const first = spawn(UVICORN, ['main:app', '--port', String(p)], { cwd: dir, env: { PATH: '/usr/bin:/bin' }, stdio: 'ignore' });
    await sleep(2000);
    const text = await run(UVICORN, ['main:app', '--port', String(p)], { cwd: dir, seconds: 5 });
    first.kill('SIGTERM');
    return text;
  },
  // A startup handler that needs a variable the service does not have.
  'uvicorn-lifespan-failure': async (dir) => {
    write(dir, {
      'main.py': 'import os\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.on_event("startup")\nasync def connect():\n    app.state.redis_url = os.environ["REDIS_URL"]\n',
    });
    return run(UVICORN, ['main:app', '--host', '0.0.0.0', '--port', String(port())], { cwd: dir });
  },
  'django-disallowed-host': async (dir) => {
    django(dir, { debug: true, allowed: "['localhost']" });
    const p = port();
    const server = run(PYTHON, ['manage.py', 'runserver', '--noreload', `0.0.0.0:${p}`], { cwd: dir, seconds: 6 });
    await sleep(2500);
    await request(`http://127.0.0.1:${p}/`, 'web-production-1234.up.railway.app');
    return server;
  },
  // Settings that insist on a variable, the way django-environ and hand-written settings do.
  'django-improperly-configured': async (dir) => {
    django(dir, { debug: false, allowed: "['*']", secret: 'required("SECRET_KEY")' });
    return run(GUNICORN, ['--bind', `0.0.0.0:${port()}`, 'mysite.wsgi'], { cwd: dir });
  },
  'django-collectstatic-no-static-root': async (dir) => {
    django(dir, { debug: false, allowed: "['*']", apps: "['django.contrib.staticfiles']" });
    write(dir, { 'assets/site.css': 'body { margin: 0 }\n', 'mysite/__init__.py': '' });
    writeFileSync(join(dir, 'mysite', 'settings.py'), `${readFileSync(join(dir, 'mysite', 'settings.py'), 'utf8')}STATICFILES_DIRS = [os.path.join(os.path.dirname(os.path.dirname(__file__)), "assets")]\n`);
    return run(PYTHON, ['manage.py', 'collectstatic', '--noinput'], { cwd: dir });
  },
  // The start command names a module that does not exist where gunicorn starts.
  'gunicorn-module-not-found': async (dir) => {
    write(dir, { 'app.py': FLASK_APP });
    return run(GUNICORN, ['--bind', `0.0.0.0:${port()}`, 'api.main:app'], { cwd: dir });
  },
};

function django(dir, { debug, allowed, secret = "'capture-only-not-a-secret'", apps = '[]' }) {
  write(dir, {
    'manage.py': '#!/usr/bin/env python3\nimport os\nimport sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n',
    'mysite/__init__.py': '',
    'mysite/settings.py':
      'import os\n\nfrom django.core.exceptions import ImproperlyConfigured\n\n\ndef required(name):\n    try:\n        return os.environ[name]\n    except KeyError:\n        raise ImproperlyConfigured(f"Set the {name} environment variable")\n\n\n' +
      `SECRET_KEY = ${secret}\nDEBUG = ${debug ? 'True' : 'False'}\nALLOWED_HOSTS = ${allowed}\nROOT_URLCONF = "mysite.urls"\nINSTALLED_APPS = ${apps}\nMIDDLEWARE = ["django.middleware.common.CommonMiddleware"]\nDATABASES = {}\nSTATIC_URL = "/static/"\nUSE_TZ = True\n`,
    'mysite/urls.py': 'from django.http import HttpResponse\nfrom django.urls import path\n\nurlpatterns = [path("", lambda request: HttpResponse("ok"))]\n',
    'mysite/wsgi.py': 'import os\n\nfrom django.core.wsgi import get_wsgi_application\n\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\napplication = get_wsgi_application()\n',
  });
}

/** Neutral paths and stable numbers: the temp folder becomes /app; pids and ports stay (they are what logs show). */
function neutral(text, dir) {
  return text.split(dir).join('/app').replace(/\/tmp\/deploy-doctor-capture-[A-Za-z0-9]+/g, '/app');
}

async function main() {
  checkTools();
  mkdirSync(out, { recursive: true });
  const only = process.argv.slice(2);
  for (const [name, scenario] of Object.entries(scenarios)) {
    if (only.length && !only.includes(name)) continue;
    const dir = mkdtempSync(join(tmpdir(), 'deploy-doctor-capture-'));
    try {
      const text = neutral(await scenario(dir), dir);
      writeFileSync(join(out, `${name}.log`), text);
      console.log(`${name}: ${text.split('\n').length} lines`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
