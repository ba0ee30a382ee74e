/** Railway: the healthcheck block, the edge's 502 page, builder banners and plan boxes, start-command errors (research §5, §1.5–1.6, §3.2). */

import { family } from './types';

export const railway = family('railway', [
  {
    id: 'railway.healthcheck-start',
    role: 'marker',
    marker: 'healthcheck-start',
    literals: ['Starting Healthcheck'],
    values: () => ({ platform: 'railway' }),
  },
  {
    id: 'railway.healthcheck-attempt',
    role: 'symptom',
    symptom: 'healthcheck_failed',
    literals: ['Attempt #'],
    pattern: /Attempt #(\d{1,4}) failed with (?:(service unavailable)|status (\d{3}))(?:: ?([^\n]{0,200}?))?(?:\. Continuing to retry for ([\dhms.]{1,20}))?$/,
    values: (m) => ({ attempt: m[1], ...(m[2] ? { reason: 'service unavailable' } : { status: m[3] }), ...(m[4] ? { body: m[4] } : {}), ...(m[5] ? { remaining: m[5] } : {}), platform: 'railway' }),
    decide: (v) => {
      const status = Number(v.status);
      if (!status) return { key: 'unavailable' };
      // The app answered, with something other than 200: the path, the Host check or a redirect (research §5.3).
      if (status === 404 || status === 405) return { role: 'cause', category: 'healthcheck_path_wrong', confidence: 0.8, key: 'status' };
      if (status === 400) return { role: 'cause', category: 'django_allowed_hosts', confidence: 0.75, values: { ...v, host: 'healthcheck.railway.app' }, key: 'healthcheck.railway.app' };
      if (status >= 300 && status < 400) return { role: 'cause', category: 'healthcheck_path_wrong', confidence: 0.75, key: 'status' };
      if (status === 401 || status === 403) return { role: 'cause', category: 'healthcheck_path_wrong', confidence: 0.65, key: 'status' };
      return { key: `status-${status}` };
    },
  },
  {
    id: 'railway.healthcheck-failed',
    role: 'symptom',
    symptom: 'healthcheck_failed',
    literals: ['Healthcheck failed', 'replicas never became healthy'],
    pattern: /(?:(\d{1,3})\/(\d{1,3}) replicas never became healthy|Healthcheck failed)/,
    values: (m) => ({ ...(m[1] ? { replicas: `${m[1]}/${m[2]}` } : {}), platform: 'railway' }),
    decide: () => ({ key: 'failed' }),
  },
  {
    id: 'railway.healthcheck-succeeded',
    role: 'marker',
    marker: 'platform',
    literals: ['Healthcheck succeeded'],
    values: () => ({ platform: 'railway', healthcheck: 'succeeded' }),
  },
  {
    id: 'railway.application-failed-to-respond',
    role: 'symptom',
    symptom: 'app_failed_to_respond',
    literals: ['Application failed to respond'],
    values: () => ({ platform: 'railway', status: '502' }),
  },
  {
    id: 'railway.could-not-determine-build',
    role: 'cause',
    category: 'monorepo_root_directory_isolation',
    literals: ['could not determine how to build', 'unable to generate a build plan'],
    pattern: /(Railpack|Nixpacks) (?:could not determine how to build the app|was unable to generate a build plan)/,
    values: (m) => ({ builder: m[1].toLowerCase(), platform: 'railway' }),
    // The builder looks only at the source root; a Python app in a subfolder needs a Root Directory (research §1.6).
    confidence: 0.7,
  },
  {
    id: 'railway.no-start-command',
    role: 'cause',
    category: 'no_web_process',
    literals: ['No start command'],
    pattern: /No start command (?:was found|detected|could be found)/,
    values: () => ({ platform: 'railway' }),
    confidence: 0.8,
  },
  {
    id: 'railway.django-wsgi-not-found',
    role: 'cause',
    category: 'no_web_process',
    literals: ['Failed to find your WSGI_APPLICATION'],
    values: () => ({ builder: 'nixpacks', setting: 'WSGI_APPLICATION' }),
    confidence: 0.8,
  },
  {
    id: 'railway.executable-not-found',
    role: 'cause',
    category: 'executable_not_on_path',
    literals: ['could not be found'],
    pattern: /The executable `([^`]{1,200})` could not be found/,
    values: (m) => ({ executable: m[1], platform: 'railway' }),
    confidence: 0.85,
    key: (v) => v.executable,
  },
  {
    id: 'railway.container-failed-to-start',
    role: 'symptom',
    symptom: 'container_exited',
    literals: ['Container failed to start'],
    values: () => ({ platform: 'railway' }),
  },
  {
    id: 'railway.starting-container',
    role: 'marker',
    marker: 'deploy-start',
    literals: ['Starting Container'],
    values: () => ({ platform: 'railway' }),
  },
  {
    id: 'railway.deployment-failed',
    role: 'symptom',
    symptom: 'deploy_failed',
    literals: ['Deployment failed during'],
    pattern: /Deployment failed during (?:the )?([\w-]{1,40})/,
    values: (m) => ({ phase: m[1], platform: 'railway' }),
  },
  {
    id: 'railway.build-driver',
    role: 'marker',
    marker: 'build-start',
    literals: ['using build driver', 'scheduling build on'],
    pattern: /(?:using build driver (railpack|nixpacks)[\w.-]{0,40}|scheduling build on)/,
    values: (m) => ({ platform: 'railway', ...(m[1] ? { builder: m[1] } : {}) }),
  },
  {
    id: 'railway.dockerfile-detected',
    role: 'marker',
    marker: 'build-start',
    literals: ['Using detected Dockerfile'],
    values: () => ({ platform: 'railway', builder: 'dockerfile' }),
  },
  {
    id: 'railway.railpack-box',
    role: 'marker',
    marker: 'plan-box',
    literals: ['Railpack '],
    pattern: /^[│|] ?Railpack (\d{1,3}\.\d{1,4}\.\d{1,4})/,
    values: (m) => ({ platform: 'railway', builder: 'railpack', version: m[1] }),
  },
  {
    id: 'railway.nixpacks-box',
    role: 'marker',
    marker: 'plan-box',
    literals: ['Nixpacks v'],
    pattern: /^╔[═ ]{0,40}Nixpacks v(\d{1,3}\.\d{1,4}\.\d{1,4})/,
    values: (m) => ({ platform: 'railway', builder: 'nixpacks', version: m[1] }),
  },
  {
    id: 'railway.volume-mounted',
    role: 'marker',
    marker: 'volume',
    literals: ['Mounting volume on'],
    pattern: /Mounting volume on:? (\S{1,300})/,
    values: (m) => ({ platform: 'railway', volume: m[1] }),
  },
  {
    id: 'railway.rate-limit',
    role: 'marker',
    marker: 'platform',
    literals: ['Railway rate limit of'],
    values: () => ({ platform: 'railway', note: 'logs were dropped by the rate limit' }),
  },
  {
    id: 'railway.private-network-build',
    role: 'marker',
    marker: 'platform',
    literals: ['.up.railway.app', '.railway.app'],
    values: () => ({ platform: 'railway' }),
  },
]);
