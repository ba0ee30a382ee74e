/** Docker: exec format errors, malformed JSON CMD run by /bin/sh, missing executables, files hidden or missing in the image. */

import { family, type Decision } from './types';

/**
 * A program the container could not find. `[gunicorn,` (`/bin/sh: 1: [gunicorn,: not found`) is the first word
 * of a CMD that is not valid JSON, which Docker runs as shell form (research §2.3).
 */
function notFound(executable: string, confidence: number): Decision {
  return executable.startsWith('[') ? { category: 'malformed_exec_form', confidence: 0.9, values: { token: executable }, key: 'exec-form' } : { confidence, key: executable };
}

export const docker = family('docker', [
  {
    id: 'docker.exec-format-error',
    role: 'cause',
    category: 'image_platform_mismatch',
    literals: ['exec format error'],
    pattern: /(?:exec (\S{1,300}): )?exec format error/,
    values: (m) => ({ ...(m[1] ? { executable: m[1] } : {}) }),
    confidence: 0.8,
    key: () => 'exec-format',
  },
  {
    id: 'docker.shell-not-found',
    role: 'cause',
    category: 'executable_not_on_path',
    literals: ['/bin/sh: ', '/bin/bash: ', '/bin/dash: ', 'sh: 1: '],
    pattern: /^(?:\/bin\/)?(?:ba|da)?sh: (?:line )?\d{1,5}: (\S{1,300}): (?:command )?not found/,
    values: (m) => ({ executable: m[1] }),
    decide: (v) => notFound(v.executable, 0.8),
  },
  {
    id: 'docker.executable-not-in-path',
    role: 'cause',
    category: 'executable_not_on_path',
    literals: ['executable file not found in $PATH'],
    pattern: /exec: "([^"]{1,300})": executable file not found in \$PATH/,
    values: (m) => ({ executable: m[1] }),
    decide: (v) => notFound(v.executable, 0.85),
  },
  {
    id: 'docker.entrypoint-missing',
    role: 'cause',
    category: 'executable_not_on_path',
    literals: [': no such file or directory'],
    pattern: /exec (\/?[\w./-]{1,300}): no such file or directory/,
    values: (m) => ({ executable: m[1], hint: 'missing file, or a script with CRLF line endings or a missing interpreter in its #! line' }),
    confidence: 0.65,
    key: (v) => v.executable,
  },
  {
    id: 'docker.cant-open-file',
    role: 'cause',
    category: 'wrong_app_module_path',
    literals: ["can't open file"],
    pattern: /can't open file '([^']{1,300})': \[Errno 2\] No such file or directory/,
    values: (m) => ({ path: m[1] }),
    // The diagnosis turns this into volume_mount_shadows_code when a volume was mounted in the same deploy.
    confidence: 0.75,
    key: (v) => v.path,
  },
  {
    id: 'docker.port-allocated',
    role: 'cause',
    category: 'address_in_use',
    literals: ['port is already allocated', 'address already in use'],
    pattern: /(?:Bind for ([\d.:[\]a-fA-F]{1,60}):(\d{1,5}) failed: port is already allocated|listen tcp4? ([\d.:[\]a-fA-F]{0,60}):(\d{1,5}): bind: address already in use)/,
    values: (m) => ({ host: m[1] ?? m[3] ?? '', port: m[2] ?? m[4], side: 'host' }),
    confidence: 0.85,
    key: (v) => v.port,
  },
]);
