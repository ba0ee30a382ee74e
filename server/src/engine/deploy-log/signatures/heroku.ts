/** Heroku: router H codes, R10/R14/R15, dyno state, buildpack and runtime-version errors, retired stacks (research §4.2). */

import { family } from './types';
import type { SymptomId } from '../types';

const ROUTER_SYMPTOM: Readonly<Record<string, SymptomId>> = {
  H10: 'http_503',
  H12: 'request_timeout',
  H13: 'http_503',
  H15: 'http_503',
  H20: 'boot_timeout',
  H21: 'http_503',
};

const RETIRED_WORDS = ['deprecated', 'end-of-life', 'end of life', 'no longer supported', 'not supported', 'sunset', 'retired'];
const PATH = /\bpath="([^"]{0,500})"/;
const STATUS = /\bstatus=(\d{3})/;

export const heroku = family('heroku', [
  {
    id: 'heroku.router-error',
    role: 'symptom',
    symptom: 'http_503',
    literals: ['at=error code=H'],
    pattern: /at=error code=(H\d{2}) desc="([^"]{0,100})"/,
    extra: [PATH, STATUS],
    values: (m, c) => ({ code: m[1], desc: m[2], path: PATH.exec(c.text)?.[1] ?? '', status: STATUS.exec(c.text)?.[1] ?? '', platform: 'heroku' }),
    decide: (v) => {
      // H14: no web process is running at all; the others are what a crashed or slow dyno looks like.
      if (v.code === 'H14') return { role: 'cause', category: 'no_web_process', confidence: 0.85, key: 'H14' };
      return { symptom: ROUTER_SYMPTOM[v.code] ?? 'http_503', key: v.code };
    },
  },
  {
    id: 'heroku.r10-boot-timeout',
    role: 'symptom',
    symptom: 'boot_timeout',
    literals: ['Error R10'],
    pattern: /Error R10 \(Boot timeout\)(?: -> Web process failed to bind to \$PORT within (\d{1,4}) seconds)?/,
    values: (m) => ({ code: 'R10', ...(m[1] ? { seconds: m[1] } : {}), platform: 'heroku' }),
  },
  {
    id: 'heroku.r14-memory-quota',
    role: 'cause',
    category: 'out_of_memory',
    literals: ['Error R14', 'Error R15'],
    pattern: /Error (R1[45]) \(Memory quota (vastly )?exceeded\)/,
    values: (m) => ({ code: m[1], platform: 'heroku' }),
    // R14 is swapping (slow, alive); R15 is the kill.
    decide: (v) => ({ confidence: v.code === 'R15' ? 0.9 : 0.7, key: 'oom' }),
  },
  {
    id: 'heroku.memory-usage',
    role: 'marker',
    marker: 'platform',
    literals: ['Process running mem='],
    pattern: /Process running mem=(\d{1,7}(?:\.\d{1,3})?)MB\((\d{1,4}(?:\.\d{1,2})?)%\)/,
    values: (m) => ({ platform: 'heroku', memoryMb: m[1], memoryPercent: m[2] }),
  },
  {
    id: 'heroku.state-changed',
    role: 'marker',
    marker: 'deploy-start',
    literals: ['State changed from'],
    pattern: /State changed from (\w{1,20}) to (\w{1,20})/,
    values: (m) => ({ from: m[1], to: m[2], platform: 'heroku' }),
    decide: (v) => {
      if (v.to === 'starting') return {};
      if (v.to === 'crashed') return { role: 'symptom', symptom: 'container_exited', key: 'crashed' };
      return { marker: 'platform' };
    },
  },
  {
    id: 'heroku.process-exited',
    role: 'symptom',
    symptom: 'container_exited',
    literals: ['Process exited with status'],
    pattern: /Process exited with status (\d{1,3})/,
    values: (m) => ({ exitCode: m[1], platform: 'heroku' }),
    decide: (v) => (v.exitCode === '0' ? { role: 'marker', marker: 'platform' } : v.exitCode === '137' ? { symptom: 'process_killed' } : {}),
  },
  {
    id: 'heroku.sigkill',
    role: 'symptom',
    symptom: 'process_killed',
    literals: ['Stopping process with SIGKILL'],
    values: () => ({ signal: 'SIGKILL', platform: 'heroku' }),
  },
  {
    id: 'heroku.runtime-not-available',
    role: 'cause',
    category: 'python_version_mismatch',
    literals: ['is not available for this stack'],
    pattern: /Requested runtime '?\(?([^'()\s]{1,60})\)?'? is not available for this stack \(?([\w-]{1,40})?/,
    values: (m) => ({ runtime: m[1], ...(m[2] ? { stack: m[2] } : {}), platform: 'heroku' }),
    confidence: 0.9,
  },
  {
    id: 'heroku.python-version-unrecognised',
    role: 'cause',
    category: 'python_version_mismatch',
    literals: ['The requested Python version'],
    pattern: /The requested Python version (?:(\d{1,2}\.\d{1,3}(?:\.\d{1,3})?) )?(isn't recognised|isn't available|has reached end-of-life|is deprecated|is no longer supported)/,
    values: (m) => ({ ...(m[1] ? { version: m[1] } : {}), reason: m[2], platform: 'heroku' }),
    confidence: 0.85,
  },
  {
    id: 'heroku.push-rejected',
    role: 'symptom',
    symptom: 'build_failed',
    literals: ['Push rejected'],
    values: () => ({ platform: 'heroku' }),
  },
  {
    id: 'heroku.retired-stack',
    role: 'cause',
    category: 'deprecated_stack',
    literals: ['heroku-16', 'heroku-18', 'heroku-20', 'cedar-14'],
    pattern: /\b(heroku-(?:16|18|20)|cedar-14)\b/,
    values: (m, c) => (RETIRED_WORDS.some((w) => c.text.includes(w)) ? { stack: m[1], platform: 'heroku' } : undefined),
    confidence: 0.75,
  },
  {
    id: 'heroku.build-start',
    role: 'marker',
    marker: 'build-start',
    literals: ['-----> Building on the Heroku', 'app detected'],
    pattern: /-----> (?:Building on the Heroku-(\d{2}) stack|([\w.]{1,30}) app detected)/,
    values: (m) => ({ platform: 'heroku', ...(m[1] ? { stack: `heroku-${m[1]}` } : {}) }),
  },
]);
