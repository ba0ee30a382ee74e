/**
 * What the diagnosis says: one or two plain sentences per cause (the problem, then the next step) and per
 * symptom, filled in with the values the signatures read from the log. Values arrive redacted.
 */

import type { Category, LogPlatform, SymptomId } from './types';

function v(values: Record<string, string>, key: string, fallback = ''): string {
  return values[key] ?? fallback;
}

function at(values: Record<string, string>): string {
  return values.file ? ` (${values.file}${values.line ? `:${values.line}` : ''})` : '';
}

/** One or two plain sentences: the problem, then the next step. */
export function causeMessage(category: Category, values: Record<string, string>, platform: LogPlatform): string {
  const module = v(values, 'module', v(values, 'topLevel'));
  const variable = v(values, 'variable');
  switch (category) {
    case 'module_not_found_pythonpath':
      if (values.reason) return `Python could not resolve a relative import${at(values)}: the folder the app starts from is not the package root. Start it with \`python -m\` from the project root or fix the working directory.`;
      return `Python cannot import \`${module}\`${at(values)}: the package is in the project but its parent folder is not on sys.path where the app starts. Prepend \`PYTHONPATH=.\` to the start command (or start it with \`python -m\` from the project root).`;
    case 'module_not_found_missing_dependency':
      return `The module \`${module}\` is not installed in the image${at(values)}. Add its distribution to requirements.txt or pyproject.toml and redeploy.`;
    case 'monorepo_root_directory_isolation':
      if (values.path) return `The build cannot find \`${values.path}\`: it is outside the build context or the service's Root Directory. Copy it into the service folder or widen the build context.`;
      if (values.builder && !module) return `${values.builder === 'nixpacks' ? 'Nixpacks' : 'Railpack'} found no app at the repository root. Set the service's Root Directory to the folder that holds the app.`;
      return `\`${module}\` is imported${at(values)} but is not in the deployed files: the service's Root Directory leaves it out of the image. Deploy from a folder that contains \`${module}\` (or copy it into the service) and set PYTHONPATH accordingly.`;
    case 'wrong_app_module_path':
      if (values.reason) return `A script run by path uses a relative import${at(values)}. Start it as a module (\`python -m package.module\`) from the project root.`;
      if (values.path) return `Python cannot open \`${values.path}\`: the start command names a file that is not in the image. Fix the path in the start command or the Dockerfile's COPY.`;
      if (values.importString) return `The app is given as \`${values.importString}\` without \`:attribute\`. Use the \`module:attribute\` form, e.g. \`main:app\`.`;
      return `The start command's app module \`${module || v(values, 'module')}\` cannot be imported from the folder the server starts in. Fix the module path in the start command or start from the folder that contains it.`;
    case 'wrong_app_attribute':
      if (values.expression) return `gunicorn cannot parse \`${values.expression}\` as an app object (stray quotes or a bad expression). Use \`module:app\` without quotes.`;
      return `The module \`${v(values, 'module', '?')}\` has no app object \`${v(values, 'attribute', 'app')}\`. Point the start command at the variable that holds the app (or call the factory: \`module:create_app()\`).`;
    case 'port_not_bound_or_wrong_host':
      if (values.platform === 'fly' || values.platform === 'render') return `The platform found nothing listening on the expected port${values.expected ? ` (${values.expected})` : ''}. Bind the server to 0.0.0.0 and the port in $PORT.`;
      if (values.inferred) return `The web process did not listen on $PORT in time, so the platform gave up on it. Bind to 0.0.0.0:$PORT (gunicorn does by default; uvicorn needs \`--host 0.0.0.0 --port $PORT\`).`;
      if (values.host) return `${v(values, 'server', 'The server')} listens on ${values.host}${values.port ? `:${values.port}` : ''}, which the platform's proxy cannot reach. Bind to 0.0.0.0 and the port in $PORT.`;
      return `The server's bind address or port is not one the platform can reach. Bind to 0.0.0.0 and the port in $PORT.`;
    case 'hardcoded_port':
      return `The server listens on a fixed port where the platform assigns one in $PORT. Read the port from $PORT.`;
    case 'exec_form_no_env_expansion':
      return `\`${v(values, 'port', v(values, 'value', '$PORT'))}\` reached ${v(values, 'server', 'the program')} unexpanded: the command runs without a shell (exec-form CMD, or a start command on a Dockerfile service). Wrap it in \`sh -c "…"\` so the variable is expanded.`;
    case 'malformed_exec_form':
      return `The CMD is not valid JSON, so Docker ran it through /bin/sh as text (\`${v(values, 'token', '[')}\` is not a command). Use double quotes in the JSON array.`;
    case 'healthcheck_path_wrong':
      return `The healthcheck${values.path ? ` at \`${values.path}\`` : ''} got HTTP ${v(values, 'status', 'an error')} instead of 200. Point healthcheckPath at a route that answers 200 without redirects or authentication.`;
    case 'healthcheck_timeout_too_short':
      return `The app was still starting when the healthcheck window${values.retryWindow ? ` (${values.retryWindow})` : ''} ran out. Raise healthcheckTimeout or make startup faster.`;
    case 'internal_port_mismatch':
      return `The app listens on a different port than the one the platform routes to. Listen on $PORT or set the domain's target port.`;
    case 'missing_env_var':
      return `The environment variable \`${variable || '?'}\` is not set${at(values)}. Add it to this service's variables${platform === 'railway' ? ' (Railway variables are per service; reference shared ones with ${{Service.VAR}})' : ''} and redeploy.`;
    case 'database_unreachable':
      if (values.dialect === 'postgres') return `The database URL starts with \`postgres://\`, which SQLAlchemy 1.4+ rejects. Use \`postgresql://\` (rewrite the scheme in code or in the variable).`;
      if (values.reason === 'password authentication failed') return `The database rejected the credentials${values.user ? ` for \`${values.user}\`` : ''}. Check the password in ${v(values, 'variable', 'DATABASE_URL')}.`;
      if (values.host && (values.host === 'localhost' || values.host.startsWith('127.') || values.host === '::1'))
        return `The app connects to ${v(values, 'service', 'the database')} on ${values.host}${values.port ? `:${values.port}` : ''}, where nothing runs: ${v(values, 'variable', 'DATABASE_URL')} is probably not set on this service. Set it (or reference the database's variable) and redeploy.`;
      return `The app cannot reach its ${v(values, 'service', 'database')}${values.host ? ` at ${values.host}` : ''}. Check the connection URL and that the database is running and reachable from this service.`;
    case 'private_network_dns_or_ipv6':
      return `\`${v(values, 'host', '*.railway.internal')}\` does not resolve here: the private network exists only at runtime, in the same project and environment${values.phase === 'build' ? ' — this ran during the build' : ''}. Move migrations to the pre-deploy or start command, or use the public URL outside Railway.`;
    case 'ipv6_bind_unavailable':
      return `The server's bind address does not work here (IPv6-only listening refuses the platform's IPv4 probe, or IPv6 is unavailable). Bind to 0.0.0.0, or use a dual-stack bind such as gunicorn \`--bind [::]:$PORT\`.`;
    case 'worker_timeout':
      return `A gunicorn worker was silent longer than its timeout (30 s by default), so it was killed: a slow request or a slow import at boot. Raise \`--timeout\` or move slow work out of the request/import path.`;
    case 'out_of_memory':
      return `The process was killed for using too much memory${values.code ? ` (${values.code})` : ''}. Lower the worker count (WEB_CONCURRENCY), find the memory hog, or give the service more memory.`;
    case 'missing_system_package_build':
      return `A system package is missing${values.systemPackage ? ` (\`${values.systemPackage}\`)` : values.library ? ` (\`${values.library}\`)` : ''}${values.distribution ? ` to build ${values.distribution}` : ''}. ${values.alternative ? `Use \`${values.alternative}\` instead, or install the package in the image.` : 'Install it in the image (apt/nix packages) or use a binary wheel.'}`;
    case 'python_version_mismatch':
      return `The Python version does not fit${values.runtime ? ` (\`${values.runtime}\`)` : values.version ? ` (${values.version})` : values.requiresPython ? ` (needs ${values.requiresPython})` : ''}. Pin a supported version in .python-version or runtime.txt that your dependencies support.`;
    case 'pip_install_failure':
      if (values.package) return `pip could not install \`${values.requirement ?? values.package}\`. Check the name and the pin against the Python version of the image, then redeploy.`;
      if (values.lockfile) return `The lockfile (${values.lockfile}) is out of date with the project. Regenerate it and commit it.`;
      if (values.path) return `pip cannot open \`${values.path}\`. Fix the requirements path for the folder the build runs in.`;
      return `Installing the dependencies failed. Fix the conflicting or missing requirements shown in the evidence.`;
    case 'executable_not_on_path':
      return `\`${v(values, 'executable', 'The start executable')}\` is not installed or not on PATH in the image. Add it to the dependencies (or call it as \`python -m …\`) and redeploy.`;
    case 'virtualenv_not_activated':
      return `pip refused to install into the system Python (PEP 668, externally managed). Install into a virtual environment (\`python -m venv\`) or use the builder's install step.`;
    case 'migration_failure':
      return `A database migration failed${values.revision ? ` (revision \`${values.revision}\` is not in this image)` : values.reason ? ` (${values.reason})` : ''}. Fix the migration history, then rerun the migrations.`;
    case 'case_sensitive_path':
      return `A path matches only case-insensitively: it works on macOS and Windows but not on Linux. Rename the folder or fix the import's case.`;
    case 'no_web_process':
      if (values.code === 'H14') return `No web process is running (H14). Add a \`web:\` line to the Procfile and scale it to at least one dyno.`;
      return `The builder found no start command for the app. Set a start command (service settings, railway.toml, or a Procfile \`web:\` line).`;
    case 'cors_masking_502':
      return `The browser's CORS error is a 502 in disguise: the gateway's error page carries no CORS headers. Fix why the backend is down (see its deploy logs) before touching CORS settings.`;
    case 'address_in_use':
      return `Port ${v(values, 'port', '?')} is already in use, so the server could not bind it: two servers in one container, or a leftover process. Run one server per container on $PORT.`;
    case 'django_allowed_hosts':
      return `Django rejects the host \`${v(values, 'host', '?')}\`: it is not in ALLOWED_HOSTS. Add it${values.host === 'healthcheck.railway.app' ? '' : ' (and `healthcheck.railway.app` for Railway healthchecks)'} to ALLOWED_HOSTS.`;
    case 'syntax_error_in_app':
      return `The app does not parse: ${v(values, 'exception', 'SyntaxError')}${values.message ? ` (${values.message})` : ''}${at(values)}. Fix the code and redeploy.`;
    case 'startup_crash_in_lifespan':
      return `The app crashed during its startup (lifespan) handler${values.exception ? ` with ${values.exception}${values.message ? `: ${values.message}` : ''}` : ''}${at(values)}. Fix the startup code or make the dependency it waits for available.`;
    case 'volume_mount_shadows_code':
      return `A volume is mounted over the app's code, so \`${v(values, 'path', 'the start file')}\` is hidden. Mount the volume elsewhere (not on the app folder).`;
    case 'k8s_service_env_collision':
      return `A Kubernetes Service injected \`${v(values, 'variable', '<NAME>_PORT')}=tcp://…\`, which the app reads as its port. Rename the Service or set the variable explicitly in the pod spec.`;
    case 'deprecated_stack':
      return `The stack \`${v(values, 'stack', '?')}\` is retired or deprecated. Upgrade the app's stack and redeploy.`;
    case 'static_files_not_collected':
      return `Static files were not collected${values.path ? ` (\`${values.path}\` is not in the manifest)` : values.setting ? ' (STATIC_ROOT is not set)' : ''}. Set STATIC_ROOT and run \`collectstatic\` during the build.`;
    case 'image_platform_mismatch':
      return `The container's program cannot run on this machine (exec format error): the image was built for another CPU architecture, or the entry script has no \`#!\` line. Build for linux/amd64 or fix the script.`;
  }
}

