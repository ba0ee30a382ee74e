import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { memoryFiles } from '../files';
import { testEngine } from '../../node/testing';

async function at(file: string, textWithCursor: string, extra: Record<string, string> = {}) {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const engine = await testEngine();
  const files = memoryFiles({ [file]: text, ...extra });
  return { engine, files, offset, text };
}

describe('hover and completion in railway.toml and railway.json', () => {
  test('hover on a key: description, default and docs link', async () => {
    const { engine, files, offset } = await at('railway.toml', '[deploy]\nhealthcheck|Timeout = 60\n');
    const hover = engine.hover(files, 'railway.toml', offset)!;
    assert.match(hover.markdown, /\*\*deploy\.healthcheckTimeout\*\*/);
    assert.match(hover.markdown, /Default: `300`/);
    assert.match(hover.markdown, /docs\.railway\.com/);
  });

  test('hover still works while the TOML file does not parse', async () => {
    const { engine, files, offset, text } = await at('railway.toml', '[deploy]\nrestartPolicyType = "NE|VER"\nstartCommand = "unterminated\n');
    const hover = engine.hover(files, 'railway.toml', offset)!;
    assert.match(hover.markdown, /Allowed: `ON_FAILURE`, `ALWAYS`, `NEVER`/);
    assert.equal(text.slice(hover.range.start, hover.range.end), '"NEVER"');
    const key = await at('railway.toml', '[deploy]\nhealthcheck|Path = \nbroken = [\n');
    assert.match(key.engine.hover(key.files, 'railway.toml', key.offset)!.markdown, /\*\*deploy\.healthcheckPath\*\*/);
  });

  test('hover on an enum value lists the allowed values; environment overrides say so', async () => {
    const { engine, files, offset } = await at('railway.json', '{"environments": {"staging": {"deploy": {"restartPolicyType": "NE|VER"}}}}');
    const hover = engine.hover(files, 'railway.json', offset)!;
    assert.match(hover.markdown, /Allowed: `ON_FAILURE`, `ALWAYS`, `NEVER`/);
    assert.match(hover.markdown, /`staging` environment only/);
  });

  test('TOML key completion in [deploy] on a half-typed line, without keys already there', async () => {
    const { engine, files, offset } = await at('railway.toml', '[deploy]\nstartCommand = "x"\nhealth|');
    const items = engine.completion(files, 'railway.toml', offset);
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('healthcheckPath'));
    assert.ok(!labels.includes('startCommand'));
    assert.ok(!labels.includes('builder'));
    assert.equal(items.find((i) => i.label === 'healthcheckPath')?.insertText, 'healthcheckPath = ');
  });

  test('TOML completion and hover read lines as the editor does: CRLF and lone CR too', async () => {
    for (const eol of ['\r\n', '\r']) {
      const values = await at('railway.toml', `[build]${eol}builder = "|`);
      assert.ok(values.engine.completion(values.files, 'railway.toml', values.offset).some((i) => i.label === 'RAILPACK'), JSON.stringify(eol));
      const keys = await at('railway.toml', `[deploy]${eol}startCommand = "x"${eol}health|`);
      const labels = keys.engine.completion(keys.files, 'railway.toml', keys.offset).map((i) => i.label);
      assert.ok(labels.includes('healthcheckPath') && !labels.includes('startCommand'), JSON.stringify(eol));
      const hover = await at('railway.toml', `[deploy]${eol}restartPolicyType = "NE|VER"${eol}broken = [${eol}`);
      assert.match(hover.engine.hover(hover.files, 'railway.toml', hover.offset)!.markdown, /Allowed: `ON_FAILURE`/);
    }
  });

  test('TOML enum value completion and table names', async () => {
    const values = await at('railway.toml', '[build]\nbuilder = "|');
    assert.deepEqual(values.engine.completion(values.files, 'railway.toml', values.offset).map((i) => i.label), ['RAILPACK', 'DOCKERFILE', 'NIXPACKS', 'HEROKU', 'PAKETO']);
    const tables = await at('railway.toml', '[dep|');
    assert.ok(tables.engine.completion(tables.files, 'railway.toml', tables.offset).some((i) => i.label === 'deploy'));
  });

  test('a value typed after an opening quote also replaces the closing quote the editor inserted', async () => {
    for (const [file, textWithCursor] of [['railway.toml', '[deploy]\nrestartPolicyType = "ON|"\n'], ['railway.json', '{"deploy": {"restartPolicyType": "ON|"}}']]) {
      const { engine, files, offset, text } = await at(file, textWithCursor);
      const item = engine.completion(files, file, offset).find((i) => i.label === 'ON_FAILURE')!;
      const after = text.slice(0, item.range.start) + item.insertText + text.slice(item.range.end);
      assert.ok(after.includes('"ON_FAILURE"') && !after.includes('"ON_FAILURE""'), after);
    }
  });

  test('TOML key completion does not offer $schema (a JSON convention)', async () => {
    const { engine, files, offset } = await at('railway.toml', '|\n[deploy]\n');
    assert.ok(!engine.completion(files, 'railway.toml', offset).some((i) => i.label === '$schema'));
  });

  test('JSON key, value and $schema completion', async () => {
    const keys = await at('railway.json', '{"deploy": {"|"}}');
    assert.ok(keys.engine.completion(keys.files, 'railway.json', keys.offset).some((i) => i.label === 'startCommand' && i.insertText === '"startCommand"'));
    const value = await at('railway.json', '{"deploy": {"restartPolicyType": |}}');
    assert.deepEqual(value.engine.completion(value.files, 'railway.json', value.offset).map((i) => i.insertText), ['"ON_FAILURE"', '"ALWAYS"', '"NEVER"']);
    const schema = await at('railway.json', '{"$schema": |}');
    assert.equal(schema.engine.completion(schema.files, 'railway.json', schema.offset)[0].label, 'https://railway.com/railway.schema.json');
  });

  test('dockerfilePath is a link to the Dockerfile', async () => {
    const { engine, files, text } = await at('svc/railway.toml', '[build]\ndockerfilePath = "docker/web.Dockerfile"|\n', { 'svc/docker/web.Dockerfile': 'FROM python\n' });
    const [link] = engine.documentLinks(files, 'svc/railway.toml');
    assert.equal(link.target, 'svc/docker/web.Dockerfile');
    assert.equal(text.slice(link.range.start, link.range.end), 'docker/web.Dockerfile');
  });
});

