import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AgentChannel,
  type AgentNotification,
  openAgentChannel,
  RpcTimeoutError,
} from '@ml2ts/agent-rpc';
import { AmqpTransport } from '@ml2ts/transport-amqp';
import pino from 'pino';
import {
  describeWithRabbitmq,
  rabbitmqctl,
  useScratchVhost,
} from '../../transport-amqp/src/test-support/scratch-vhost';
import { type RunningServer, startServer } from './start-server';
import { TEST_AGENTS, TEST_ENGINE_OPTIONS } from './test-support/build-test-server';

// Two `ml2ts server`s on one database and one broker, as two processes of a deployment would be:
// agents' calls are answered by either, each fanout reaches every agent once, and a server
// that dies in the middle of a call does not lose it silently.

const FAST_RETRY = { initialDelayMs: 100, maxDelayMs: 500 };

/** Polls until `probe` answers something other than undefined, for at most `timeoutMs`. */
async function eventually<T>(timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeWithRabbitmq('several ml2ts servers on one bus', () => {
  const vhost = useScratchVhost();
  let dir: string;
  const servers: RunningServer[] = [];
  const transports: AmqpTransport[] = [];
  const channels: AgentChannel[] = [];
  const heard = new Map<string, AgentNotification[]>();

  async function startOne(host: string): Promise<RunningServer> {
    const transport = new AmqpTransport({
      url: vhost.current.url,
      host,
      retry: FAST_RETRY,
      callTimeoutMs: 5_000,
    });
    transports.push(transport);
    const server = await startServer({
      engine: { ...TEST_ENGINE_OPTIONS, database: join(dir, 'shared.sqlite') },
      listen: { host: '127.0.0.1', port: 0 },
      log: pino({ level: 'silent' }),
      agentTransport: transport,
    });
    servers.push(server);
    return server;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ml2ts-two-servers-'));
    await startOne('server-a');
    await startOne('server-b');
    const agents = new AmqpTransport({ url: vhost.current.url, retry: FAST_RETRY });
    transports.push(agents);
    for (const report of TEST_AGENTS) {
      const channel = await openAgentChannel(agents, report.host, { timeoutMs: 3_000 });
      const notifications: AgentNotification[] = [];
      heard.set(report.host, notifications);
      await channel.subscribe((notification) => notifications.push(notification));
      channels.push(channel);
    }
  });

  afterAll(async () => {
    for (const channel of channels) await channel.close();
    for (const server of servers) await server.close();
    for (const transport of transports) await transport.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("answers agents' calls from either server", async () => {
    const [a, b] = servers;
    const answered = { a: 0, b: 0 };
    for (const [server, key] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      const rpc = server.engine.plugin.rpc;
      const reportState = rpc.reportState.bind(rpc);
      rpc.reportState = async (...args) => {
        answered[key] += 1;
        return reportState(...args);
      };
    }
    const [channel] = channels;
    for (let report = 0; report < 20; report++) {
      expect(await channel.reportState({ agent_state: TEST_AGENTS[0] })).toMatch(/new|alive/);
    }
    expect(answered.a + answered.b).toBe(20);
    expect(answered.a).toBeGreaterThan(0);
    expect(answered.b).toBeGreaterThan(0);
    // Both servers read the one database: the agent is alive for either.
    for (const server of servers) {
      const agents = await server.engine.plugin.agents.list();
      expect(agents.find((agent) => agent.host === TEST_AGENTS[0].host)?.alive).toBe(true);
    }
  });

  it('delivers each fanout to every agent once, whichever server made the change', async () => {
    const [a, b] = servers;
    for (const server of [a, b]) {
      const network = await server.engine.plugin.createNetwork({});
      await server.engine.plugin.deleteNetwork(network.id);
      for (const [host, notifications] of heard) {
        const deletes = await eventually(5_000, async () => {
          const found = notifications.filter(
            (notification) =>
              notification.type === 'networkDelete' && notification.network_id === network.id,
          );
          return found.length > 0 ? found : undefined;
        });
        // Give a duplicate the time to arrive, then count.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect({ host, deletes: deletes.length }).toEqual({ host, deletes: 1 });
        const pushes = notifications.filter(
          (notification) =>
            notification.type === 'resourcePush' &&
            notification.event_type === 'deleted' &&
            notification.resources.some(
              (object) => object['versioned_object.data'].id === network.id,
            ),
        );
        expect({ host, pushes: pushes.length }).toEqual({ host, pushes: 1 });
      }
    }
  });

  it('does not lose a call silently when the server handling it dies: it is answered or times out, and a retry succeeds', async () => {
    const [a, b] = servers;
    const network = await a.engine.plugin.createNetwork({});
    const port = await a.engine.plugin.createPort({
      network_id: network.id,
      'binding:host_id': TEST_AGENTS[0].host,
    });
    // Whichever server takes the call first hangs in it and then loses its connection, as a
    // server process dying mid-call would.
    let hung: string | undefined;
    // Released at the end, so that the dead server's close is not kept waiting for it.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    for (const [server, name] of [
      [a, 'server-a'],
      [b, 'server-b'],
    ] as const) {
      const rpc = server.engine.plugin.rpc;
      const updateDeviceUp = rpc.updateDeviceUp.bind(rpc);
      rpc.updateDeviceUp = async (request) => {
        if (hung === undefined) {
          hung = name;
          return released;
        }
        return updateDeviceUp(request);
      };
    }
    const [channel] = channels;
    const device = { device: port.id, host: TEST_AGENTS[0].host, agent_id: 'ovs-compute-1' };
    const call = channel.updateDeviceUp(device).then(
      () => 'answered',
      (error: unknown) => {
        if (error instanceof RpcTimeoutError) return 'timed out';
        throw error;
      },
    );
    try {
      const dying = await eventually(3_000, async () => hung);
      await closeConnectionNamed(vhost.current.name, `ml2ts server ${dying} rpc`);
      const outcome = await call;
      expect(['answered', 'timed out']).toContain(outcome);
      if (outcome === 'timed out') await channel.updateDeviceUp(device);
      expect((await b.engine.plugin.getPort(port.id)).status).toBe('ACTIVE');
    } finally {
      release();
    }
  });
});

/** Makes the broker close the connection whose client named itself `connectionName`. */
async function closeConnectionNamed(vhost: string, connectionName: string): Promise<void> {
  // The plain listing prints each connection's pid as `close_connection` takes it.
  const listing = await rabbitmqctl(['list_connections', '-p', vhost, 'pid', 'client_properties']);
  const line = listing.split('\n').find((candidate) => candidate.includes(connectionName));
  if (!line) throw new Error(`no connection named ${connectionName} on ${vhost}`);
  const pid = line.split('\t')[0].trim();
  await rabbitmqctl(['close_connection', pid, 'an ml2ts test kills a server']);
}
