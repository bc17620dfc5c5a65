import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  formatTransportUrl,
  hostLabel,
  parseTransportUrl,
  redactTransportUrl,
  type TransportUrl,
  withVirtualHost,
} from '../transport-url';

/**
 * Test support, for this package's tests: a real RabbitMQ, and a fresh virtual host per test
 * file so that files running in parallel (and the end-to-end test on vhost `/`, with Neutron's
 * real topic names) never see each other's queues. The broker is
 * `ML2TS_TEST_RABBITMQ_URL` (default `rabbit://guest:guest@127.0.0.1:5672/`; its vhost is
 * ignored); vhosts are made with `rabbitmqctl` (`ML2TS_RABBITMQCTL`, default the one on the
 * PATH or in /usr/sbin), which must be allowed to manage the local node. Not part of the
 * published package.
 */

/** The variable naming the test broker. */
export const TEST_RABBITMQ_URL_VARIABLE = 'ML2TS_TEST_RABBITMQ_URL';

/** The test broker: `ML2TS_TEST_RABBITMQ_URL`, default guest@127.0.0.1:5672. */
export function testBrokerUrl(): TransportUrl {
  return parseTransportUrl(
    process.env[TEST_RABBITMQ_URL_VARIABLE] || 'rabbit://guest:guest@127.0.0.1:5672/',
  );
}

/** The `rabbitmqctl` the tests run, or null when none is installed. */
export function rabbitmqctlPath(): string | null {
  const configured = process.env.ML2TS_RABBITMQCTL;
  if (configured) return configured;
  for (const directory of [
    ...(process.env.PATH ?? '').split(':'),
    '/usr/sbin',
    '/usr/lib/rabbitmq/bin',
  ]) {
    if (directory && existsSync(`${directory}/rabbitmqctl`)) return `${directory}/rabbitmqctl`;
  }
  return null;
}

/** A child process that exits 0 when a TCP connection to argv host:port opens within a second. */
const PROBE_SCRIPT = `
const socket = require('node:net').connect({ host: process.argv[1], port: Number(process.argv[2]) });
socket.on('connect', () => process.exit(0));
socket.on('error', () => process.exit(1));
setTimeout(() => process.exit(2), 1000);
`;

/** What the RabbitMQ tests do here: run, or skip / fail with one line saying why. */
export type RabbitmqPlan =
  { readonly action: 'run' } | { readonly action: 'skip' | 'fail'; readonly message: string };

let plan: RabbitmqPlan | undefined;

/**
 * Whether the RabbitMQ tests can run here (the broker answers and `rabbitmqctl` works), and when
 * they cannot, whether they skip (the default) or fail (`ML2TS_REQUIRE_SERVICES=1`). Probes once
 * per test file, synchronously (so that jest can decide while it collects tests): about half a
 * second when everything answers, never more than a few seconds. Never throws.
 */
export function rabbitmqPlan(): RabbitmqPlan {
  if (plan) return plan;
  const reason = unavailableReason();
  if (reason === null) plan = { action: 'run' };
  else if (process.env.ML2TS_REQUIRE_SERVICES === '1') {
    plan = {
      action: 'fail',
      message: `RabbitMQ tests cannot run: ${reason}. ML2TS_REQUIRE_SERVICES=1 is set, so this fails instead of skipping.`,
    };
  } else {
    plan = {
      action: 'skip',
      message: `RabbitMQ tests skipped: ${reason}; ML2TS_REQUIRE_SERVICES=1 makes this a failure.`,
    };
  }
  return plan;
}

function unavailableReason(): string | null {
  let broker: TransportUrl;
  try {
    broker = testBrokerUrl();
  } catch (error) {
    return `${TEST_RABBITMQ_URL_VARIABLE} is not a usable transport URL (${(error as Error).message})`;
  }
  const host = broker.hosts[0];
  const probe = spawnSync(
    process.execPath,
    ['-e', PROBE_SCRIPT, host.hostname, String(host.port)],
    {
      stdio: 'ignore',
      timeout: 3000,
    },
  );
  if (probe.status !== 0) {
    return (
      `no RabbitMQ answers at ${hostLabel(host)} (${TEST_RABBITMQ_URL_VARIABLE}=` +
      `${redactTransportUrl(broker)}); start one (apt-get install rabbitmq-server) or point ` +
      `${TEST_RABBITMQ_URL_VARIABLE} at one`
    );
  }
  const ctl = rabbitmqctlPath();
  if (!ctl) {
    return 'rabbitmqctl is not installed (it makes the scratch vhosts; set ML2TS_RABBITMQCTL)';
  }
  const check = spawnSync(ctl, ['-q', 'list_vhosts'], { stdio: 'ignore', timeout: 20_000 });
  if (check.status !== 0) {
    return `${ctl} cannot manage the local RabbitMQ node (run the tests as a user whose Erlang cookie matches the broker's)`;
  }
  return null;
}

/** The test and hook timeout of files that talk to RabbitMQ. */
export const RABBITMQ_TEST_TIMEOUT_MS = 30_000;

const warned = new Set<string>();

/**
 * `describe` for tests that need RabbitMQ: runs `body` when the broker and `rabbitmqctl` work
 * here (and raises the file's test timeout to 30 s), otherwise skips the block with ONE console
 * line saying why, or, under `ML2TS_REQUIRE_SERVICES=1`, fails with that line.
 */
