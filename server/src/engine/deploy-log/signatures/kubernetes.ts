/** Kubernetes: crash loops, OOM kills, probe failures, and Service env vars that collide with server options. */

import { family } from './types';

const STATUS_CODE = /statuscode: (\d{3})/;

export const kubernetes = family('kubernetes', [
  {
    id: 'kubernetes.crash-loop',
    role: 'symptom',
    symptom: 'crash_loop',
    literals: ['CrashLoopBackOff', 'Back-off restarting failed container'],
    values: () => ({ platform: 'kubernetes' }),
    decide: () => ({ key: 'crash-loop' }),
  },
  {
    id: 'kubernetes.oom-killed',
    role: 'cause',
    category: 'out_of_memory',
    literals: ['OOMKilled'],
    values: () => ({ platform: 'kubernetes', exitCode: '137' }),
    confidence: 0.9,
    key: () => 'oom',
  },
  {
    id: 'kubernetes.probe-failed',
    role: 'symptom',
    symptom: 'healthcheck_failed',
    literals: ['probe failed:'],
    pattern: /(Liveness|Readiness|Startup) probe failed: ([^\n]{0,300})/,
    extra: [STATUS_CODE],
    values: (m) => ({ probe: m[1].toLowerCase(), reason: m[2], platform: 'kubernetes' }),
    decide: (v) => {
      const status = STATUS_CODE.exec(v.reason)?.[1];
      if (status === '404') return { role: 'cause', category: 'healthcheck_path_wrong', confidence: 0.75, values: { ...v, status }, key: 'status' };
      return { key: v.probe };
    },
  },
  {
    id: 'kubernetes.exit-code',
    role: 'symptom',
    symptom: 'container_exited',
    literals: ['Exit Code:'],
    pattern: /Exit Code: {0,20}(\d{1,3})/,
    values: (m) => ({ exitCode: m[1], platform: 'kubernetes' }),
    decide: (v) => (v.exitCode === '0' ? undefined : v.exitCode === '137' ? { symptom: 'process_killed', key: '137' } : { key: v.exitCode }),
  },
  {
    id: 'kubernetes.pod-status',
    role: 'symptom',
    symptom: 'crash_loop',
    literals: ['ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError'],
    pattern: /(ImagePullBackOff|ErrImagePull|CreateContainerConfigError)/,
    values: (m) => ({ status: m[1], platform: 'kubernetes' }),
    decide: (v) => ({ symptom: v.status === 'CreateContainerConfigError' ? 'container_exited' : 'deploy_failed', key: v.status }),
  },
  {
    id: 'kubernetes.secret-key-missing',
    role: 'cause',
    category: 'missing_env_var',
    literals: ["couldn't find key"],
    pattern: /couldn't find key ([\w.-]{1,253}) in (Secret|ConfigMap) ([\w/.-]{1,253})/,
    values: (m) => ({ variable: m[1], kind: m[2], source: m[3], platform: 'kubernetes' }),
    confidence: 0.8,
    key: (v) => v.variable,
  },
  {
    id: 'kubernetes.service-env-collision',
    role: 'cause',
    category: 'k8s_service_env_collision',
    literals: ["'tcp://", '=tcp://'],
    pattern: /(?:\b([A-Z][A-Z0-9_]{0,62}_PORT)=tcp:\/\/([\d.]{7,15}):(\d{1,5})|invalid literal for int\(\) with base 10: 'tcp:\/\/([\d.]{7,15}):(\d{1,5})'|'tcp:\/\/([\d.]{7,15}):(\d{1,5})' is not a valid)/,
    values: (m) => ({ ...(m[1] ? { variable: m[1] } : {}), address: `${m[2] ?? m[4] ?? m[6]}:${m[3] ?? m[5] ?? m[7]}`, platform: 'kubernetes' }),
    // A Service named like the app (`postgres`, `uvicorn`, `web`) injects <NAME>_PORT=tcp://…; an env dump alone is weak.
    decide: (v) => ({ confidence: v.variable ? 0.5 : 0.85, key: 'collision' }),
  },
]);
