import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diagnoseLog } from './index';
import { SIGNATURES, signaturesByFamily } from './signatures/index';
import type { Family } from './signatures/types';

type Expect = { cause?: string; symptom?: string; values?: Record<string, string> };

/** Per family: lines that must be recognised (with what), and lines that must not produce anything. */
const CASES: Record<Family, { positive: [string, Expect][]; negative: string[] }> = {
  python: {
    positive: [
      ["ModuleNotFoundError: No module named 'flask'", { cause: 'module_not_found_missing_dependency', values: { module: 'flask' } }],
      ['ImportError: attempted relative import with no known parent package', { cause: 'wrong_app_module_path' }],
      ["ImportError: libpq.so.5: cannot open shared object file: No such file or directory", { cause: 'missing_system_package_build', values: { library: 'libpq.so.5' } }],
      ["KeyError: 'DATABASE_URL'", { cause: 'missing_env_var', values: { variable: 'DATABASE_URL' } }],
      ['OSError: [Errno 98] Address already in use', { cause: 'address_in_use' }],
      [" * Running on http://127.0.0.1:5000", { cause: 'port_not_bound_or_wrong_host', values: { server: 'flask' } }],
    ],
    negative: ['KeyError handled, retrying', 'INFO: all good', ' * Running on http://10.0.0.5:5000', 'SystemExit: 0'],
  },
  gunicorn: {
    positive: [
      ["Failed to find attribute 'app' in 'main'.", { cause: 'wrong_app_attribute', values: { attribute: 'app', module: 'main' } }],
      ["gunicorn.errors.AppImportError: Failed to find attribute 'app' in 'app'.", { cause: 'wrong_app_attribute', values: { module: 'app' } }],
      ["Failed to parse \"'app.server'\" as an attribute name or function call.", { cause: 'wrong_app_attribute' }],
      ["Failed to find application, did you mean 'main:app'?", { cause: 'wrong_app_module_path', values: { module: 'main', attribute: 'app' } }],
      ["Error: '$PORT' is not a valid port number.", { cause: 'exec_form_no_env_expansion', values: { variable: 'PORT' } }],
      ['[2020-09-12 05:37:52 +0000] [18] [CRITICAL] WORKER TIMEOUT (pid:42)', { cause: 'worker_timeout', values: { pid: '42' } }],
      ['[2020-09-12 05:37:52 +0000] [18] [ERROR] Worker (pid:42) was sent SIGKILL! Perhaps out of memory?', { cause: 'out_of_memory' }],
      ["[2020-09-12 05:37:52 +0000] [18] [ERROR] Connection in use: ('0.0.0.0', 8000)", { cause: 'address_in_use', values: { port: '8000' } }],
      ['[2020-09-12 05:37:52 +0000] [18] [INFO] Listening at: http://127.0.0.1:8000 (18)', { cause: 'port_not_bound_or_wrong_host', values: { host: '127.0.0.1', port: '8000' } }],
      ['[2020-09-12 05:37:52 +0000] [18] [INFO] Reason: Worker failed to boot.', { symptom: 'worker_failed_to_boot' }],
      ["Error: class uri 'uvicorn.workers.UvicornWorker' invalid or not found:", { cause: 'module_not_found_missing_dependency', values: { module: 'uvicorn' } }],
    ],
    negative: ['[2020-09-12 05:37:52 +0000] [18] [INFO] Listening at: http://0.0.0.0:8080 (18)', 'Booting worker with pid: 19', 'Worker exiting (pid: 19)'],
  },
  uvicorn: {
    positive: [
      ['ERROR:    Error loading ASGI app. Could not import module "main".', { cause: 'wrong_app_module_path', values: { module: 'main' } }],
      ['ERROR:    Error loading ASGI app. Attribute "app" not found in module "main".', { cause: 'wrong_app_attribute', values: { attribute: 'app' } }],
      ['ERROR:    Error loading ASGI app. Import string "main" must be in format "<module>:<attribute>".', { cause: 'wrong_app_module_path' }],
      ["Error: Invalid value for '--port': '$PORT' is not a valid integer.", { cause: 'exec_form_no_env_expansion', values: { variable: 'PORT' } }],
      ["Error: Invalid value for '--port': 'tcp://10.96.0.12:8000' is not a valid integer.", { cause: 'k8s_service_env_collision' }],
      ['INFO:     Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)', { cause: 'port_not_bound_or_wrong_host', values: { server: 'uvicorn' } }],
      ["ERROR:    [Errno 98] error while attempting to bind on address ('0.0.0.0', 8000): address already in use", { cause: 'address_in_use' }],
      ["ERROR:    [Errno 99] error while attempting to bind on address ('::', 8000, 0, 0): cannot assign requested address", { cause: 'ipv6_bind_unavailable' }],
      ['ERROR:    Application startup failed. Exiting.', { cause: 'startup_crash_in_lifespan' }],
    ],
    negative: ['INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)', 'INFO:     Application startup complete.', 'INFO:     Uvicorn running on http://[::]:8080'],
  },
  railway: {
    positive: [
      ['Attempt #2 failed with status 404: Not Found. Continuing to retry for 4m37s', { cause: 'healthcheck_path_wrong', values: { status: '404' } }],
      ['Attempt #1 failed with status 400: Invalid host header. Continuing to retry for 4m54s', { cause: 'django_allowed_hosts', values: { host: 'healthcheck.railway.app' } }],
      ['Attempt #1 failed with status 308: . Continuing to retry for 4m54s', { cause: 'healthcheck_path_wrong' }],
      ['Attempt #1 failed with service unavailable. Continuing to retry for 4m49s', { symptom: 'healthcheck_failed' }],
      ['1/1 replicas never became healthy!', { symptom: 'healthcheck_failed' }],
      ['Application failed to respond', { symptom: 'app_failed_to_respond' }],
      ['Railpack could not determine how to build the app.', { cause: 'monorepo_root_directory_isolation', values: { builder: 'railpack' } }],
      ['✖ No start command was found.', { cause: 'no_web_process' }],
      ['The executable `gunicorn` could not be found.', { cause: 'executable_not_on_path', values: { executable: 'gunicorn' } }],
      ['Container failed to start', { symptom: 'container_exited' }],
    ],
    negative: ['[1/1] Healthcheck succeeded!', 'Starting Container', 'Path: /health'],
  },
  heroku: {
    positive: [
      ['heroku[router]: at=error code=H10 desc="App crashed" method=GET path="/" host=myapp.herokuapp.com fwd=17.17.17.17 dyno= connect= service= status=503 bytes=', { symptom: 'http_503', values: { code: 'H10' } }],
      ['heroku[router]: at=error code=H12 desc="Request timeout" method=GET path="/" dyno=web.1 connect=6ms service=30001ms status=503 bytes=0', { symptom: 'request_timeout' }],
      ['heroku[router]: at=error code=H14 desc="No web processes running" method=GET path="/" dyno= connect= service= status=503 bytes=', { cause: 'no_web_process' }],
      ['heroku[router]: at=error code=H20 desc="App boot timeout" method=GET path="/"', { symptom: 'boot_timeout' }],
      ['heroku[router]: at=error code=H21 desc="Backend connection refused"', { symptom: 'http_503' }],
      ['heroku[router]: at=error code=H13 desc="Connection closed without response" status=503 bytes=0', { symptom: 'http_503' }],
      ['heroku[web.1]: Error R10 (Boot timeout) -> Web process failed to bind to $PORT within 60 seconds of launch', { cause: 'port_not_bound_or_wrong_host' }],
      ['heroku[web.1]: Error R14 (Memory quota exceeded)', { cause: 'out_of_memory', values: { code: 'R14' } }],
      ['heroku[web.1]: Error R15 (Memory quota vastly exceeded)', { cause: 'out_of_memory', values: { code: 'R15' } }],
      [" !     Requested runtime 'python-3.8.10' is not available for this stack (heroku-22).", { cause: 'python_version_mismatch', values: { runtime: 'python-3.8.10' } }],
      [' !     Error: The requested Python version 3.999 isn\'t recognised.', { cause: 'python_version_mismatch' }],
      [' !     The heroku-20 stack is deprecated and will reach end-of-life', { cause: 'deprecated_stack', values: { stack: 'heroku-20' } }],
      [' !     Push rejected, failed to compile Python app.', { symptom: 'build_failed' }],
    ],
    negative: ['heroku[router]: at=info method=GET path="/" host=myapp.herokuapp.com status=200 bytes=12', 'heroku[web.1]: State changed from starting to up', '-----> Building on the Heroku-22 stack'],
  },
  build: {
    positive: [
      ['ERROR: No matching distribution found for flask==99.0', { cause: 'pip_install_failure', values: { package: 'flask' } }],
      ['error: externally-managed-environment', { cause: 'virtualenv_not_activated' }],
      ['    Error: pg_config executable not found.', { cause: 'missing_system_package_build', values: { systemPackage: 'libpq-dev' } }],
      ["ERROR: Package 'x' requires a different Python: 3.8.10 not in '>=3.10'", { cause: 'python_version_mismatch', values: { requiresPython: '>=3.10' } }],
      ['error: No interpreter found for Python 3.14 in managed installations or search path', { cause: 'python_version_mismatch' }],
      ["ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'requirements.txt'", { cause: 'pip_install_failure', values: { path: 'requirements.txt' } }],
      ['ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref abc::xyz: "/shared": not found', { cause: 'monorepo_root_directory_isolation', values: { path: '/shared' } }],
      ['ERROR: failed to solve: process "/bin/sh -c pip install -r requirements.txt" did not complete successfully: exit code: 1', { symptom: 'build_failed' }],
    ],
    negative: ['Successfully installed flask-3.0.0', 'Collecting psycopg2-binary==2.9.9'],
  },
  database: {
    positive: [
      ['psycopg2.OperationalError: connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused', { cause: 'database_unreachable', values: { host: 'localhost', variable: 'DATABASE_URL' } }],
      ['could not translate host name "postgres.railway.internal" to address: Name or service not known', { cause: 'private_network_dns_or_ipv6', values: { host: 'postgres.railway.internal' } }],
      ['could not translate host name "db.example.com" to address: Temporary failure in name resolution', { cause: 'database_unreachable' }],
      ["sqlalchemy.exc.NoSuchModuleError: Can't load plugin: sqlalchemy.dialects:postgres", { cause: 'database_unreachable', values: { scheme: 'postgres://' } }],
      ['redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.', { cause: 'database_unreachable', values: { service: 'redis', variable: 'REDIS_URL' } }],
      ['redis.exceptions.ConnectionError: Error -2 connecting to redis.railway.internal:6379. Name or service not known.', { cause: 'private_network_dns_or_ipv6' }],
      ['Error: getaddrinfo ENOTFOUND redis.railway.internal', { cause: 'private_network_dns_or_ipv6' }],
      ['FATAL:  password authentication failed for user "postgres"', { cause: 'database_unreachable', values: { user: 'postgres' } }],
      ["sqlalchemy.exc.ArgumentError: Could not parse SQLAlchemy URL from string ''", { cause: 'missing_env_var', values: { variable: 'DATABASE_URL' } }],
    ],
    negative: ['Connected to postgres.railway.internal:5432', 'redis connection pool ready'],
  },
  alembic: {
    positive: [
      ["alembic.util.exc.CommandError: Can't locate revision identified by 'ae1027a6acf'", { cause: 'migration_failure', values: { revision: 'ae1027a6acf' } }],
      ["Multiple head revisions are present for given argument 'head'; please specify a specific target revision", { cause: 'migration_failure' }],
      ['ERROR [alembic.util.messaging] Target database is not up to date.', { cause: 'migration_failure' }],
      ['django.db.utils.ProgrammingError: relation "accounts_user" does not exist', { cause: 'migration_failure', values: { table: 'accounts_user' } }],
    ],
    negative: ['INFO  [alembic.runtime.migration] Running upgrade  -> ae1027a6acf, init'],
  },
  django: {
    positive: [
      ["django.core.exceptions.DisallowedHost: Invalid HTTP_HOST header: 'x.up.railway.app'. You may need to add 'x.up.railway.app' to ALLOWED_HOSTS.", { cause: 'django_allowed_hosts', values: { host: 'x.up.railway.app' } }],
      ["django.core.exceptions.ImproperlyConfigured: You're using the staticfiles app without having set the STATIC_ROOT setting to a filesystem path.", { cause: 'static_files_not_collected' }],
      ['django.core.exceptions.ImproperlyConfigured: Set the SECRET_KEY environment variable', { cause: 'missing_env_var', values: { variable: 'SECRET_KEY' } }],
      ['django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.', { cause: 'missing_env_var', values: { variable: 'SECRET_KEY' } }],
      ["django.core.exceptions.ImproperlyConfigured: Error loading psycopg2 module: No module named 'psycopg2'", { cause: 'module_not_found_missing_dependency', values: { module: 'psycopg2' } }],
      ["ValueError: Missing staticfiles manifest entry for 'css/main.css'", { cause: 'static_files_not_collected', values: { path: 'css/main.css' } }],
      ['Starting development server at http://127.0.0.1:8000/', { cause: 'port_not_bound_or_wrong_host', values: { server: 'runserver' } }],
    ],
    negative: ['Starting development server at http://0.0.0.0:8000/', 'System check identified no issues (0 silenced).'],
  },
  cors: {
    positive: [
      ["Access to fetch at 'https://api.x.app/login' from origin 'https://x.app' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.", { symptom: 'cors_error', values: { origin: 'https://x.app' } }],
      ["Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.x.app/login.", { symptom: 'cors_error' }],
      ['GET https://api.x.app/ net::ERR_FAILED 502 (Bad Gateway)', { symptom: 'http_502' }],
    ],
    negative: ['GET https://api.x.app/ 200 OK', 'CORS_ALLOWED_ORIGINS = ["https://x.app"]'],
  },
  kubernetes: {
    positive: [
      ['api-7d9f8b6c5-x2x4z    0/1     CrashLoopBackOff   5 (2m ago)    10m', { symptom: 'crash_loop' }],
      ['      Reason:       OOMKilled', { cause: 'out_of_memory' }],
      ['  Warning  Unhealthy  3m  kubelet  Readiness probe failed: HTTP probe failed with statuscode: 404', { cause: 'healthcheck_path_wrong', values: { status: '404' } }],
      ['  Warning  Unhealthy  3m  kubelet  Liveness probe failed: Get "http://10.1.2.3:8000/health": dial tcp 10.1.2.3:8000: connect: connection refused', { symptom: 'healthcheck_failed' }],
      ["ValueError: invalid literal for int() with base 10: 'tcp://10.96.0.1:5432'", { cause: 'k8s_service_env_collision' }],
      ['  Warning  Failed  1m  kubelet  Error: couldn\'t find key DATABASE_URL in Secret default/app-secrets', { cause: 'missing_env_var', values: { variable: 'DATABASE_URL' } }],
    ],
    negative: ['api-7d9f8b6c5-x2x4z    1/1     Running   0          10m', '      Exit Code:    0'],
  },
  docker: {
    positive: [
      ['exec /usr/local/bin/gunicorn: exec format error', { cause: 'image_platform_mismatch' }],
      ['/bin/sh: 1: [gunicorn,: not found', { cause: 'malformed_exec_form', values: { token: '[gunicorn,' } }],
      ['/bin/sh: 1: gunicorn: not found', { cause: 'executable_not_on_path', values: { executable: 'gunicorn' } }],
      ['/bin/bash: line 1: uvicorn: command not found', { cause: 'executable_not_on_path', values: { executable: 'uvicorn' } }],
      ['docker: Error response from daemon: exec: "gunicorn": executable file not found in $PATH: unknown.', { cause: 'executable_not_on_path' }],
      ["python: can't open file '/app/main.py': [Errno 2] No such file or directory", { cause: 'wrong_app_module_path', values: { path: '/app/main.py' } }],
      ['Bind for 0.0.0.0:8000 failed: port is already allocated', { cause: 'address_in_use', values: { port: '8000' } }],
    ],
    negative: ['#5 [2/6] WORKDIR /app', 'Successfully tagged app:latest'],
  },
  hosting: {
    positive: [
      ['[error] instance refused connection. is your app listening on 0.0.0.0:8080? make sure it is not only listening on 127.0.0.1', { cause: 'port_not_bound_or_wrong_host', values: { expected: '0.0.0.0:8080' } }],
      ['WARNING The app is not listening on the expected address and will not be reachable by fly-proxy.', { cause: 'port_not_bound_or_wrong_host' }],
      ['==> Port scan timeout reached, no open ports detected. Bind your service to at least one port.', { cause: 'port_not_bound_or_wrong_host', values: { platform: 'render' } }],
    ],
    negative: ['==> Your service is live', '==> Detected service running on port 10000'],
  },
};

