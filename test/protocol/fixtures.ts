/** Files shared by the protocol tests: a small, correct Flask project, so only the broken file under test is reported. */

export const FLASK_APP = 'from flask import Flask\n\napp = Flask(__name__)\n';

/** A workspace in which `web: gunicorn app:app` is a correct start command. */
export const healthyProject: Readonly<Record<string, string>> = {
  'app.py': FLASK_APP,
  'requirements.txt': 'flask\ngunicorn\n',
};

/** The same, with a `worker.py` for a `worker: python worker.py` line. */
export const projectWithWorker: Readonly<Record<string, string>> = { ...healthyProject, 'worker.py': 'print("working")\n' };

/** The Procfile line every test breaks the same way: no space after `web:`. */
export const BAD_PROCFILE = 'web:gunicorn app:app\n';
export const GOOD_PROCFILE = 'web: gunicorn app:app\n';
