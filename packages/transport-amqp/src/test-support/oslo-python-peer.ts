import {
  type ChildProcessWithoutNullStreams,
  execFile,
  spawn,
  spawnSync,
} from 'node:child_process';
import * as path from 'node:path';

/**
 * Test support: the real oslo.messaging (Python) as a peer of ml2ts on the bus, through
 * `oslo-peer.py`. Needs a Python with oslo.messaging and neutron_lib importable
 * (`ML2TS_OSLO_PYTHON`, default /usr/bin/python3, where Debian's python3-oslo.messaging puts it).
 */

/** The Python that runs the peer. */
export const OSLO_PYTHON = process.env.ML2TS_OSLO_PYTHON ?? '/usr/bin/python3';

const PEER_SCRIPT = path.join(__dirname, 'oslo-peer.py');

let available: boolean | undefined;

/**
 * Null when the peer can run here; otherwise one line saying why. Probes once per test file
 * (about half a second).
 */
export function osloPeerUnavailableReason(): string | null {
  if (available === undefined) {
    const probe = spawnSync(OSLO_PYTHON, ['-c', 'import oslo_messaging, neutron_lib.exceptions'], {
      stdio: 'ignore',
      timeout: 20_000,
    });
    available = probe.status === 0;
  }
  return available
    ? null
    : `${OSLO_PYTHON} cannot import oslo_messaging and neutron_lib (apt-get install python3-neutron, or set ML2TS_OSLO_PYTHON)`;
}

/** One JSON line the peer printed. */
export type PeerLine = Record<string, unknown>;

/** Runs the peer in `call` or `cast` mode to its end; resolves the lines it printed. */
export function runOsloPeer(
  mode: 'call' | 'cast',
  url: string,
  spec: unknown,
): Promise<PeerLine[]> {
  return new Promise((resolve, reject) => {
    execFile(
      OSLO_PYTHON,
      [PEER_SCRIPT, mode, url, JSON.stringify(spec)],
      { timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`oslo-peer ${mode} failed: ${stderr || error.message}`));
        else resolve(parseLines(stdout));
      },
    );
  });
}

function parseLines(text: string): PeerLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as PeerLine);
}

/** A running Python RPC server (the peer in `serve` mode). */
export interface OsloPeerServer {
  /** The requests it ran so far, as it printed them. */
  readonly requests: PeerLine[];
  /** Stops it (closes its stdin) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts the peer as a Python RPC server of `topics` on host `host`; resolves once it consumes.
 * Rejects when it exits or prints nothing within 30 s.
 */
export function startOsloPeerServer(
  url: string,
  topics: readonly string[],
  host: string,
): Promise<OsloPeerServer> {
  const child: ChildProcessWithoutNullStreams = spawn(OSLO_PYTHON, [
    PEER_SCRIPT,
    'serve',
    url,
    JSON.stringify({ topics, host }),
  ]);
  const requests: PeerLine[] = [];
  let errors = '';
  let buffered = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`oslo-peer serve did not start: ${errors}`));
    }, 30_000);
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`oslo-peer serve exited with ${code}: ${errors}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of parseLines(lines.join('\n'))) {
        if (line.event === 'ready') {
          clearTimeout(timer);
          resolve({
            requests,
            stop: async () => {
              child.stdin.end();
              const killer = setTimeout(() => child.kill(), 10_000);
              await exited;
              clearTimeout(killer);
            },
          });
        } else {
          requests.push(line);
        }
      }
    });
  });
}
