import { spawnSync } from 'node:child_process';

/** A child process that exits 0 when a TCP connection to argv host:port opens within a second. */
const PROBE_SCRIPT = `
const socket = require('node:net').connect({ host: process.argv[1], port: Number(process.argv[2]) });
socket.on('connect', () => process.exit(0));
socket.on('error', () => process.exit(1));
setTimeout(() => process.exit(2), 1000);
`;

/**
 * Whether a server accepts TCP connections at `host:port`, asked synchronously (through a short
 * child process), so that jest can decide while it collects tests whether to skip them. Takes
 * well under a second when the server answers or refuses; at most about a second when packets
 * are dropped. Never throws.
 */
export function isServerReachable(host: string, port: number): boolean {
  const result = spawnSync(process.execPath, ['-e', PROBE_SCRIPT, host, String(port)], {
    stdio: 'ignore',
    timeout: 3000,
  });
  return result.status === 0;
}
