import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import ts from 'typescript';
import type { Grammars } from '../grammars';
import { memoryFiles } from '../files';
import { nodeGrammars } from '../../node/grammars';
import { applyFix, findings, testEngine, textAt } from '../../node/testing';
import { parseIac } from './parse';

let g: Grammars;
before(async () => {
  g = await nodeGrammars();
});

const documented = `import { defineRailway, github, project, service } from "railway/iac";

export default defineRailway((ctx) => {
  const prod = ctx.environment === "production";
  const api = service("api", {
    source: github("acme/monorepo", { rootDirectory: "apps/api" }),
    build: "pip install -r requirements.txt",
    start: ctx.environment === "production" ? "gunicorn app:app" : 'uvicorn main:app --reload',
    healthcheck: "/health",
    healthcheckTimeout: 30,
    env: { RAILWAY_DOCKERFILE_PATH: "Dockerfile.api", JWT_SECRET: preserve() },
  });
  const worker = service("worker", { source: image("ghcr.io/acme/worker:latest") });
  return project("acme", { resources: [api, worker] });
});
`;

describe('.railway/railway.ts', () => {
  test('services, sources, literal values and environment branches', () => {
    const file = parseIac(g.typescript!, '.railway/railway.ts', documented);
    assert.equal(file.hasError, false);
    const [api, worker] = file.services;
    assert.equal(api.name, 'api');
    assert.equal(api.rootDirectory?.value, 'apps/api');
    assert.deepEqual(api.start.map((s) => [s.value, s.environment]), [
      ['gunicorn app:app', 'production'],
      ['uvicorn main:app --reload', '!production'],
    ]);
    assert.equal(api.healthcheck[0].value, '/health');
    assert.equal(api.healthcheckTimeout?.value, 30);
    assert.equal(api.env.get('RAILWAY_DOCKERFILE_PATH')?.value, 'Dockerfile.api');
    assert.equal(api.env.has('JWT_SECRET'), false);
    assert.equal(worker.image, true);
    const start = api.start[0];
    assert.equal(documented.slice(start.text.toSource(9), start.text.toSource(16)), 'app:app');
  });

  test('escapes that decode to two UTF-16 units keep the offsets after them exact', () => {
    const text = 'service("web", { start: "echo \\u{1F600} && gunicorn app:app" });';
    const start = parseIac(g.typescript!, '.railway/railway.ts', text).services[0].start[0];
    const i = start.value.indexOf('app:app');
    assert.equal(text.slice(start.text.toSource(i), start.text.toSource(i + 7)), 'app:app');
  });

  test('start commands get the same checks, at the exact range inside the string', async () => {
    const tree = {
      '.railway/railway.ts': 'import { defineRailway, project, service } from "railway/iac";\nexport default defineRailway(() => {\n  const web = service("web", { start: "uvicorn main:app --port 8000" });\n  return project("app", { resources: [web] });\n});\n',
      'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    };
    const found = await findings(tree);
    const byRule = Object.fromEntries(found.map((f) => [f.ruleId, f]));
    assert.equal(textAt(tree, byRule['host-not-reachable']), 'main:app');
    assert.equal(textAt(tree, byRule['port-not-from-env']), '8000');
    const fixed = applyFix(tree, byRule['host-not-reachable'].fixes[0]);
    assert.match(fixed['.railway/railway.ts'], /start: "uvicorn main:app --port 8000 --host 0\.0\.0\.0"/);
    assert.equal((await findings(fixed, 'host-not-reachable')).length, 0);
  });

  test('a Dockerfile service runs the start command without a shell', async () => {
    const tree = {
      '.railway/railway.ts': 'const web = service("web", {\n  start: "gunicorn app:app --bind 0.0.0.0:$PORT",\n  env: { RAILWAY_DOCKERFILE_PATH: "docker/web.Dockerfile" },\n});\n',
      'docker/web.Dockerfile': 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "app:app"]\n',
      'app.py': 'app = 1\n',
    };
    const [f] = await findings(tree, 'exec-form-env-not-expanded');
    assert.equal(textAt(tree, f), '$PORT');
    const fixed = applyFix(tree, f.fixes[0]);
    assert.match(fixed['.railway/railway.ts'], /start: "sh -c 'exec gunicorn app:app --bind 0\.0\.0\.0:\$\{PORT\}'"/);
  });

  test('migrating railway.toml keeps the findings, now inside railway.ts; the output is valid TypeScript', async () => {
    const tree = {
      'railway.toml': '[deploy]\nstartCommand = "uvicorn main:app --port 8000"\nhealthcheckPath = "/health"\n',
      'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    };
    const engine = await testEngine();
    const before = engine.analyze(memoryFiles(tree), { now: new Date('2026-11-22T00:00:00Z') });
    const cutoff = before.find((f) => f.ruleId === 'railway-config-cutoff')!;
    const migrated = applyFix(tree, cutoff.fixes[0]);
    const source = ts.createSourceFile('railway.ts', migrated['.railway/railway.ts'], ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    assert.deepEqual((source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics, []);
    delete migrated['railway.toml'];
    const after = engine.analyze(memoryFiles(migrated));
    const rules = (list: typeof before) => list.filter((f) => f.ruleId !== 'railway-config-cutoff').map((f) => [f.ruleId, f.severity]);
    assert.deepEqual(rules(after), rules(before));
    assert.ok(after.every((f) => f.file === '.railway/railway.ts'));
    assert.equal(textAt(migrated, after.find((f) => f.ruleId === 'port-not-from-env')!), '8000');
  });

  test('broken TypeScript does not stop the analysis', async () => {
    const tree = { '.railway/railway.ts': 'const web = service("web", { start: "uvicorn main:app' };
    assert.ok(Array.isArray(await findings(tree)));
  });
});
