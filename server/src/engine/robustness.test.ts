import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { memoryFiles, type ProjectFiles } from './files';
import { fileKindOf } from './kinds';
import { diskFiles } from '../node/disk-files';
import { testEngine } from '../node/testing';

/** A deterministic pseudo-random generator, so failures reproduce. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz ABCDEF:=$"\'{}[]()\\/.-_#&|;\n\n\t\r$PORT${}<>@%0123456789';

function noise(rand: () => number, length: number, alphabet = ALPHABET): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
  return out;
}

function binary(rand: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(Math.floor(rand() * 65536));
  return out;
}

describe('the engine never throws or hangs', () => {
  test('random text and binary in every kind of file', async () => {
    const engine = await testEngine();
    for (let seed = 1; seed <= 25; seed++) {
      const rand = random(seed);
      const make = seed % 2 ? (n: number) => noise(rand, n) : (n: number) => binary(rand, n);
      const tree = {
        Procfile: `web: ${make(200)}\n${make(300)}`,
        'railway.toml': `[deploy]\nstartCommand = "${make(100)}"\n${make(200)}`,
        'railway.json': `{"deploy": {"startCommand": "${make(100)}"}}${make(50)}`,
        Dockerfile: `FROM python\n${make(500)}\nCMD ${make(100)}`,
        'app.py': make(1000),
        'svc/requirements.txt': make(50),
        'svc/main.py': `from ${make(20)} import x\n${make(300)}`,
      };
      const errors: string[] = [];
      const started = performance.now();
      engine.analyze(memoryFiles(tree), { onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) });
      assert.deepEqual(errors, [], `seed ${seed}`);
      assert.ok(performance.now() - started < 3000, `seed ${seed} took too long`);
    }
  });

  test('start commands built from shell metacharacters', async () => {
    const engine = await testEngine();
    const rand = random(99);
    const pieces = ['gunicorn', 'uvicorn', 'python', '-m', 'sh', '-c', "'", '"', '$PORT', '${PORT:-8000}', '&&', ';', '|', 'cd', 'x', 'app:app', '--bind', '0.0.0.0:', '\\', 'exec', 'env', 'A=1', '(', ')', '`', '$('];
    for (let i = 0; i < 150; i++) {
      const words = Array.from({ length: 2 + Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]);
      const command = words.join(rand() < 0.5 ? ' ' : '');
      const errors: string[] = [];
      engine.analyze(
        memoryFiles({
          Procfile: `web: ${command}\n`,
          'railway.toml': `[deploy]\nstartCommand = ${JSON.stringify(command)}\n`,
          Dockerfile: `FROM python\nWORKDIR /app\nCOPY . .\nCMD ${JSON.stringify(command.split(' '))}\n`,
          'app.py': 'app = 1\n',
        }),
        { onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) },
      );
      assert.deepEqual(errors, [], command);
    }
  });

  test('big inputs: a 10 000-line Dockerfile and a 5 MB Python file', async () => {
    const engine = await testEngine();
    const dockerfile = ['FROM python:3.12', 'WORKDIR /app', ...Array.from({ length: 10_000 }, (_, i) => `ENV K${i}=${i}`), 'COPY . .', 'CMD gunicorn app:app'].join('\n');
    const started = performance.now();
    engine.analyze(memoryFiles({ Dockerfile: dockerfile, 'app.py': `app = 1\n${'x = 1\n'.repeat(900_000)}` }));
    assert.ok(performance.now() - started < 10_000);
  });
});

describe('analysing one file', () => {
  const examples = fileURLToPath(new URL('../../../examples', import.meta.url));
  const projects: { name: string; files: ProjectFiles }[] = [
    ...readdirSync(examples, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => ({ name: d.name, files: diskFiles(`${examples}/${d.name}`) })),
    {
      name: 'every kind of file',
      files: memoryFiles({
        Procfile: 'release: python manage.py migrate\nweb: uvicorn main:app --port 8000\nWorker: celery -A tasks worker\n',
        'railway.toml': '[build]\nbuilder = "nixpacks"\nbuildCommand = "python manage.py migrate"\n[deploy]\nstartComand = "x"\nhealthcheckPath = "health"\ncronSchedule = "* * * *"\nrestartPolicyType = "NEVER"\nrestartPolicyMaxRetries = 3\n',
        'api/railway.json': '{"build": {"builder": "DOCKERFILE", "dockerfilePath": "Dockerfile.prod"}, "deploy": {"startCommand": "gunicorn app:application --bind 127.0.0.1:$PORT"}}',
        'api/requirements.txt': 'gunicorn\n',
        'api/app.py': 'from shared.util import x\napp = 1\n',
        'shared/__init__.py': '',
        'shared/util.py': 'x = 1\n',
        Dockerfile: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "Main:app", "--bind", "0.0.0.0:$PORT"]\n',
        'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
        'start.sh': 'cd src && python run.py\n',
        'worker/requirements.txt': 'requests\n',
        'worker/Procfile': 'web: python app.py\n',
        'worker/app.py': 'from shared.util import x\n',
      }),
    },
  ];

  test('gives the findings of the whole project in that file, each in a file of a kind its rule declares', async () => {
    const engine = await testEngine();
    const kinds = new Map(engine.rules.map((r) => [r.id, r.fileKinds]));
    const now = new Date(Date.UTC(2026, 0, 1));
    for (const { name, files } of projects) {
      const all = engine.analyze(files, { now });
      assert.ok(all.length, `${name}: expected findings`);
      for (const f of all) assert.ok(kinds.get(f.ruleId)?.includes(fileKindOf(f.file)!), `${name}: ${f.ruleId} reports in ${f.file}, a kind it does not declare`);
      for (const file of new Set(all.map((f) => f.file))) {
        const alone = engine.analyze(files, { now, onlyFiles: [file] });
        assert.deepEqual(alone, all.filter((f) => f.file === file), `${name}: ${file}`);
      }
    }
  });
});
