import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's python3-openstackclient installs the `openstack` command. */
export const OPENSTACK_CLI = process.env.ML2TS_OPENSTACK_CLI ?? '/usr/bin/openstack';

/**
 * Whether the tests that drive the real `openstack` CLI run here: `run`, or `skip` with one
 * line saying why (the default when it is not installed), or `fail` under
 * `ML2TS_REQUIRE_SERVICES=1` (CI installs it).
 */
export function openstackCliPlan(): { action: 'run' | 'skip' | 'fail'; message: string } {
  if (existsSync(OPENSTACK_CLI)) return { action: 'run', message: '' };
  const message =
    `openstack CLI tests: ${OPENSTACK_CLI} is not installed (apt-get install -y ` +
    `--no-install-recommends python3-openstackclient, or set ML2TS_OPENSTACK_CLI)`;
  return process.env.ML2TS_REQUIRE_SERVICES === '1'
    ? { action: 'fail', message: `${message}; ML2TS_REQUIRE_SERVICES=1 requires it` }
    : { action: 'skip', message: `${message}; skipped` };
}

/** What one `openstack` command printed. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `openstack --os-auth-type none --os-endpoint ENDPOINT ARGS...` without the caller's
 * `OS_*` environment, as an operator with noauth would; resolves whatever its exit code.
 */
export function runOpenstack(endpoint: string, args: readonly string[]): Promise<CliResult> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('OS_')),
  );
  return new Promise((resolve) => {
    execFile(
      OPENSTACK_CLI,
      ['--os-auth-type', 'none', '--os-endpoint', endpoint, ...args],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs a command with `-f json` and parses what it printed; rejects when it failed. */
export async function openstackJson<T = Record<string, unknown>>(
  endpoint: string,
  args: readonly string[],
): Promise<T> {
  const result = await runOpenstack(endpoint, [...args, '-f', 'json']);
  if (result.code !== 0) {
    throw new Error(`openstack ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as T;
}
