/** Browser CORS errors: symptoms, often of a 502 without CORS headers rather than a CORS setting (research §7). */

import { family } from './types';

export const cors = family('cors', [
  {
    id: 'cors.blocked-by-policy',
    role: 'symptom',
    symptom: 'cors_error',
    literals: ['blocked by CORS policy'],
    pattern: /Access to (?:fetch|XMLHttpRequest|font|script) at '([^']{1,500})' from origin '([^']{1,300})' has been blocked by CORS policy/,
    values: (m) => ({ url: m[1], origin: m[2] }),
    decide: () => ({ key: 'cors' }),
  },
  {
    id: 'cors.blocked-generic',
    role: 'symptom',
    symptom: 'cors_error',
    literals: ['Cross-Origin Request Blocked', "No 'Access-Control-Allow-Origin' header", "doesn't pass access control check", 'blocked by CORS policy'],
    values: () => ({}),
    decide: () => ({ key: 'cors' }),
  },
  {
    id: 'cors.net-err-failed',
    role: 'symptom',
    symptom: 'http_502',
    literals: ['net::ERR_FAILED '],
    pattern: /net::ERR_FAILED (\d{3})/,
    values: (m) => ({ status: m[1] }),
    decide: (v) => (v.status === '502' ? { key: '502' } : v.status === '503' ? { symptom: 'http_503', key: '503' } : undefined),
  },
  {
    id: 'cors.bad-gateway',
    role: 'symptom',
    symptom: 'http_502',
    literals: ['502 Bad Gateway', '502 (Bad Gateway)', 'status of 502'],
    values: () => ({ status: '502' }),
    decide: () => ({ key: '502' }),
  },
]);