export function symptomMessage(id: SymptomId, values: Record<string, string>, explainedElsewhere: boolean): string {
  const tail = explainedElsewhere ? '' : ' The log does not show why.';
  switch (id) {
    case 'http_502':
      return `Requests failed with 502 Bad Gateway: the proxy reached no app.${tail}`;
    case 'http_503':
      return `The router answered 503${values.code ? ` (${values.code}${values.desc ? `, ${values.desc}` : ''})` : ''}.${tail}`;
    case 'healthcheck_failed':
      return `The healthcheck failed${values.reason ? ` (${values.reason})` : values.status ? ` (status ${values.status})` : values.probe ? ` (${values.probe} probe)` : ''}.${tail}`;
    case 'cors_error':
      return `The browser reported a CORS error${values.origin ? ` from ${values.origin}` : ''}; when the backend is down, its error page has no CORS headers.${tail}`;
    case 'crash_loop':
      return `The app keeps crashing and restarting${values.restarts ? ` (${values.restarts} starts in this log)` : ''}.${tail}`;
    case 'container_exited':
      return `The process exited${values.exitCode ? ` with code ${values.exitCode}` : ''}.${tail}`;
    case 'deploy_failed':
      return `The deployment failed${values.phase ? ` during ${values.phase}` : ''}.${tail}`;
    case 'app_failed_to_respond':
      return `Railway's edge answered "Application failed to respond" (502).${tail}`;
    case 'request_timeout':
      return `A request ran longer than the router's limit${values.code ? ` (${values.code})` : ''}.${tail}`;
    case 'boot_timeout':
      return `The web process did not bind its port in time${values.code ? ` (${values.code})` : ''}.${tail}`;
    case 'worker_failed_to_boot':
      return `gunicorn's worker failed to boot.${tail}`;
    case 'unhandled_exception':
      return `The app raised ${values.exception ?? 'an exception'}${values.message ? `: ${values.message}` : ''}${at(values)}. No known deploy problem matches it.`;
    case 'build_failed':
      return `The build failed${values.exitCode ? ` (exit code ${values.exitCode})` : ''}.${tail}`;
    case 'process_killed':
      return `The process was killed${values.signal ? ` (${values.signal})` : ''}${values.exitCode ? ` (exit ${values.exitCode})` : ''}; a kill alone does not prove it ran out of memory.${tail}`;
  }
}
