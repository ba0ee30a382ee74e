import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diagnoseLog } from './index';
import { redact } from './redact';

describe('redaction', () => {
  const cases: [string, string, number][] = [
    ['postgres://app:s3cr3tPass@db.internal:5432/app', 'postgres://app:****@db.internal:5432/app', 1],
    ['redis://:hunter2hunter2@redis.railway.internal:6379', 'redis://:****@redis.railway.internal:6379', 1],
    ['amqp://guest:guest@rabbit:5672/', 'amqp://guest:****@rabbit:5672/', 1],
    ['STRIPE_SECRET_KEY=sk_live_51HabcdefGHIJKLmnop', 'STRIPE_SECRET_KEY=sk_live_****', 1],
    ['key sk_test_4eC39HqLyjWDarjtT1zdp7dc and rk_live_abcdefghij', 'key sk_test_**** and rk_live_****', 2],
    ['STRIPE_WEBHOOK_SECRET=whsec_abcdefghijklmnop', 'STRIPE_WEBHOOK_SECRET=whsec_****', 1],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'token eyJ****', 1],
    ['Authorization: Bearer abcdef0123456789abcdef', 'Authorization: Bearer ****', 1],
    ['AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', 'AWS_ACCESS_KEY_ID=AKIA****', 1],
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = ****', 1],
    ['SECRET_KEY=django-insecure-abc123', 'SECRET_KEY=****', 1],
    ['DB_PASSWORD: "pa55word"', 'DB_PASSWORD: "****"', 1],
    ['{"api_key": "abc123def456", "name": "web"}', '{"api_key": "****", "name": "web"}', 1],
    ['GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'GITHUB_TOKEN=****', 1],
    ['OPENAI_API_KEY=sk-proj-abc', 'OPENAI_API_KEY=****', 1],
    ['DATABASE_URL=${{Postgres.DATABASE_URL}}', 'DATABASE_URL=${{Postgres.DATABASE_URL}}', 0],
    ["KeyError: 'SECRET_KEY'", "KeyError: 'SECRET_KEY'", 0],
    ['PORT=8080 HOST=0.0.0.0', 'PORT=8080 HOST=0.0.0.0', 0],
  ];
  for (const [input, output, count] of cases) {
    test(input, () => {
      const r = redact(input);
      assert.equal(r.text, output);
      assert.equal(r.count, count);
    });
  }

  test('evidence and values are redacted and the masks counted', () => {
    const d = diagnoseLog(
      [
        'psycopg2.OperationalError: connection to server at "db.example.com" (10.0.0.3), port 5432 failed: FATAL:  password authentication failed for user "app"',
        'DATABASE_URL=postgres://app:topsecret@db.example.com:5432/app STRIPE_SECRET_KEY=sk_live_abcdefghijkl',
        'django.db.utils.OperationalError: could not translate host name "user:pw@x" to address',
      ].join('\n'),
    );
    const all = JSON.stringify(d);
    assert.ok(!all.includes('topsecret') && !all.includes('sk_live_abcdefghijkl'));
    assert.ok(d.redactions >= 0);
    const withSecret = diagnoseLog("KeyError: 'X'\nTraceback (most recent call last):\n  File \"/app/a.py\", line 1, in <module>\n    connect('postgres://u:p4ssw0rd@h/db')\nsqlalchemy.exc.OperationalError: connection to server at \"h\" (10.0.0.1), port 5432 failed: Connection refused\n");
    const json = JSON.stringify(withSecret);
    assert.ok(!json.includes('p4ssw0rd'), json);
    assert.equal(withSecret.redactions, 1);
  });
});
