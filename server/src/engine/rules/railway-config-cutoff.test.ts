import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { memoryFiles } from '../files';
import { applyFix, crlf, testEngine, textAt } from '../../node/testing';

const RULE = 'railway-config-cutoff';

async function check(tree: Record<string, string>, now: string) {
  const engine = await testEngine();
  return engine.analyze(memoryFiles(tree), { now: new Date(now) }).filter((f) => f.ruleId === RULE);
}

const toml = {
  'railway.toml': '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "Dockerfile.web"\n\n[deploy]\nstartCommand = "gunicorn app:app --bind 0.0.0.0:$PORT"\nhealthcheckPath = "/health"\nhealthcheckTimeout = 60\nrestartPolicyType = "ON_FAILURE"\n\n[environments.staging.deploy]\nstartCommand = "gunicorn app:app --reload"\n',
};

describe('railway-config-cutoff', () => {
  test('before 2026-12-01: a warning with the days left, tagged deprecated', async () => {
    const [f] = await check(toml, '2026-11-22T10:00:00Z');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /2026-12-01 \(in 9 days\)/);
    assert.deepEqual(f.tags, ['deprecated']);
    assert.equal(textAt(toml, f), '[build]');
  });

  test('from 2026-12-01: an error', async () => {
    const [f] = await check(toml, '2026-12-01T00:00:00Z');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /has not read/);
  });

  test('the migration writes .railway/railway.ts and keeps the old file', async () => {
    const [f] = await check(toml, '2026-11-22T10:00:00Z');
    const fix = f.fixes[0];
    assert.equal(fix.title, 'Migrate to .railway/railway.ts');
    assert.equal(fix.isPreferred, undefined);
    const migrated = applyFix(toml, fix);
    assert.equal(migrated['railway.toml'], toml['railway.toml']);
    const ts = migrated['.railway/railway.ts'];
    assert.match(ts, /import \{ defineRailway, project, service \} from "railway\/iac";/);
    assert.match(ts, /start: ctx.environment === "staging" \? "gunicorn app:app --reload" : "gunicorn app:app --bind 0\.0\.0\.0:\$PORT"/);
    assert.match(ts, /healthcheck: "\/health"/);
    assert.match(ts, /healthcheckTimeout: 60/);
    assert.match(ts, /env: \{ RAILWAY_DOCKERFILE_PATH: "Dockerfile.web" \}/);
    assert.match(ts, /not carried over.*restartPolicyType = "ON_FAILURE"/);
  });

  test('railway.json and a project that already has .railway/railway.ts', async () => {
    const json = { 'railway.json': '{\n  "deploy": {"startCommand": "uvicorn main:app"}\n}\n' };
    const [f] = await check(json, '2026-11-22T10:00:00Z');
    assert.equal(f.fixes.length, 1);
    const [g] = await check({ ...json, '.railway/railway.ts': 'export default 1;\n' }, '2026-11-22T10:00:00Z');
    assert.equal(g.fixes.length, 0);
    assert.match(g.message, /already has/);
  });

  test('no finding without a Railway config; CRLF files too', async () => {
    assert.deepEqual(await check({ Procfile: 'web: gunicorn app:app\n' }, '2026-11-22T10:00:00Z'), []);
    const [f] = await check(crlf(toml), '2026-11-22T10:00:00Z');
    assert.equal(f.severity, 'warning');
  });
});
