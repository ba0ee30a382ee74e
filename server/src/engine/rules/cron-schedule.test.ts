import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, crlf, findings, textAt } from '../../node/testing';

const RULE = 'cron-schedule';
const check = (tree: Record<string, string>) => findings(tree, RULE);
const cron = (schedule: string) => ({ 'railway.toml': `[deploy]\ncronSchedule = "${schedule}"\n` });

describe('cron-schedule', () => {
  test('not 5 fields: error', async () => {
    const tree = cron('0 */2 * *');
    const [f] = await check(tree);
    assert.equal(f.severity, 'error');
    assert.equal(textAt(tree, f), '"0 */2 * *"');
    assert.match(f.message, /4 fields/);
  });

  test('an out-of-range field: error', async () => {
    const [f] = await check(cron('61 * * * *'));
    assert.match(f.message, /minute/);
  });

  test('more often than every 5 minutes: warning with a fix', async () => {
    const tree = cron('* * * * *');
    const [f] = await check(tree);
    assert.equal(f.severity, 'warning');
    const fixed = applyFix(tree, f.fixes[0]);
    assert.equal(fixed['railway.toml'], '[deploy]\ncronSchedule = "*/5 * * * *"\n');
    assert.deepEqual(await check(fixed), []);
    assert.equal((await check(cron('0,2,30 * * * *'))).length, 1);
  });

  test('a zero step, names in the wrong field, and minute ranges', async () => {
    assert.match((await check(cron('*/0 * * * *')))[0].message, /not a valid minute/);
    assert.match((await check(cron('mon * * * *')))[0].message, /not a valid minute/);
    assert.match((await check(cron('0-10 * * * *')))[0].message, /every minute/);
  });

  test('valid schedules', async () => {
    for (const s of ['*/5 * * * *', '0 3 * * 1-5', '15,45 */2 1 jan-jun mon', '0 0 1 * 7']) assert.deepEqual(await check(cron(s)), [], s);
  });

  test('CRLF and JSON', async () => {
    assert.equal((await check(crlf(cron('* * *')))).length, 1);
    assert.equal((await check({ 'railway.json': '{"deploy": {"cronSchedule": "*/2 * * * *"}}' })).length, 1);
  });
});
