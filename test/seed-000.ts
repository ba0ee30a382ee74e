/**
 * Seed incident 000, shared by the CLI and protocol tests of log analysis: gunicorn started with `--chdir server`
 * cannot import the project's own `backend` package, the worker fails to boot and Railway's healthcheck fails.
 * The log carries a database URL with a password, which every report must mask.
 */

/** The password in the log's database URL: it must appear in no output. */
export const SEED_PASSWORD = 's3cr3t-Passw0rd';

const DATABASE_URL = `postgresql://app_user:${SEED_PASSWORD}@containers-us-west-1.railway.app:5432/railway`;

/** What Railway printed (deploy, then healthcheck), lines joined with \n and ending in one. */
export const SEED_LOG = [
  'Starting Container',
  `DATABASE_URL=${DATABASE_URL}`,
  '[2026-07-03 15:02:33 +0000] [1] [INFO] Starting gunicorn 22.0.0',
  '[2026-07-03 15:02:33 +0000] [1] [INFO] Listening at: http://0.0.0.0:8080 (1)',
  '[2026-07-03 15:02:33 +0000] [1] [INFO] Using worker: sync',
  '[2026-07-03 15:02:33 +0000] [7] [INFO] Booting worker with pid: 7',
  '[2026-07-03 15:02:33 +0000] [7] [ERROR] Exception in worker process',
  'Traceback (most recent call last):',
  '  File "/opt/venv/lib/python3.11/site-packages/gunicorn/arbiter.py", line 609, in spawn_worker',
  '    worker.init_process()',
  '  File "/opt/venv/lib/python3.11/site-packages/gunicorn/util.py", line 371, in import_app',
  '    mod = importlib.import_module(module)',
  '  File "/app/server/wsgi.py", line 1, in <module>',
  `    from backend.factory import create_app  # uses ${DATABASE_URL}`,
  "ModuleNotFoundError: No module named 'backend'",
  '[2026-07-03 15:02:33 +0000] [7] [INFO] Worker exiting (pid: 7)',
  '[2026-07-03 15:02:34 +0000] [1] [ERROR] Worker (pid:7) exited with code 3',
  '[2026-07-03 15:02:34 +0000] [1] [ERROR] Shutting down: Master',
  '[2026-07-03 15:02:34 +0000] [1] [ERROR] Reason: Worker failed to boot.',
  '====================',
  'Starting Healthcheck',
  '====================',
  'Path: /healthz',
  'Retry window: 5m0s',
  'Attempt #1 failed with service unavailable. Continuing to retry for 4m49s',
  'Attempt #2 failed with service unavailable. Continuing to retry for 4m38s',
  '1/1 replicas never became healthy!',
  'Healthcheck failed!',
  '',
].join('\n');

/** The 1-based line of the log that says what failed. */
export const SEED_ERROR_LINE = SEED_LOG.split('\n').findIndex((line) => line.startsWith('ModuleNotFoundError')) + 1;

/** A log of the same deploy that went well: nothing failed. */
export const CLEAN_LOG = 'Starting Container\n[2026-07-03 15:02:33 +0000] [1] [INFO] Listening at: http://0.0.0.0:8080 (1)\n';

export const SEED_PROCFILE = 'web: gunicorn --chdir server wsgi:app --workers 2 --timeout 30 --bind 0.0.0.0:$PORT\n';

/** The project the log came from (paths relative to its root). */
export const SEED_PROJECT: Readonly<Record<string, string>> = {
  Procfile: SEED_PROCFILE,
  'server/wsgi.py': 'from backend.factory import create_app\n\napp = create_app()\n',
  'backend/__init__.py': '',
  'backend/factory.py': 'def create_app():\n    pass\n',
  'requirements.txt': 'flask\ngunicorn\n',
};