describe('signature catalog', () => {
  test('ids are unique, every family has signatures, every signature has literals', () => {
    const ids = SIGNATURES.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    const families = signaturesByFamily();
    for (const family of Object.keys(CASES) as Family[]) assert.ok((families.get(family)?.length ?? 0) > 0, family);
    for (const s of SIGNATURES) {
      assert.ok(s.literals.length > 0, s.id);
      assert.ok(s.id.startsWith(`${s.family}.`), s.id);
    }
  });

  for (const [family, { positive, negative }] of Object.entries(CASES)) {
    describe(family, () => {
      for (const [line, expect] of positive) {
        test(`finds: ${line.slice(0, 90)}`, () => {
          const d = diagnoseLog(line);
          if (expect.cause) {
            assert.equal(d.causes[0]?.category, expect.cause, JSON.stringify(d.causes.map((c) => c.category)));
            for (const [k, v] of Object.entries(expect.values ?? {})) assert.equal(d.causes[0].values[k], v, k);
            assert.deepEqual(d.causes[0].locations, []);
            assert.deepEqual(d.causes[0].fixes, []);
            assert.ok(d.causes[0].evidence.some((e) => e.line === 1));
          } else if (expect.symptom) {
            assert.equal(d.causes.length, 0, JSON.stringify(d.causes.map((c) => c.category)));
            assert.ok(d.symptoms.some((s) => s.id === expect.symptom), JSON.stringify(d.symptoms.map((s) => s.id)));
            const s = d.symptoms.find((x) => x.id === expect.symptom)!;
            for (const [k, v] of Object.entries(expect.values ?? {})) assert.equal(s.values?.[k], v, k);
          } else {
            assert.equal(d.causes.length, 0);
            assert.ok(d.symptoms.length > 0);
          }
        });
      }
      for (const line of negative) {
        test(`ignores: ${line.slice(0, 90)}`, () => {
          const d = diagnoseLog(line);
          assert.deepEqual([...d.causes.map((c) => c.category), ...d.symptoms.map((s) => s.id)], []);
        });
      }
    });
  }
});