export function describeWithRabbitmq(title: string, body: () => void): void {
  const current = rabbitmqPlan();
  if (current.action === 'run') {
    jest.setTimeout(RABBITMQ_TEST_TIMEOUT_MS);
    describe(title, body);
  } else if (current.action === 'fail') {
    describe(title, () => {
      it('has RabbitMQ and rabbitmqctl (ML2TS_REQUIRE_SERVICES=1)', () => {
        throw new Error(current.message);
      });
    });
  } else {
    if (!warned.has(current.message)) {
      warned.add(current.message);
      console.warn(current.message);
    }
    describe.skip(title, body);
  }
}

/** Runs `rabbitmqctl -q ARGS...`; resolves its output, rejects with its error output. */
export function rabbitmqctl(args: readonly string[]): Promise<string> {
  const ctl = rabbitmqctlPath();
  if (!ctl) return Promise.reject(new Error('rabbitmqctl is not installed'));
  return new Promise((resolve, reject) => {
    execFile(ctl, ['-q', ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error)
        reject(new Error(`rabbitmqctl ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** A queue as `rabbitmqctl list_queues` shows it. */
export interface ListedQueue {
  readonly name: string;
  readonly durable: boolean;
  readonly auto_delete: boolean;
  readonly exclusive: boolean;
  readonly arguments: Record<string, unknown>;
  readonly consumers: number;
  readonly messages: number;
}

/** A binding as `rabbitmqctl list_bindings` shows it. */
export interface ListedBinding {
  readonly source_name: string;
  readonly destination_name: string;
  readonly routing_key: string;
}

/** An exchange as `rabbitmqctl list_exchanges` shows it. */
export interface ListedExchange {
  readonly name: string;
  readonly type: string;
  readonly durable: boolean;
  readonly auto_delete: boolean;
}

/** One fresh virtual host on the test broker, with `guest`-like full permissions. */
export interface ScratchVhost {
  /** `ml2ts-test-<random>`. */
  readonly name: string;
  /** The broker's URL on this vhost. */
  readonly url: TransportUrl;
  /** The same, as text (password included). */
  readonly urlText: string;
  /** Makes the broker close every connection to this vhost (as an operator or a crash would). */
  closeAllConnections(): Promise<void>;
  /** Deletes one queue (its consumers are cancelled by the broker). */
  deleteQueue(queue: string): Promise<void>;
  listQueues(): Promise<ListedQueue[]>;
  listBindings(): Promise<ListedBinding[]>;
  listExchanges(): Promise<ListedExchange[]>;
  /** Deletes the vhost with everything in it. */
  remove(): Promise<void>;
}

function parseListing<T>(output: string): T[] {
  const text = output.trim();
  return text ? (JSON.parse(text) as T[]) : [];
}

function normalizeArguments(value: unknown): Record<string, unknown> {
  // rabbitmqctl's JSON lists a queue's arguments as [name, type, value] triples.
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value
        .filter((item): item is unknown[] => Array.isArray(item) && item.length === 3)
        .map((item) => [String(item[0]), item[2]]),
    );
  }
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/**
 * Creates `ml2ts-test-<random>` on the test broker (`rabbitmqctl add_vhost`, then
 * `set_permissions` for the broker URL's user on everything). Takes about a second.
 */
export async function createScratchVhost(): Promise<ScratchVhost> {
  const broker = testBrokerUrl();
  const name = `ml2ts-test-${randomBytes(6).toString('hex')}`;
  await rabbitmqctl(['add_vhost', name]);
  await rabbitmqctl(['set_permissions', '-p', name, broker.hosts[0].username, '.*', '.*', '.*']);
  const url = withVirtualHost(broker, name);
  return {
    name,
    url,
    urlText: formatTransportUrl(url),
    closeAllConnections: async () => {
      await rabbitmqctl(['close_all_connections', '-p', name, 'closed by an ml2ts test']);
    },
    deleteQueue: async (queue) => {
      await rabbitmqctl(['delete_queue', '-p', name, queue]);
    },
    listQueues: async () =>
      parseListing<ListedQueue>(
        await rabbitmqctl([
          'list_queues',
          '-p',
          name,
          'name',
          'durable',
          'auto_delete',
          'exclusive',
          'arguments',
          'consumers',
          'messages',
          '--formatter',
          'json',
        ]),
      ).map((queue) => ({ ...queue, arguments: normalizeArguments(queue.arguments) })),
    listBindings: async () =>
      parseListing<ListedBinding>(
        await rabbitmqctl([
          'list_bindings',
          '-p',
          name,
          'source_name',
          'destination_name',
          'routing_key',
          '--formatter',
          'json',
        ]),
      ),
    listExchanges: async () =>
      parseListing<ListedExchange>(
        await rabbitmqctl([
          'list_exchanges',
          '-p',
          name,
          'name',
          'type',
          'durable',
          'auto_delete',
          '--formatter',
          'json',
        ]),
      ),
    remove: async () => {
      await rabbitmqctl(['delete_vhost', name]);
    },
  };
}

/**
 * Registers `beforeAll` / `afterAll` hooks in the current `describe` that create one scratch
 * vhost for the file's tests and delete it afterwards; `current` reads it inside tests.
 */
export function useScratchVhost(): { readonly current: ScratchVhost } {
  let vhost: ScratchVhost | undefined;
  beforeAll(async () => {
    vhost = await createScratchVhost();
  });
  afterAll(async () => {
    await vhost?.remove();
  });
  return {
    get current(): ScratchVhost {
      if (!vhost) throw new Error('the scratch vhost is made in beforeAll');
      return vhost;
    },
  };
}
