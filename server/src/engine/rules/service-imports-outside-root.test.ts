import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crlf, findings, tabbed, textAt } from '../../node/testing';

const RULE = 'service-imports-outside-root';
const check = (tree: Record<string, string>) => findings(tree, RULE);

/** The layout of seed 002: a Railpack service folder importing the repo-level `src` package. */
const seed = {
  'railway.json': '{"build": {"builder": "RAILPACK"}}\n',
  'health-service/requirements.txt': 'fastapi\nredis\n',
  'health-service/main.py': 'import os\nimport sys\n\nfrom src.config import Config\n',
  'src/__init__.py': '',
  'src/config.py': 'class Config:\n    pass\n',
  'Dockerfile.health': 'FROM python:3.11-slim\nWORKDIR /app\nCOPY . /app\nENV PYTHONPATH=/app:/app/src\nCMD ["python", "/app/health-service/main.py"]\n',
};

describe('service-imports-outside-root', () => {
  test('the seed 002 layout: flagged at the import', async () => {
    const [f] = await check(seed);
    assert.equal(f.file, 'health-service/main.py');
    assert.equal(textAt(seed, f), 'src.config');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /No module named 'src'/);
    assert.match(f.message, /dockerfilePath/);
  });

  test('the fix the seed used (build from the root Dockerfile) clears it', async () => {
    const fixed = { ...seed, 'health-service/railway.toml': '[build]\nbuilder = "DOCKERFILE"\ndockerfilePath = "../Dockerfile.health"\n\n[deploy]\nstartCommand = "python /app/health-service/main.py"\n' };
    assert.deepEqual(await check(fixed), []);
    // Only the config-as-code cutoff notice remains: the seed's file is a Railway config.
    assert.deepEqual((await findings(fixed)).map((f) => f.ruleId).filter((id) => id !== 'railway-config-cutoff'), []);
  });

  test('imports that stay inside the service folder are fine', async () => {
    assert.deepEqual(await check({ 'api/requirements.txt': 'fastapi\n', 'api/main.py': 'from routes import router\n', 'api/routes.py': 'router = 1\n' }), []);
  });

  test('the repository root is not a service folder', async () => {
    assert.deepEqual(await check({ 'requirements.txt': 'x\n', 'main.py': 'from src.config import Config\n', 'src/__init__.py': '', 'src/config.py': '' }), []);
  });

  test('CRLF and tab variants', async () => {
    const [f] = await check(crlf(seed));
    assert.equal(f.file, 'health-service/main.py');
    const [g] = await check(tabbed(seed, 'health-service/main.py', /^from/));
    assert.equal(g.file, 'health-service/main.py');
  });
});