describe('deploy plan view', () => {
  test('services with their builder, effective start command and shadowed sources', async () => {
    const engine = await testEngine();
    const plan = engine.deployPlan(
      memoryFiles({
        'railway.toml': '[deploy]\nstartCommand = "gunicorn app:app"\nhealthcheckPath = "/health"\n',
        Procfile: 'web: python app.py\n',
        'app.py': 'app = 1\n',
      }),
    );
    const [service] = plan.services;
    assert.equal(service.builder, 'RAILPACK');
    assert.equal(service.start?.command, 'gunicorn app:app');
    assert.equal(service.start?.location?.file, 'railway.toml');
    assert.deepEqual(service.start?.launches, [{ program: 'gunicorn', server: 'gunicorn', app: 'app:app' }]);
    assert.equal(service.others[0].label, 'the `web` process in Procfile');
    assert.match(service.others[0].shadowedBy ?? '', /railway\.toml/);
    assert.equal(service.healthcheck?.path, '/health');
  });

  test('an exec-form CMD is shown as a shell would read it, $PORT quoted as the literal it is', async () => {
    const engine = await testEngine();
    const plan = engine.deployPlan(memoryFiles({ Dockerfile: 'FROM python:3.12\nENTRYPOINT ["gunicorn"]\nCMD ["--bind", "0.0.0.0:$PORT", "app:app"]\n', 'app.py': 'app = 1\n' }));
    assert.equal(plan.services[0].start?.command, "gunicorn --bind '0.0.0.0:$PORT' app:app");
  });
});

