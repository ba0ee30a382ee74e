// Generated inputs for the benchmark: a 40-line and a 5 000-line Dockerfile of the kind real Python services
// have (multi-stage, RUN/COPY/ENV/ARG with line continuations, a CMD at the end), the workspace the language
// servers open them in, and a 2 000-file repository for the CLI. Deterministic: the same text on every run.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A 40-line Dockerfile for a Flask/gunicorn service. `variant` > 0 gives the same service with other names and
 * values (stage, folders, versions, port, workers): what a language server does with it is the same, but nearly
 * every instruction's text differs, so nothing parsed for another variant can be reused.
 */
export function smallDockerfile(variant = 0) {
  const v = variant ? `-${variant}` : '';
  const port = 8000 + variant;
  const lines = [
    '# syntax=docker/dockerfile:1',
    `ARG PYTHON_VERSION=3.${12 - (variant % 3)}`,
    '',
    `FROM python:\${PYTHON_VERSION}-slim AS builder${v}`,
    'ENV PIP_NO_CACHE_DIR=1 \\',
    `    PIP_DISABLE_PIP_VERSION_CHECK=${1 + variant}`,
    `WORKDIR /build${v}`,
    'RUN apt-get update \\',
    `    && apt-get install -y --no-install-recommends build-essential libpq-dev${variant ? ` libffi-dev${v}` : ''} \\`,
    '    && rm -rf /var/lib/apt/lists/*',
    'COPY requirements.txt .',
    `RUN pip wheel --wheel-dir /wheels${v} -r requirements.txt`,
    '',
    `FROM python:\${PYTHON_VERSION}-slim AS runtime${v}`,
    `ARG APP_USER=app${v}`,
    'ENV PYTHONDONTWRITEBYTECODE=1 \\',
    '    PYTHONUNBUFFERED=1 \\',
    `    PORT=${port}`,
    'RUN apt-get update \\',
    `    && apt-get install -y --no-install-recommends libpq5 curl${variant ? ` ca-certificates${v}` : ''} \\`,
    '    && rm -rf /var/lib/apt/lists/* \\',
    '    && useradd --create-home --shell /usr/sbin/nologin ${APP_USER}',
    `WORKDIR /app${v}`,
    `COPY --from=builder${v} /wheels${v} /wheels${v}`,
    `RUN pip install --no-cache-dir /wheels${v}/* && rm -rf /wheels${v}`,
    'COPY . .',
    `RUN python -m compileall -q /app${v}`,
    `LABEL org.opencontainers.image.title="api${v}" \\`,
    '      org.opencontainers.image.source="https://example.invalid/api"',
    'USER ${APP_USER}',
    `EXPOSE ${port}`,
    `HEALTHCHECK --interval=${30 + variant}s --timeout=5s --retries=3 \\`,
    '    CMD curl -fsS http://localhost:${PORT}/health || exit 1',
    '',
    '# gunicorn reads $PORT through the shell form below',
    `ENV WEB_CONCURRENCY=${2 + variant}`,
    'STOPSIGNAL SIGTERM',
    '',
    '# start the web process',
    `CMD gunicorn app:app --bind 0.0.0.0:$PORT --workers $WEB_CONCURRENCY${variant ? ` --timeout ${30 + variant}` : ''}`,
  ];
  if (lines.length !== 40) throw new Error(`small Dockerfile has ${lines.length} lines`);
  return `${lines.join('\n')}\n`;
}

/** One build stage's worth of instructions (about 60 lines), varied by `n`. */
function stageBlock(n) {
  const lines = [
    `# ---- stage ${n}: vendor build for component ${n} ----`,
    `FROM base AS component-${n}`,
    `ARG COMPONENT_${n}_VERSION=1.${n % 10}.${n % 7}`,
    `ENV COMPONENT_${n}_HOME=/opt/component-${n} \\`,
    `    COMPONENT_${n}_LOG_LEVEL=info \\`,
    `    COMPONENT_${n}_WORKERS=${(n % 4) + 1}`,
    `WORKDIR /opt/component-${n}`,
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends \\',
    '        build-essential \\',
    '        libffi-dev \\',
    '        libpq-dev \\',
    '        libssl-dev \\',
    '    && rm -rf /var/lib/apt/lists/*',
    `COPY requirements/component-${n}.txt /tmp/requirements.txt`,
    'RUN pip install --no-cache-dir --prefix=/install -r /tmp/requirements.txt \\',
    '    && find /install -name "*.pyc" -delete',
  ];
  for (let i = 0; i < 8; i++) {
    lines.push(
      `ENV FEATURE_${n}_${i}_ENABLED=true \\`,
      `    FEATURE_${n}_${i}_TIMEOUT=${10 + i}`,
      `ARG BUILD_${n}_${i}=${n * 10 + i}`,
      `COPY src/component_${n}/module_${i}.py /opt/component-${n}/module_${i}.py`,
      `RUN python -m py_compile /opt/component-${n}/module_${i}.py \\`,
      `    && echo "compiled module ${i} of component ${n}"`,
    );
  }
  lines.push(`LABEL component.${n}.maintainer="team-${n % 5}@example.invalid"`, '');
  return lines;
}

/**
 * A generated Dockerfile of exactly `lineCount` lines: a base stage, many build stages, a runtime stage with a CMD
 * last. `variant` > 0 numbers the build stages from another offset: the same file for a language server, but
 * every stage's instructions read differently, so nothing parsed for another variant can be reused.
 */
