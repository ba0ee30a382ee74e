/** pip, uv, poetry and image builds: missing distributions, PEP 668, system packages, Python versions, build failures (research §7). */

import { family } from './types';

export const build = family('build', [
  {
    id: 'build.no-matching-distribution',
    role: 'cause',
    category: 'pip_install_failure',
    literals: ['No matching distribution found for', 'Could not find a version that satisfies the requirement'],
    pattern: /(?:No matching distribution found for|Could not find a version that satisfies the requirement) ([^\s;]{1,200})/,
    values: (m) => ({ requirement: m[1], package: packageName(m[1]) }),
    confidence: 0.85,
    key: (v) => v.package.toLowerCase(),
  },
  {
    id: 'build.requires-python',
    role: 'cause',
    category: 'python_version_mismatch',
    literals: ['requires a different Python', 'Requires-Python'],
    pattern: /(?:requires a different Python: ([\d.]{1,20}) not in '([^']{1,100})'|Requires-Python ?([<>=!~][^\s;]{0,60}))/,
    values: (m): Record<string, string> => (m[1] ? { python: m[1], requiresPython: m[2] } : { requiresPython: m[3] }),
    confidence: 0.85,
  },
  {
    id: 'build.uv-no-interpreter',
    role: 'cause',
    category: 'python_version_mismatch',
    literals: ['No interpreter found for Python', 'no precompiled python found'],
    pattern: /(?:No interpreter found for Python ([\d.]{1,20}|[<>=~^][^\s]{0,30})|no precompiled python found(?: for)? ?([\w.@-]{0,40}))/,
    values: (m) => ({ python: m[1] ?? m[2] ?? '' }),
    confidence: 0.85,
  },
  {
    id: 'build.externally-managed',
    role: 'cause',
    category: 'virtualenv_not_activated',
    literals: ['externally-managed-environment', 'This environment is externally managed'],
    values: () => ({ installer: 'pip', pep: '668' }),
    confidence: 0.85,
  },
  {
    id: 'build.pg-config-missing',
    role: 'cause',
    category: 'missing_system_package_build',
    literals: ['pg_config executable not found', 'pg_config is required to build psycopg2'],
    values: () => ({ tool: 'pg_config', systemPackage: 'libpq-dev', distribution: 'psycopg2', alternative: 'psycopg2-binary' }),
    confidence: 0.9,
    key: () => 'pg_config',
  },
  {
    id: 'build.mysql-config-missing',
    role: 'cause',
    category: 'missing_system_package_build',
    literals: ['mysql_config: not found', 'mysql_config not found', 'Can not find valid pkg-config name'],
    values: () => ({ tool: 'mysql_config', systemPackage: 'default-libmysqlclient-dev', distribution: 'mysqlclient' }),
    confidence: 0.85,
    key: () => 'mysql_config',
  },
  {
    id: 'build.compiler-missing',
    role: 'cause',
    category: 'missing_system_package_build',
    literals: ["command 'gcc' failed", "error: command 'cc' failed", 'Python.h: No such file or directory', 'gcc: not found', "error: command 'x86_64-linux-gnu-gcc' failed"],
    pattern: /(Python\.h: No such file or directory|command '([\w.+-]{1,60})' failed|(gcc): not found)/,
    values: (m) => (m[1].startsWith('Python.h') ? { tool: 'Python.h', systemPackage: 'python3-dev' } : { tool: m[2] ?? m[3], systemPackage: 'build-essential' }),
    confidence: 0.75,
    key: (v) => v.tool,
  },
  {
    id: 'build.wheel-failed',
    role: 'cause',
    category: 'pip_install_failure',
    literals: ['Failed building wheel for', 'Failed to build installable wheels', 'Could not build wheels for'],
    pattern: /(?:Failed building wheel for|Could not build wheels for) ([\w.-]{1,100})/,
    values: (m) => ({ package: m[1] }),
    confidence: 0.6,
    key: (v) => v.package.toLowerCase(),
  },
  {
    id: 'build.requirements-file-missing',
    role: 'cause',
    category: 'pip_install_failure',
    literals: ['Could not open requirements file'],
    pattern: /Could not open requirements file: \[Errno 2\] No such file or directory: '([^']{1,300})'/,
    values: (m) => ({ path: m[1] }),
    confidence: 0.8,
  },
  {
    id: 'build.resolution-impossible',
    role: 'cause',
    category: 'pip_install_failure',
    literals: ['ResolutionImpossible', 'Cannot install', 'conflicting dependencies'],
    pattern: /(ResolutionImpossible|because these package versions have conflicting dependencies)/,
    values: () => ({ reason: 'conflicting dependencies' }),
    confidence: 0.75,
    key: () => 'conflict',
  },
  {
    id: 'build.lockfile-outdated',
    role: 'cause',
    category: 'pip_install_failure',
    literals: ['uv.lock` needs to be updated', 'changed significantly since poetry.lock was last generated', 'pyproject.toml changed significantly'],
    values: (m) => ({ reason: 'lockfile out of date', lockfile: m[0].includes('uv.lock') ? 'uv.lock' : 'poetry.lock' }),
    confidence: 0.85,
  },
  {
    id: 'build.failed-to-solve',
    role: 'symptom',
    symptom: 'build_failed',
    literals: ['failed to solve', 'did not complete successfully', 'returned a non-zero code', 'ERROR: failed to build', 'Build Failed', 'Build failed'],
    pattern: /(?:failed to solve|did not complete successfully: exit code: (\d{1,3})|returned a non-zero code: (\d{1,3})|failed to build|Build [Ff]ailed)/,
    values: (m) => ({ ...(m[1] || m[2] ? { exitCode: m[1] ?? m[2] } : {}) }),
    decide: () => ({ key: 'build' }),
  },
  {
    id: 'build.copy-outside-context',
    role: 'cause',
    category: 'monorepo_root_directory_isolation',
    literals: ['failed to compute cache key', 'file not found in build context', 'COPY failed'],
    pattern: /(?:failed to compute cache key: (?:failed to calculate checksum of ref [^\s"]{0,200}: )?"([^"]{1,300})": not found|COPY failed: (?:file not found in build context|stat [^:]{0,300}: file does not exist)[^\n]{0,300}?(?:: ([^\s:]{1,300}))?)/,
    values: (m) => ({ path: m[1] ?? m[2] ?? '' }),
    // The file is outside the build context: a Root Directory (or `docker build` context) that does not hold it.
    confidence: 0.7,
    key: (v) => v.path,
  },
  {
    id: 'build.step',
    role: 'marker',
    marker: 'build-start',
    literals: ['[internal] load build definition', 'Step 1/'],
    values: () => ({ builder: 'docker' }),
  },
]);

/** `Flask==9.9` → `Flask`, `psycopg[binary]>=3` → `psycopg`. */
function packageName(requirement: string): string {
  let i = 0;
  while (i < requirement.length && !'=<>!~[;( '.includes(requirement[i])) i++;
  return requirement.slice(0, i) || requirement;
}
