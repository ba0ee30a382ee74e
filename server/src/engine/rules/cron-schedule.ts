/**
 * cron-schedule: `cronSchedule` must be a 5-field crontab expression (minute hour day month weekday, UTC), and
 * Railway runs cron services at most every 5 minutes (research/platforms.md §1.3).
 */

import { parsedRailwayConfigs } from '../plan/build';
import { allSections, stringValue } from '../railway/config';
import { defineRule } from '../rule';

const MONTHS = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)$/i;
const DAYS = /^(sun|mon|tue|wed|thu|fri|sat)$/i;
const FIELDS: readonly { readonly name: string; readonly min: number; readonly max: number; readonly names?: RegExp }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: DAYS },
];

export const cronSchedule = defineRule({
  id: 'cron-schedule',
  defaultSeverity: 'error',
  summary: 'A cronSchedule that is not a 5-field crontab expression, or that runs more often than every 5 minutes.',
  fileKinds: ['railway-toml', 'railway-json'],
  check(project, report) {
    for (const { path, config } of parsedRailwayConfigs(project)) {
      for (const sections of allSections(config)) {
        const node = stringValue(sections.deploy?.entries.get('cronSchedule')?.value);
        if (!node) continue;
        const fields = node.value.trim().split(/\s+/);
        if (fields.length !== 5) {
          report({ file: path, range: node.range, message: `\`${node.value}\` has ${fields.length} field${fields.length === 1 ? '' : 's'}: Railway's cron schedule takes 5 (minute hour day-of-month month day-of-week, in UTC), e.g. \`"*/15 * * * *"\`.` });
          continue;
        }
        const bad = fields.findIndex((f, i) => !validField(f, FIELDS[i].min, FIELDS[i].max, FIELDS[i].names));
        if (bad >= 0) {
          report({ file: path, range: node.range, message: `\`${fields[bad]}\` is not a valid ${FIELDS[bad].name} (${FIELDS[bad].min}–${FIELDS[bad].max}) in the cron schedule.` });
          continue;
        }
        const gap = minuteGap(fields[0]);
        if (gap !== undefined && gap < 5) {
          report({
            file: path,
            range: node.range,
            severity: 'warning',
            message: `This schedule runs every ${gap === 1 ? 'minute' : `${gap} minutes`}, but Railway runs cron services at most every 5 minutes (and skips a run while the previous one is still going).`,
            fixes: [{ title: 'Run every 5 minutes', edits: [node.rewrite(['*/5', ...fields.slice(1)].join(' '))] }],
          });
        }
      }
    }
  },
});

function validField(field: string, min: number, max: number, names: RegExp | undefined): boolean {
  return field.split(',').every((part) => {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined || (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1))) return false;
    if (range === '*') return true;
    const bounds = range.split('-');
    return bounds.length <= 2 && bounds.every((b) => names?.test(b) || (/^\d+$/.test(b) && Number(b) >= min && Number(b) <= max));
  });
}

/** The smallest gap in minutes between runs in an hour, for `*`, `*\/N`, ranges `a-b[/N]` and lists of minutes. */
function minuteGap(field: string): number | undefined {
  if (field === '*') return 1;
  const step = /^\*\/(\d+)$/.exec(field);
  if (step) return Number(step[1]);
  const range = /^(\d+)-(\d+)(?:\/(\d+))?$/.exec(field);
  if (range) return Number(range[2]) > Number(range[1]) ? Number(range[3] ?? 1) : undefined;
  if (/^\d+(,\d+)+$/.test(field)) {
    const minutes = field.split(',').map(Number).sort((a, b) => a - b);
    return Math.min(...minutes.slice(1).map((m, i) => m - minutes[i]), 60 - minutes[minutes.length - 1] + minutes[0]);
  }
  return undefined;
}