export function largeDockerfile(lineCount = 5000, variant = 0) {
  const first = 1 + variant * 1000;
  const head = [
    '# syntax=docker/dockerfile:1',
    'ARG PYTHON_VERSION=3.12',
    'FROM python:${PYTHON_VERSION}-slim AS base',
    'ENV PYTHONDONTWRITEBYTECODE=1 \\',
    '    PYTHONUNBUFFERED=1 \\',
    '    PIP_NO_CACHE_DIR=1',
    'WORKDIR /app',
    '',
  ];
  const tail = [
    '# ---- runtime ----',
    'FROM base AS runtime',
    'RUN useradd --create-home --shell /usr/sbin/nologin app',
    `COPY --from=component-${first} /install /usr/local`,
    'COPY . /app',
    'ENV PORT=8000',
    'USER app',
    'EXPOSE 8000',
    'HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://localhost:${PORT}/health || exit 1',
    'CMD gunicorn app:app --bind 0.0.0.0:$PORT --workers 4 --timeout 60',
  ];
  const lines = [...head];
  for (let n = first; ; n++) {
    const block = stageBlock(n);
    if (lines.length + block.length + tail.length > lineCount) break;
    lines.push(...block);
  }
  while (lines.length + tail.length < lineCount) lines.push(`# padding ${lines.length}`);
  lines.push(...tail);
  return `${lines.join('\n')}\n`;
}

/**
 * The text after edit `i`: one line changed. Edits walk over the ENV continuation lines (`FEATURE_n_i_TIMEOUT=`)
 * spread through the file, so each one touches a different instruction and keeps the file valid.
 */
export function editedLines(lines, i) {
  const candidates = editableLines(lines);
  const at = candidates[(i * 7919) % candidates.length];
  const copy = lines.slice();
  copy[at] = copy[at].replace(/=(\d+|true|false|info|[\w.]+)(\s*\\?)$/, `=${100 + i}$2`);
  if (copy[at] === lines[at]) copy[at] = `${lines[at]} `;
  return copy;
}

const editableCache = new WeakMap();
function editableLines(lines) {
  let list = editableCache.get(lines);
  if (!list) {
    list = [];
    lines.forEach((l, i) => {
      if (/^\s*(ENV |ARG )?[A-Z][A-Z0-9_]*=[^\s]+(\s*\\)?$/.test(l)) list.push(i);
    });
    editableCache.set(lines, list);
  }
  return list;
}

/** Writes `files` (relative path → text) under `root`. */
export function writeTree(root, files) {
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, ...path.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

const flaskApp = 'import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n';

/** The folder both language servers get as their workspace: the two Dockerfiles and the app they start. */
export function lspWorkspace(root) {
  writeTree(root, {
    Dockerfile: largeDockerfile(),
    'small/Dockerfile': smallDockerfile(),
    'small/app.py': flaskApp,
    'small/requirements.txt': 'flask==3.0.3\ngunicorn==22.0.0\n',
    'app.py': flaskApp,
    'requirements.txt': 'flask==3.0.3\ngunicorn==22.0.0\n',
    // What the benchmark opens first to see that a server reports a known problem at all.
    'probe/Procfile': 'web:gunicorn app:app\n',
    'probe/app.py': flaskApp,
  });
}

/**
 * A repository of `fileCount` files for `deploy-doctor check`: Procfile, Dockerfile, railway.toml and a
 * requirements file at the root, a Flask app in `app/`, and Python packages under `services/` whose modules
 * import each other.
 */
export function largeRepo(root, fileCount = 2000) {
  const files = {
    Procfile: 'web: gunicorn app.main:app --bind 0.0.0.0:$PORT --workers 2\nworker: celery -A services.pkg_0.tasks worker\n',
    Dockerfile: smallDockerfile().replace('gunicorn app:app', 'gunicorn app.main:app'),
    'railway.toml': '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "Dockerfile"\n\n[deploy]\nstartCommand = "sh -c \'exec gunicorn app.main:app --bind 0.0.0.0:$PORT\'"\nhealthcheckPath = "/health"\nhealthcheckTimeout = 100\nrestartPolicyType = "ON_FAILURE"\n',
    'requirements.txt': 'flask==3.0.3\ngunicorn==22.0.0\ncelery==5.4.0\n',
    'README.md': '# service\n',
    'app/__init__.py': '',
    'app/main.py': `${flaskApp}\nfrom services.pkg_0 import module_0  # noqa: E402\n`,
  };
  const perPackage = 50;
  let made = Object.keys(files).length;
  for (let p = 0; made < fileCount; p++) {
    files[`services/pkg_${p}/__init__.py`] = `"""Package ${p}."""\n`;
    made++;
    for (let m = 0; m < perPackage - 1 && made < fileCount; m++, made++) {
      const other = (p + m) % Math.max(1, p + 1);
      files[`services/pkg_${p}/module_${m}.py`] = [
        `"""Module ${m} of package ${p}."""`,
        'import json',
        'import os',
        'from dataclasses import dataclass',
        '',
        `from services.pkg_${other} import module_${(m + 1) % (perPackage - 1)} as sibling  # noqa: F401`,
        '',
        `TIMEOUT = int(os.environ.get("PKG_${p}_TIMEOUT", "${m + 5}"))`,
        '',
        '',
        '@dataclass',
        `class Record${m}:`,
        '    key: str',
        '    value: int = 0',
        '',
        '    def to_json(self) -> str:',
        '        return json.dumps({"key": self.key, "value": self.value})',
        '',
        '',
        `def handle_${m}(payload: dict) -> Record${m}:`,
        `    return Record${m}(key=str(payload.get("key")), value=int(payload.get("value", 0)))`,
        '',
      ].join('\n');
    }
  }
  writeTree(root, files);
  return Object.keys(files).length;
}
